"""The use cases behind notifying: a consumed case event becomes delivery rows and reminder timers,
and a due reminder becomes delivery rows. Each runs in one unit of work — for a consumed event the
consumer's transaction, which also records the event id — so the decision to notify and the durable
rows that carry it out commit together or not at all. Counters move only after that commit."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from chuishao_notify.domain import commands as c
from chuishao_notify.domain.notices import REMINDER, Audience, Notice, notice_for
from chuishao_notify.domain.reminders import open_deadlines, reminders_for
from chuishao_notify.metrics import NOTICES, REMINDERS
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.escalating import sync_chains
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork

log = logging.getLogger(__name__)


async def remember_place(cmd: c.RememberPlace, uow: AbstractUnitOfWork, _ctx: NotifyContext) -> None:
    """Only the place is kept of a report (never its description, reporter or resident)."""
    async with uow:
        await uow.cases.save_report_place(cmd.report_id, cmd.place)
        await uow.commit()


async def notify_of_case_event(cmd: c.NotifyOfCaseEvent, uow: AbstractUnitOfWork, ctx: NotifyContext) -> None:
    case = cmd.data.get("case")
    if not isinstance(case, dict) or not case.get("id"):
        return
    async with uow:
        # Case events carry no address; the report's place (heard on the reports topic) names it.
        place = await uow.cases.report_place(case.get("report_ids") or [])
        if place:
            case = {**case, "place": place}
        data = {**cmd.data, "case": case}
        newest = await uow.cases.save(case["id"], cmd.sequence, case)
        planned = notice_for(cmd.type, cmd.event_id, cmd.time, data, ctx.duty_desks(case.get("community")))
        if planned is not None:
            await enqueue(uow, *planned)
        if newest:  # an older snapshot replayed late must not re-arm reminders a newer one cancelled
            await sync_reminders(ctx, uow, case, cmd.time)
            await sync_chains(uow, case, cmd.type)  # escalation: start chains awaiting 签收, stop the rest
        await uow.commit()


async def enqueue(uow: AbstractUnitOfWork, audience: Audience, notice: Notice) -> int:
    """One delivery row per subscription that wants this notice; returns how many are new."""
    subs = await uow.subscriptions.subscribers(
        notice.kind, departments=audience.departments, jurisdictions=audience.jurisdictions
    )
    if audience.nearest:
        with_desk = {s.jurisdiction for s in subs if s.jurisdiction}
        nearest = next((j for j in audience.jurisdictions if j in with_desk), None)
        subs = [s for s in subs if s.department or s.jurisdiction == nearest]
    added = len(await uow.deliveries.add(notice, [s.id for s in subs]))
    if added:
        await uow.deliveries.wake_workers()
        uow.after_commit(lambda: NOTICES.labels(notice.kind).inc(added))
    return added


async def sync_reminders(ctx: NotifyContext, uow: AbstractUnitOfWork, case: dict[str, Any], seen_at: datetime) -> None:
    """Arm reminders for deadlines first seen now; disarm those of deadlines no longer owed."""
    owed = open_deadlines(case)
    known = await uow.reminders.known_deadlines(case["id"])
    for deadline, statuses in known.items():
        if deadline not in owed and "scheduled" in statuses:
            await uow.reminders.cancel(deadline)
    new = [r for deadline in owed - known.keys() for r in reminders_for(deadline, seen_at, ctx.schedule)]
    await uow.reminders.schedule(new)


async def fire_due_reminders(cmd: c.FireDueReminders, uow: AbstractUnitOfWork, _ctx: NotifyContext) -> int:
    """Turn due reminders into deliveries, in one unit of work; a reminder whose deadline has already
    passed is dropped (escalation speaks then). Safe on every replica: rows are claimed with SKIP LOCKED."""
    now = datetime.now(UTC)
    fired = expired = 0
    async with uow:
        for reminder in await uow.reminders.claim_due(cmd.limit):
            if reminder.due_at <= now:
                await uow.reminders.settle(reminder.id, "expired")
                expired += 1
                continue
            notice = Notice(
                event_id=reminder.event_id,
                kind=REMINDER,
                occurred_at=reminder.fire_at,
                case=await uow.cases.snapshot(reminder.case_id),
                details={
                    "deadline": reminder.kind,
                    "due_at": reminder.due_at.isoformat(),
                    "department": reminder.department,
                },
            )
            await enqueue(uow, Audience(departments=(reminder.department,)), notice)
            await uow.reminders.settle(reminder.id, "fired")
            fired += 1
        uow.after_commit(lambda: _count_reminders(fired, expired))
        await uow.commit()
    return fired + expired


def _count_reminders(fired: int, expired: int) -> None:
    REMINDERS.labels("fired").inc(fired)
    REMINDERS.labels("expired").inc(expired)
