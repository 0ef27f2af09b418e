"""Use cases of volunteer service activities (志愿服务活动): create, sign up by skill slot, check in and
out by the organiser's signed QR code or the organiser's mark, grant hours, close (no-shows and people
served). A check-out appends the attended hours to the ledger (source `activity`, the domain's capped
rule) and a grant its hours (source `granted`), each with `hours.recorded`, in the same transaction.

Refusals from domain/activities.py (`ActivityError`) keep their field; nothing is written."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain import force_commands as fc
from chuishao_community.domain.activities import Activity, ActivityConflict, HoursEntry, issue_code
from chuishao_community.domain.activity_records import ActivityRecord
from chuishao_community.domain.errors import Forbidden, InvalidCommand, NotFound
from chuishao_community.domain.members import ACTIVE
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.force_handlers import _finish, _replayed
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_community.views_forces import activity_view
from chuishao_shared.events.types import EventType
from chuishao_shared.pagination import encode_cursor
from chuishao_shared.times import utc_iso

View = dict[str, Any]


async def visible_activity(uow: SqlUnitOfWork, actor: Actor, activity_id: str, *, lock: bool = False) -> Loaded:
    loaded = await uow.activities.get(activity_id, lock=lock)
    if loaded is None or not loaded.item.may_see(actor):
        raise NotFound("activity", activity_id)
    return loaded


def _organiser(record: ActivityRecord, actor: Actor) -> None:
    if not record.is_organiser(actor):
        raise Forbidden("activity", "only the activity's organiser or the community's staff may do this")


async def _own_member(uow: SqlUnitOfWork, actor: Actor) -> Any:
    registration = await uow.members.of_subject(actor.sub, actor.community or "")
    if registration is None or registration.item.status != ACTIVE:
        raise Forbidden("member", "register (报到) and be confirmed by the community's staff first")
    return registration.item


async def create(cmd: fc.CreateActivity, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    actor, community = cmd.actor, cmd.actor.community or ""
    now = ctx.now()
    organiser = cmd.organiser
    if actor.role == "volunteer":
        if organiser not in (None, actor.sub):
            raise Forbidden("organiser", "a volunteer organises as themselves")
        organiser = actor.sub
    elif organiser is None and cmd.team is None:
        organiser = actor.sub
    for i, slot in enumerate(cmd.slots):
        if slot.skill is not None and slot.skill not in ctx.taxonomy.skill_codes:
            raise InvalidCommand(f"slots.{i}.skill", f"unknown skill {slot.skill!r} (GET /v1/skills lists them)")
    if cmd.starts_at.tzinfo is not None and cmd.starts_at <= now:
        raise InvalidCommand("starts_at", "lies in the past")
    activity = Activity.create(
        id=str(uuid.uuid4()),
        community=community,
        title=cmd.title,
        starts_at=cmd.starts_at,
        ends_at=cmd.ends_at,
        place=cmd.place,
        slots=cmd.slots,
        organiser=organiser,
        team=cmd.team,
    )
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        if actor.role == "volunteer":
            await _own_member(uow, actor)
        record = ActivityRecord(activity, actor.sub, now, cmd.description)
        loaded = Loaded(record, 0)
        events = [record.event(EventType.ACTIVITY_CREATED, now)]
        await uow.publish(loaded, record.id, events)
        await uow.activities.save(record.id, loaded, new=True)
        return await _finish(uow, cmd, activity_view(record, actor), events, 201)


async def sign_up(cmd: fc.SignUp, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_activity(uow, cmd.actor, cmd.activity_id, lock=True)
        record: ActivityRecord = loaded.item
        if cmd.actor.role != "volunteer":
            raise Forbidden("member", "a volunteer signs up as themselves")
        member = await _own_member(uow, cmd.actor)
        signup = record.activity.sign_up(member.id, cmd.slot, member.skills, now)
        record.subjects[member.id] = cmd.actor.sub
        events = [record.event(EventType.ACTIVITY_SIGNED_UP, now, member_id=member.id, slot=signup.slot)]
        await uow.publish(loaded, record.id, events)
        await uow.activities.save(record.id, loaded)
        return await _finish(uow, cmd, activity_view(record, cmd.actor), events, 201)


async def qr(uow: SqlUnitOfWork, ctx: CommunityContext, actor: Actor, activity_id: str) -> View:
    """The organiser's current QR token (short-lived; a new one each time it is asked for)."""
    async with uow:
        record: ActivityRecord = (await visible_activity(uow, actor, activity_id)).item
    _organiser(record, actor)
    now = ctx.now()
    code = issue_code(record.id, ctx.qr_key, now)
    expires = int(code.split(".")[1])
    return {
        "activity_id": record.id,
        "code": code,
        "expires_at": utc_iso(datetime.fromtimestamp(expires, tz=now.tzinfo)),
    }


