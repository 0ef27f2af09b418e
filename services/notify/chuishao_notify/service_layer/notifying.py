"""The use cases behind notifying: a consumed case event becomes delivery rows and reminder timers,
and a due reminder becomes delivery rows. Each runs inside one transaction — for a case event the
consumer's, which also records the event id — so the decision to notify and the durable rows that
carry it out commit together or not at all."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_notify.adapters import store
from chuishao_notify.domain.notices import Audience, Notice, notice_for
from chuishao_notify.domain.reminders import open_deadlines, reminders_for
from chuishao_notify.metrics import NOTICES, REMINDERS
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_shared.events import Envelope

log = logging.getLogger(__name__)

CONSUMER_NAME = "notify"


async def on_event(ctx: NotifyContext, conn: AsyncConnection, envelope: Envelope) -> None:
    if envelope.type == "report.received":
        await remember_place(conn, envelope)
    elif envelope.type.startswith("case."):
        await on_case_event(ctx, conn, envelope)


async def remember_place(conn: AsyncConnection, envelope: Envelope) -> None:
    """Only the place is kept of a report (never its description, reporter or resident)."""
    place = envelope.data.get("place")
    report_id = envelope.data.get("report_id") or envelope.subject
    if isinstance(place, dict) and report_id:
        await store.save_report_place(conn, str(report_id), place)


async def on_case_event(ctx: NotifyContext, conn: AsyncConnection, envelope: Envelope) -> None:
    case = envelope.data.get("case")
    if not isinstance(case, dict) or not case.get("id"):
        return
    # Case events carry no address; the report's place (heard on the reports topic) names it.
    place = await store.report_place(conn, case.get("report_ids") or [])
    if place:
        case = {**case, "place": place}
    data = {**envelope.data, "case": case}
    newest = await store.save_case(conn, case["id"], envelope.sequence, case)
    planned = notice_for(envelope.type, str(envelope.id), envelope.time, data, ctx.duty_desks(case.get("community")))
    if planned is not None:
        await enqueue(conn, *planned)
    if newest:  # an older snapshot replayed late must not re-arm reminders a newer one cancelled
        await sync_reminders(ctx, conn, case, envelope.time)


async def enqueue(conn: AsyncConnection, audience: Audience, notice: Notice) -> int:
    """One delivery row per subscription that wants this notice; returns how many are new."""
    subs = await store.subscribers(
        conn, notice.kind, departments=audience.departments, jurisdictions=audience.jurisdictions
    )
    if audience.nearest:
        with_desk = {s.jurisdiction for s in subs if s.jurisdiction}
        nearest = next((j for j in audience.jurisdictions if j in with_desk), None)
        subs = [s for s in subs if s.department or s.jurisdiction == nearest]
    added = len(await store.add_deliveries(conn, notice, [s.id for s in subs]))
    if added:
        await store.wake_workers(conn)
        NOTICES.labels(notice.kind).inc(added)
    return added


async def sync_reminders(ctx: NotifyContext, conn: AsyncConnection, case: dict, seen_at: datetime) -> None:
    """Arm reminders for deadlines first seen now; disarm those of deadlines no longer owed."""
    owed = open_deadlines(case)
    known = await store.known_deadlines(conn, case["id"])
    for deadline, statuses in known.items():
        if deadline not in owed and "scheduled" in statuses:
            await store.cancel_reminders(conn, deadline)
    new = [r for deadline in owed - known.keys() for r in reminders_for(deadline, seen_at, ctx.schedule)]
    await store.schedule_reminders(conn, new)


async def fire_due_reminders(ctx: NotifyContext, limit: int = 100) -> int:
    """Turn due reminders into deliveries, in one transaction; a reminder whose deadline has already
    passed is dropped (escalation speaks then). Safe on every replica: rows are claimed with SKIP LOCKED."""
    now = datetime.now(UTC)
    fired = expired = 0
    async with ctx.engine.begin() as conn:
        for reminder in await store.claim_due_reminders(conn, limit):
            if reminder.due_at <= now:
                await store.settle_reminder(conn, reminder.id, "expired")
                expired += 1
                continue
            notice = Notice(
                event_id=reminder.event_id,
                kind="reminder",
                occurred_at=reminder.fire_at,
                case=await store.case_snapshot(conn, reminder.case_id),
                details={
                    "deadline": reminder.kind,
                    "due_at": reminder.due_at.isoformat(),
                    "department": reminder.department,
                },
            )
            await enqueue(conn, Audience(departments=(reminder.department,)), notice)
            await store.settle_reminder(conn, reminder.id, "fired")
            fired += 1
    REMINDERS.labels("fired").inc(fired)
    REMINDERS.labels("expired").inc(expired)
    return fired + expired
