"""The community's use cases: one handler per command, each in one unit of work. Routes, the sweep and
the whistle relay all come here with commands.

A handler claims the Idempotency-Key, loads and locks the aggregate, checks the caller may see it (else
NotFound), lets the domain decide, saves the aggregate with its events in the outbox, stores the
answer and commits once. Domain errors only; `entrypoints/errors.py` makes them problem+json."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeAlias

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain import commands as c
from chuishao_community.domain import members as member_rules
from chuishao_community.domain.errors import AlreadyRegistered, Forbidden, InvalidCommand, NotFound
from chuishao_community.domain.members import ACTIVE, Member
from chuishao_community.domain.needs import Claimant, Need
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_community.service_layer import (
    activity_handlers,
    case_needs,
    certificate_handlers,
    force_handlers,
    team_handlers,
)
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.topic_handlers import TOPIC_HANDLERS
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_community.views import member_view, need_view
from chuishao_shared.events.types import EventType
from chuishao_shared.observability import COMMUNITY_EVENTS
from chuishao_shared.service_layer.messagebus import MessageBus

View = dict[str, Any]
CommunityBus: TypeAlias = MessageBus[SqlUnitOfWork, CommunityContext]
log = logging.getLogger(__name__)


def count(events: list[DomainEvent]) -> Callable[[], None]:
    def record() -> None:
        for event in events:
            COMMUNITY_EVENTS.labels(event.type).inc()

    return record


def _check_skills(ctx: CommunityContext, skills: tuple[str, ...]) -> None:
    known = ctx.taxonomy.skill_codes
    for i, code in enumerate(skills):
        if code not in known:
            raise InvalidCommand(f"skills.{i}", f"unknown skill {code!r} (GET /v1/skills lists them)")


# ------------------------------------------------------------------------------------- members


async def visible_member(uow: SqlUnitOfWork, actor: Actor, member_id: str, *, lock: bool = False) -> Loaded:
    loaded = await uow.members.get(member_id, lock=lock)
    member: Member | None = loaded.item if loaded else None
    if loaded is None or member is None or not (actor.is_staff_of(member.community) or member.is_self(actor)):
        raise NotFound("member", member_id)
    return loaded


async def register_member(cmd: c.RegisterMember, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    if not ctx.is_community(cmd.community):
        raise InvalidCommand("community", f"unknown community {cmd.community!r}")
    if ctx.community_of_grid(cmd.grid) != cmd.community:
        raise InvalidCommand("grid", f"{cmd.grid!r} is not a grid of {cmd.community}")
    _check_skills(ctx, cmd.skills)
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        now = ctx.now()
        member, event = member_rules.register(
            member_id=str(uuid.uuid4()),
            actor=cmd.actor,
            at=now,
            name=cmd.name,
            phone=cmd.phone,
            work_unit=cmd.work_unit,
            party_member=cmd.party_member,
            community=cmd.community,
            grid=cmd.grid,
            skills=cmd.skills,
            branch=cmd.branch,
            availability=cmd.availability,
            sub=cmd.sub,
        )
        if member.sub is not None and await uow.members.of_subject(member.sub, member.community) is not None:
            raise AlreadyRegistered()
        loaded = Loaded(member, 0)
        await uow.save_member(loaded, [event], new=True)
        view = member_view(member)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view, 201)
        uow.after_commit(count([event]))
        await uow.commit()
    return view


async def _member_act(
    cmd: c.ConfirmMember | c.PauseMember | c.LeaveMember,
    uow: SqlUnitOfWork,
    ctx: CommunityContext,
    decide: Callable[[Member, datetime], tuple[Member, DomainEvent]],
) -> View:
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_member(uow, cmd.actor, cmd.member_id, lock=True)
        loaded.item, event = decide(loaded.item, ctx.now())
        await uow.save_member(loaded, [event])
        view = member_view(loaded.item)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view)
        uow.after_commit(count([event]))
        await uow.commit()
    return view


async def confirm_member(cmd: c.ConfirmMember, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _member_act(cmd, uow, ctx, lambda m, at: m.confirm(cmd.actor, at))


async def pause_member(cmd: c.PauseMember, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _member_act(cmd, uow, ctx, lambda m, at: m.pause(cmd.actor, at))


async def leave_member(cmd: c.LeaveMember, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _member_act(cmd, uow, ctx, lambda m, at: m.leave(cmd.actor, at))


# --------------------------------------------------------------------------------------- needs


async def record_need(cmd: c.RecordNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    community = ctx.community_of_grid(cmd.grid)
    if community is None:
        raise InvalidCommand("grid", f"unknown grid {cmd.grid!r}")
    actor = cmd.actor
    if not (actor.is_staff_of(community) or (actor.role == "grid_worker" and cmd.grid in actor.grids)):
        raise Forbidden("grid", "staff record needs in their community, grid workers in their own grids")
    if cmd.kind not in ctx.taxonomy.need_kind_codes:
        raise InvalidCommand("kind", f"unknown need kind {cmd.kind!r}")
    _check_skills(ctx, cmd.skills)
    now = ctx.now()
    if cmd.wanted_by.tzinfo is None:
        raise InvalidCommand("wanted_by", "must carry a time zone (RFC 3339)")
    if cmd.wanted_by <= now:
        raise InvalidCommand("wanted_by", "lies in the past")
    async with uow:
        replayed = await uow.claim(actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        need = Need(
            id=str(uuid.uuid4()),
            community=community,
            grid=cmd.grid,
            building=cmd.building,
            kind=cmd.kind,
            title=cmd.title,
            description=cmd.description,
            resident=cmd.resident,
            urgency=cmd.urgency,
            wanted_by=cmd.wanted_by,
            skills=cmd.skills,
            helpers=cmd.helpers,
            hours_wanted=cmd.hours_wanted,
            privacy=cmd.privacy,
            recorded_by=actor.sub,
            recorded_at=now,
        )
        events = [need.event(EventType.NEED_RECORDED, now)]
        await uow.save_need(Loaded(need, 0), events, ctx.claim_lapse, new=True)
        view = need_view(need, actor)
        await uow.store_answer(actor.sub, cmd.request.key, view, 201)
        uow.after_commit(count(events))
        await uow.commit()
    return view


async def visible_need(uow: SqlUnitOfWork, actor: Actor, need_id: str, *, lock: bool) -> Loaded:
    loaded = await uow.needs.get(need_id, lock=lock)
    if loaded is None or not loaded.item.may_see(actor):
        raise NotFound("need", need_id)
    return loaded


Decision = Callable[[Need, datetime], list[DomainEvent]]


async def _need_act(
    cmd: c.NeedCommand,
    uow: SqlUnitOfWork,
    ctx: CommunityContext,
    decide: Callable[[Loaded, datetime], Any],
) -> View:
    """Claim the key, lock the need, check the caller may see it, let the domain decide, save, answer."""
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_need(uow, cmd.actor, cmd.need_id, lock=True)
        now = ctx.now()
        events: list[DomainEvent] = await decide(loaded, now)
        await uow.save_need(loaded, events, ctx.claim_lapse)
        view = need_view(loaded.item, cmd.actor)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view)
        uow.after_commit(count(events))
        await uow.commit()
    return view


def _simple(decide: Decision) -> Callable[[Loaded, datetime], Any]:
    async def run(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        return decide(loaded.item, at)

    return run


async def claim_need(cmd: c.ClaimNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    actor = cmd.actor
    if actor.role == "unit_contact":
        if cmd.unit is None:
            raise InvalidCommand("unit", "a unit's contact claims for their unit: give `unit`")
        if cmd.unit != actor.unit:
            raise Forbidden("unit", "a contact claims only for the unit their token names")
    elif cmd.unit is not None:
        raise InvalidCommand("unit", "only a unit's contact claims for a unit")

    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        if actor.role == "unit_contact":
            claimant = Claimant("unit", actor.unit or "", actor.sub)
        else:
            registration = await uow.members.of_subject(actor.sub, actor.community or "")
            if registration is None or registration.item.status != ACTIVE:
                raise Forbidden("member", "register (报到) and be confirmed by the community's staff first")
            claimant = Claimant("member", registration.item.id, actor.sub)
        await uow.needs.lock_claimant(claimant.key)
        held = await uow.needs.open_claims(claimant.key)
        return loaded.item.claim(str(uuid.uuid4()), claimant, at, open_claims=held, limit=ctx.max_open_claims)  # type: ignore[no-any-return]

    return await _need_act(cmd, uow, ctx, decide)


async def confirm_claim(cmd: c.ConfirmClaim, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _need_act(cmd, uow, ctx, _simple(lambda n, at: n.confirm_claim(cmd.actor, cmd.claim_id, at)))


async def release_need(cmd: c.ReleaseNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _need_act(cmd, uow, ctx, _simple(lambda n, at: n.release(cmd.actor, cmd.reason, at)))


async def start_need(cmd: c.StartNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _need_act(cmd, uow, ctx, _simple(lambda n, at: n.start(cmd.actor, at)))


async def report_done(cmd: c.ReportNeedDone, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _need_act(cmd, uow, ctx, _simple(lambda n, at: n.done(cmd.actor, cmd.note, cmd.photos, cmd.hours, at)))


async def confirm_need(cmd: c.ConfirmNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    """Confirmed with the resident: only now do the claimant's hours count (a ledger entry)."""

    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        need: Need = loaded.item
        events, hours = need.confirm(cmd.actor, cmd.satisfaction, cmd.note, at, max_hours=ctx.max_need_hours)
        claim = need.live_claim or need.claims[-1]
        if claim.claimant.kind == "member":
            member = await uow.members.get(claim.claimant.ident, lock=True)
            if member is not None:
                entry_id = str(uuid.uuid4())
                await uow.hours.add(
                    entry_id=entry_id,
                    member_id=member.item.id,
                    community=need.community,
                    hours=hours,
                    source="need",
                    ref=need.id,
                    at=at,
                )
                data = {
                    "entry_id": entry_id,
                    "member_id": member.item.id,
                    "community": need.community,
                    "hours": hours,
                    "source": "need",
                    "ref": need.id,
                    "at": at.isoformat(),
                }
                recorded = DomainEvent(EventType.HOURS_RECORDED, data)
                await uow.save_member(member, [recorded])
                uow.after_commit(count([recorded]))
        return events

    return await _need_act(cmd, uow, ctx, decide)


