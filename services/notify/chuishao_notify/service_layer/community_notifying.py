"""The community side's use cases: a consumed community event becomes delivery rows for the
community's matching subscriptions and arms or disarms a member's claim reminders; a due claim
reminder becomes delivery rows. Each in one unit of work (for a consumed event the consumer's, which
records the event id), so deliveries are decided once per event and subscription (the deliveries'
unique key): exactly-once per destination, as for case notices."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chuishao_notify.domain import commands as c
from chuishao_notify.domain.community_notices import (
    FILTERED_KINDS,
    CommunityAudience,
    community_notice_for,
    held_claim,
    need_reminders,
    need_view,
)
from chuishao_notify.domain.escalation import ChainKey, default_policy, policy_in_force
from chuishao_notify.domain.need_escalation import chain_id, need_plan
from chuishao_notify.domain.notices import NEED_REMINDER, Notice
from chuishao_notify.metrics import NOTICES, REMINDERS
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork


async def enqueue_community(uow: AbstractUnitOfWork, audience: CommunityAudience, notice: Notice) -> int:
    subs = await uow.subscriptions.community_subscribers(
        notice.kind,
        audience.community,
        grid=audience.grid,
        skills=audience.skills,
        filtered=notice.kind in FILTERED_KINDS,
    )
    added = len(await uow.deliveries.add(notice, [s.id for s in subs]))
    if added:
        await uow.deliveries.wake_workers()
        uow.after_commit(lambda: NOTICES.labels(notice.kind).inc(added))
    return added


async def notify_of_community_event(cmd: c.NotifyOfCommunityEvent, uow: AbstractUnitOfWork, ctx: NotifyContext) -> None:
    async with uow:
        planned = community_notice_for(cmd.type, cmd.event_id, cmd.time, cmd.data)
        if planned is not None:
            await enqueue_community(uow, *planned)
        need_id = str(cmd.data.get("need_id") or "")
        if cmd.type.startswith("need.") and need_id and await uow.need_reminders.save_sequence(need_id, cmd.sequence):
            await sync_need_chain(uow, ctx, need_view(cmd.data), cmd.event_id, cmd.sequence)
            held = held_claim(cmd.data)
            await uow.need_reminders.cancel_except(need_id, held[0] if held else None)
            if held and held[0] not in await uow.need_reminders.armed_claims(need_id):
                await uow.need_reminders.schedule(
                    need_reminders(cmd.data, cmd.time, ctx.schedule.fractions, ctx.schedule.before)
                )
        await uow.commit()


async def sync_need_chain(
    uow: AbstractUnitOfWork, ctx: NotifyContext, need: dict[str, Any], event_id: str, sequence: int
) -> None:
    """Start the escalation chain of an open need nearing its wanted-by date with no claim, or stop it
    (domain/need_escalation.py). The need's whitelisted view is kept as the chain's snapshot, for the
    messages (codes, ids and times only)."""
    community = str(need.get("community") or "")
    if not community:
        return
    case_id = chain_id(str(need["need_id"]))
    at = datetime.now(UTC)
    plan = need_plan(need, at, ctx.need_escalation_lead)
    if plan.action == "stop":
        await uow.escalation.stop_all(case_id, plan.stop_status)
    elif plan.action == "start":
        await uow.cases.save(case_id, sequence, {**need, "id": case_id})
        if not await uow.escalation.running(case_id):
            policy = policy_in_force(await uow.escalation.versions(community), at) or default_policy(community)
            key = ChainKey(case_id, community, f"open:{event_id}")
            await uow.escalation.start(key, community, policy, at, due_at=plan.due_at)


async def fire_due_need_reminders(cmd: c.FireDueNeedReminders, uow: AbstractUnitOfWork, _ctx: NotifyContext) -> int:
    now = datetime.now(UTC)
    fired = expired = 0
    async with uow:
        for reminder in await uow.need_reminders.claim_due(cmd.limit):
            if reminder.wanted_by <= now:
                await uow.need_reminders.settle(reminder.id, "expired")
                expired += 1
                continue
            need = reminder.need
            notice = Notice(reminder.event_id, NEED_REMINDER, reminder.fire_at, details=need)
            audience = CommunityAudience(str(need.get("community")), need.get("grid"), tuple(need.get("skills", ())))
            await enqueue_community(uow, audience, notice)
            await uow.need_reminders.settle(reminder.id, "fired")
            fired += 1

        def count() -> None:
            REMINDERS.labels("fired").inc(fired)
            REMINDERS.labels("expired").inc(expired)

        uow.after_commit(count)
        await uow.commit()
    return fired + expired
