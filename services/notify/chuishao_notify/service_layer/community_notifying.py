"""The community side's use cases: a consumed community event becomes delivery rows for the
community's matching subscriptions and arms or disarms a member's claim reminders; a due claim
reminder becomes delivery rows. Each in one unit of work (for a consumed event the consumer's, which
records the event id), so deliveries are decided once per event and subscription (the deliveries'
unique key): exactly-once per destination, as for case notices."""

from __future__ import annotations

from datetime import UTC, datetime

from chuishao_notify.domain import commands as c
from chuishao_notify.domain.community_notices import (
    FILTERED_KINDS,
    CommunityAudience,
    community_notice_for,
    held_claim,
    need_reminders,
)
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
            held = held_claim(cmd.data)
            await uow.need_reminders.cancel_except(need_id, held[0] if held else None)
            if held and held[0] not in await uow.need_reminders.armed_claims(need_id):
                await uow.need_reminders.schedule(
                    need_reminders(cmd.data, cmd.time, ctx.schedule.fractions, ctx.schedule.before)
                )
        await uow.commit()


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