async def _record_hours(
    uow: SqlUnitOfWork, record: ActivityRecord, entry: HoursEntry, reason: str | None
) -> list[DomainEvent]:
    """One ledger entry with its `hours.recorded` (none for 0 hours: nothing was earned)."""
    if entry.hours <= 0:
        return []
    member = await uow.members.get(entry.member, lock=True)
    if member is None:
        return []
    entry_id = str(uuid.uuid4())
    hours = float(entry.hours)
    await uow.ledger.add(
        entry_id=entry_id,
        member_id=entry.member,
        community=record.community,
        hours=hours,
        source=entry.source,
        ref=record.id,
        at=entry.at,
        reason=reason,
    )
    data = {
        "entry_id": entry_id,
        "member_id": entry.member,
        "community": record.community,
        "hours": hours,
        "source": entry.source,
        "ref": record.id,
        "at": entry.at.isoformat(),
    }
    recorded = [DomainEvent(EventType.HOURS_RECORDED, data)]
    await uow.save_member(member, recorded)
    return recorded


async def check(cmd: fc.CheckActivity, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    actor = cmd.actor
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_activity(uow, actor, cmd.activity_id, lock=True)
        if (cmd.code is None) == (cmd.member is None):
            raise InvalidCommand(
                "code", "give the QR `code` (the member scans) or `member` and `at` (the organiser marks)"
            )
        record: ActivityRecord = loaded.item
        activity = record.activity
        if record.closed_at is not None:
            raise ActivityConflict("activity", "closed", "the activity is closed")
        if cmd.code is not None:
            if actor.role != "volunteer":
                raise Forbidden("code", "a member scans the organiser's code with their own token")
            member_id = (await _own_member(uow, actor)).id
            if cmd.out:
                entry: HoursEntry | None = activity.check_out_by_code(member_id, cmd.code, ctx.qr_key, now)
            else:
                activity.check_in_by_code(member_id, cmd.code, ctx.qr_key, now)
                entry = None
            how = "code"
        else:
            _organiser(record, actor)
            member_id = cmd.member or ""
            at = cmd.at or now
            if at.tzinfo is None:
                raise InvalidCommand("at", "must carry a time zone (RFC 3339)")
            if cmd.out:
                entry = activity.mark_check_out(member_id, at, now)
            else:
                activity.mark_check_in(member_id, at, now)
                entry = None
            how = "organiser"
        type_ = EventType.ACTIVITY_CHECKED_OUT if cmd.out else EventType.ACTIVITY_CHECKED_IN
        extra: dict[str, Any] = {"member_id": member_id, "how": how}
        if entry is not None:
            extra["hours"] = float(entry.hours)
        events = [record.event(type_, now, **extra)]
        await uow.publish(loaded, record.id, events)
        if entry is not None:
            events += await _record_hours(uow, record, entry, None)
        await uow.activities.save(record.id, loaded)
        return await _finish(uow, cmd, activity_view(record, actor), events)


async def grant(cmd: fc.GrantHours, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_activity(uow, cmd.actor, cmd.activity_id, lock=True)
        record: ActivityRecord = loaded.item
        _organiser(record, cmd.actor)
        member = await uow.members.get(cmd.member)
        if member is None or member.item.community != record.community:
            raise InvalidCommand("member", f"no member {cmd.member} in {record.community}")
        entry = record.activity.grant_hours(cmd.member, cmd.hours, cmd.reason, cmd.actor.sub, now, ctx.hours_policy)
        events = [record.event(EventType.ACTIVITY_HOURS_GRANTED, now, member_id=cmd.member, hours=float(entry.hours))]
        await uow.publish(loaded, record.id, events)
        events += await _record_hours(uow, record, entry, cmd.reason)
        await uow.activities.save(record.id, loaded)
        return await _finish(uow, cmd, activity_view(record, cmd.actor), events, 201)


async def close(cmd: fc.CloseActivity, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    now = ctx.now()
    async with uow:
        if (replayed := await _replayed(uow, cmd)) is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_activity(uow, cmd.actor, cmd.activity_id, lock=True)
        record: ActivityRecord = loaded.item
        _organiser(record, cmd.actor)
        no_shows = record.close(cmd.people_served, now)
        attended = sum(1 for s in record.activity.signups.values() if s.checked_in_at is not None)
        events = [record.event(EventType.ACTIVITY_CLOSED, now, no_show_count=len(no_shows), attended_count=attended)]
        await uow.publish(loaded, record.id, events)
        await uow.activities.save(record.id, loaded)
        return await _finish(uow, cmd, activity_view(record, cmd.actor), events)


async def activities(uow: SqlUnitOfWork, actor: Actor, *, limit: int, after: tuple[datetime, str] | None) -> View:
    async with uow:
        rows = await uow.activities.list(community=actor.community or "", limit=limit, after=after)
    last = rows[-1] if len(rows) == limit else None
    return {
        "items": [activity_view(r, actor) for r in rows],
        "next_cursor": encode_cursor(last.activity.starts_at, last.id) if last else None,
    }


async def activity(uow: SqlUnitOfWork, actor: Actor, activity_id: str) -> View:
    async with uow:
        return activity_view((await visible_activity(uow, actor, activity_id)).item, actor)


HANDLERS: dict[type, Any] = {
    fc.CreateActivity: create,
    fc.SignUp: sign_up,
    fc.CheckActivity: check,
    fc.GrantHours: grant,
    fc.CloseActivity: close,
}