async def cancel_need(cmd: c.CancelNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    return await _need_act(cmd, uow, ctx, _simple(lambda n, at: n.cancel(cmd.actor, cmd.reason, at)))


async def whistle_need(cmd: c.WhistleNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    """吹哨: the need becomes `whistled` and the intent to file a report through intake is written in the
    same transaction; the whistle relay files it (entrypoints/whistles.py)."""
    if cmd.category not in ctx.reference.categories:
        raise InvalidCommand("category", f"unknown category {cmd.category!r}")

    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        need: Need = loaded.item
        events = need.blow_whistle(cmd.actor, cmd.category, cmd.description, at)
        body = {"category": cmd.category, "grid": need.grid, "description": cmd.description, "building": need.building}
        await uow.whistles.add(need.id, body, at)
        return events

    return await _need_act(cmd, uow, ctx, decide)


async def tick_need(cmd: c.TickNeed, uow: SqlUnitOfWork, ctx: CommunityContext) -> int:
    async with uow:
        loaded = await uow.needs.lock_due(cmd.need_id, cmd.now)
        if loaded is None:
            return 0
        events = loaded.item.tick(cmd.now, ctx.claim_lapse)
        await uow.save_need(loaded, events, ctx.claim_lapse)
        uow.after_commit(count(events))
        await uow.commit()
    return len(events)


async def note_whistle_filed(cmd: c.NoteWhistleFiled, uow: SqlUnitOfWork, ctx: CommunityContext) -> None:
    async with uow:
        loaded = await uow.needs.get(cmd.need_id, lock=True)
        if loaded is None:
            return
        need: Need = loaded.item
        need.whistle = {**(need.whistle or {}), "report_id": cmd.report_id, "case_id": cmd.case_id}
        await uow.whistles.filed(cmd.need_id, cmd.report_id, cmd.case_id)
        events: list[DomainEvent] = []
        known = await uow.topic_cases.of_report(cmd.report_id)  # the case's events came before intake's answer
        if known is not None:
            events = need.follow_case(known["case_id"], known["status"], None, ctx.now())
            await uow.case_links.learn_case(need.id, known["case_id"])
        await uow.save_need(loaded, events, ctx.claim_lapse)
        uow.after_commit(count(events))
        await uow.commit()


async def note_whistle_failed(cmd: c.NoteWhistleFailed, uow: SqlUnitOfWork, ctx: CommunityContext) -> None:
    async with uow:
        await uow.whistles.failed(cmd.need_id, cmd.error, cmd.retry_at)
        await uow.commit()


HANDLERS: dict[type, Any] = {
    c.RegisterMember: register_member,
    c.ConfirmMember: confirm_member,
    c.PauseMember: pause_member,
    c.LeaveMember: leave_member,
    c.RecordNeed: record_need,
    c.ClaimNeed: claim_need,
    c.ConfirmClaim: confirm_claim,
    c.ReleaseNeed: release_need,
    c.StartNeed: start_need,
    c.ReportNeedDone: report_done,
    c.ConfirmNeed: confirm_need,
    c.CancelNeed: cancel_need,
    c.WhistleNeed: whistle_need,
    c.TickNeed: tick_need,
    c.NoteWhistleFiled: note_whistle_filed,
    c.NoteWhistleFailed: note_whistle_failed,
    **force_handlers.HANDLERS,  # units, resources, orders, projects
    **activity_handlers.HANDLERS,
    **certificate_handlers.HANDLERS,
    **team_handlers.HANDLERS,  # teams and posts
    **case_needs.HANDLERS,  # a need's resident recorded by staff
    **TOPIC_HANDLERS,
}


def message_bus(uow_factory: Callable[[], SqlUnitOfWork], context: CommunityContext) -> CommunityBus:
    return MessageBus(HANDLERS, uow_factory, context)
