"""Duty rosters' use cases (值班表, PRODUCT.md §9): admins keep a department's or a duty desk's layers,
overrides and people; admins and the department's liaison (a desk's dispatcher) read who is on duty
now and next. A layer whose shifts have started is never rewritten: an edit ends it now and a new
layer takes over from now; an override that has started ends now when cancelled."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from chuishao_notify.domain import commands as c
from chuishao_notify.domain.rosters import (
    EARLIEST,
    LATEST,
    SHANGHAI,
    Layer,
    Override,
    RosterError,
    Shift,
    level_timeline,
    on_duty,
    validate_layer,
    validate_override,
)
from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.auth import Principal
from chuishao_shared.problems import Problem, field_problem
from chuishao_shared.text_guard import has_control_character

DESK_LEVELS = ("community", "street", "district")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
MAX_MEMBERS = 50


def now() -> datetime:
    return datetime.now(UTC)


def check_owner(ctx: NotifyContext, owner: str) -> None:
    """A roster belongs to a department or a duty desk (a community, street or district)."""
    if owner in ctx.reference.departments:
        return
    node = ctx.reference.jurisdictions.get(owner)
    if node is None or node.level not in DESK_LEVELS:
        raise Problem(404, "Not found", f"No department or duty desk {owner!r}.")


def may_read(principal: Principal, owner: str, ctx: NotifyContext) -> bool:
    return (
        principal.role == "admin"
        or (principal.role == "liaison" and principal.department == owner)
        # a dispatcher: every department and desk serving inside their jurisdiction (the console's duty view
        # lets them pick one), as dispatch lets them see those departments' cases
        or (principal.role == "dispatcher" and serves_within(ctx, owner, principal.jurisdiction))
        # a community's staff: their community's roster, policy and needs' chains (domain/need_escalation.py)
        or (principal.role == "community_staff" and principal.community == owner)
    )


def read_refused(thing: str) -> Problem:
    return Problem(
        403,
        "Forbidden",
        f"Only an administrator, the {thing}'s own department or desk, or a dispatcher of its area reads it.",
    )


def serves_within(ctx: NotifyContext, owner: str, jurisdiction: str | None) -> bool:
    """A department whose area (its jurisdiction node), or a desk that, lies within `jurisdiction`."""
    department = ctx.reference.departments.get(owner)
    try:
        return jurisdiction in ctx.reference.chain(department.jurisdiction if department is not None else owner)
    except KeyError:
        return False


def masked(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else ""


def _layer(cmd: c.AddRosterLayer | c.EditRosterLayer, layer_id: str, valid_from: datetime) -> Layer:
    if not cmd.name.strip() or len(cmd.name) > 60:
        raise field_problem("name", "must be 1 to 60 characters")
    if len(cmd.members) > MAX_MEMBERS:
        raise field_problem("members", f"at most {MAX_MEMBERS}")
    layer = Layer(
        id=layer_id,
        level=cmd.level,
        name=cmd.name.strip(),
        rrule=cmd.rrule.strip(),
        starts=cmd.starts,
        shift=timedelta(minutes=cmd.shift_minutes),
        members=tuple(m.strip() for m in cmd.members),
        valid_from=valid_from,
    )
    try:
        validate_layer(layer)
    except RosterError as error:
        raise field_problem(error.field, error.message) from error
    return layer


def layer_view(layer: Layer) -> dict[str, Any]:
    return {
        "id": layer.id,
        "level": layer.level,
        "name": layer.name,
        "rrule": layer.rrule,
        "starts": layer.starts.isoformat(),
        "shift_minutes": int(layer.shift.total_seconds() // 60),
        "members": list(layer.members),
        "valid_from": layer.valid_from.isoformat(),
        "valid_until": layer.valid_until.isoformat() if layer.valid_until else None,
    }


async def add_layer(cmd: c.AddRosterLayer, uow: AbstractUnitOfWork, ctx: NotifyContext) -> dict[str, Any]:
    check_owner(ctx, cmd.owner)
    layer = _layer(cmd, str(uuid.uuid4()), max(cmd.starts, now()))  # a new layer makes no history
    async with uow:
        await uow.rosters.add_layer(cmd.owner, layer, created_by=cmd.principal.sub)
        await uow.commit()
    return layer_view(layer)


async def edit_layer(cmd: c.EditRosterLayer, uow: AbstractUnitOfWork, ctx: NotifyContext) -> dict[str, Any]:
    check_owner(ctx, cmd.owner)
    at = now()
    async with uow:
        old = await uow.rosters.layer(cmd.owner, _uuid(cmd.layer_id, "layer"), lock=True)
        if old is None:
            raise Problem(404, "Not found", f"No layer {cmd.layer_id} on {cmd.owner}'s roster.")
        if old.valid_until is not None and old.valid_until <= at:
            raise Problem(409, "Conflict", "This layer has ended; add a new one.")
        if old.valid_from > at:  # not started: nothing happened yet, so it is simply changed
            layer = _layer(cmd, old.id, max(cmd.starts, at))
            await uow.rosters.replace_unstarted(cmd.owner, layer)
        else:  # started: the past stays as it was
            layer = _layer(cmd, str(uuid.uuid4()), at)
            await uow.rosters.end_layer(cmd.owner, old.id, at)
            await uow.rosters.add_layer(cmd.owner, layer, created_by=cmd.principal.sub, replaces=old.id)
        await uow.commit()
    return layer_view(layer)


async def end_layer(cmd: c.EndRosterLayer, uow: AbstractUnitOfWork, ctx: NotifyContext) -> None:
    check_owner(ctx, cmd.owner)
    at = now()
    async with uow:
        old = await uow.rosters.layer(cmd.owner, _uuid(cmd.layer_id, "layer"), lock=True)
        if old is None:
            raise Problem(404, "Not found", f"No layer {cmd.layer_id} on {cmd.owner}'s roster.")
        if old.valid_from > at:
            await uow.rosters.delete_unstarted(cmd.owner, old.id)
        elif old.valid_until is None or old.valid_until > at:
            await uow.rosters.end_layer(cmd.owner, old.id, at)
        await uow.commit()


async def add_override(cmd: c.AddRosterOverride, uow: AbstractUnitOfWork, ctx: NotifyContext) -> dict[str, Any]:
    check_owner(ctx, cmd.owner)
    override = Override(str(uuid.uuid4()), cmd.level, cmd.member.strip(), cmd.starts, cmd.ends)
    try:
        validate_override(override)
    except RosterError as error:
        raise field_problem(error.field, error.message) from error
    if override.ends <= now():
        raise field_problem("ends", "is in the past; history is not rewritten")
    if len(cmd.reason) > 200:
        raise field_problem("reason", "at most 200 characters")
    async with uow:
        await uow.rosters.add_override(cmd.owner, override, reason=cmd.reason, created_by=cmd.principal.sub)
        await uow.commit()
    return override_view(override)


def override_view(o: Override) -> dict[str, Any]:
    return {
        "id": o.id,
        "level": o.level,
        "member": o.member,
        "starts": o.starts.isoformat(),
        "ends": o.ends.isoformat(),
    }


async def cancel_override(cmd: c.CancelRosterOverride, uow: AbstractUnitOfWork, ctx: NotifyContext) -> None:
    check_owner(ctx, cmd.owner)
    async with uow:
        if not await uow.rosters.cancel_override(cmd.owner, _uuid(cmd.override_id, "override")):
            raise Problem(404, "Not found", f"No override {cmd.override_id} on {cmd.owner}'s roster.")
        await uow.commit()


async def put_person(cmd: c.PutDutyPerson, uow: AbstractUnitOfWork, ctx: NotifyContext) -> dict[str, Any]:
    check_owner(ctx, cmd.owner)
    if not cmd.member.strip() or len(cmd.member) > 80 or has_control_character(cmd.member):
        raise field_problem("member", "must be 1 to 80 characters")
    if not cmd.name.strip() or len(cmd.name) > 40:
        raise field_problem("name", "must be 1 to 40 characters")
    if cmd.mobile and not MOBILE.match(cmd.mobile):
        raise field_problem("mobile", "must be an 11-digit mainland mobile number")
    for name, value in (("wecom_user_id", cmd.wecom_user_id), ("dingtalk_user_id", cmd.dingtalk_user_id)):
        if value and (value != value.strip() or has_control_character(value)):
            raise field_problem(name, "no spaces around it and no control characters")
    async with uow:
        await uow.rosters.put_person(
            cmd.owner, cmd.member.strip(), cmd.name.strip(), cmd.mobile, cmd.wecom_user_id, cmd.dingtalk_user_id
        )
        await uow.commit()
    return {"member": cmd.member.strip(), "name": cmd.name.strip(), "mobile": masked(cmd.mobile)}


def _uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise Problem(404, "Not found", f"No {what} {value}.") from error


# --- reads -------------------------------------------------------------------------------------


def _shift_view(shift: Shift | None, people: dict[str, dict[str, str]]) -> dict[str, Any] | None:
    if shift is None:
        return None
    person = people.get(shift.member or "", {})
    return {
        "gap": shift.gap,
        "member": shift.member,
        "name": person.get("name"),
        "starts": shift.starts.isoformat(),
        "ends": shift.ends.isoformat() if shift.ends else None,
        "override": shift.override_id is not None,
    }


async def roster(bus: NotifyBus, principal: Principal, owner: str) -> dict[str, Any]:
    check_owner(bus.context, owner)
    if not may_read(principal, owner, bus.context):
        raise read_refused("roster")
    async with bus.uow() as uow:
        r = await uow.rosters.load(owner)
        people = await uow.rosters.people(owner)
    return {
        "owner": owner,
        "layers": [layer_view(layer) for layer in r.layers],
        "overrides": [override_view(o) for o in r.overrides],
        "people": [{"member": m, "name": p["name"], "mobile": masked(p["mobile"])} for m, p in sorted(people.items())],
    }


async def who_is_on_duty(bus: NotifyBus, principal: Principal, owner: str, at: datetime | None) -> dict[str, Any]:
    check_owner(bus.context, owner)
    if not may_read(principal, owner, bus.context):
        raise read_refused("roster")
    when = at or now()
    if not EARLIEST <= when.year <= LATEST:
        raise field_problem("at", f"must be in the years {EARLIEST} to {LATEST}")
    async with bus.uow() as uow:
        r = await uow.rosters.load(owner, since=when)
        people = await uow.rosters.people(owner)
    return {
        "owner": owner,
        "at": when.isoformat(),
        "levels": [
            {"level": d.level, "now": _shift_view(d.now, people), "next": _shift_view(d.next, people)}
            for d in on_duty(r, when)
        ],
    }


async def week(
    bus: NotifyBus, principal: Principal, owner: str, start: datetime | None, days: int = 7
) -> dict[str, Any]:
    """Every level's shifts and gaps over `days` from `start` (default: today 00:00 in Shanghai)."""
    check_owner(bus.context, owner)
    if not may_read(principal, owner, bus.context):
        raise read_refused("roster")
    start = start or datetime.now(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    if not EARLIEST <= start.year <= LATEST:
        raise field_problem("start", f"must be in the years {EARLIEST} to {LATEST}")
    end = start + timedelta(days=days)
    async with bus.uow() as uow:
        r = await uow.rosters.load(owner, since=start)
        people = await uow.rosters.people(owner)
    levels = sorted({layer.level for layer in r.layers} | {o.level for o in r.overrides})
    return {
        "owner": owner,
        "levels": [
            {"level": lv, "shifts": [_shift_view(s, people) for s in level_timeline(r, lv, start, end)]}
            for lv in levels
        ],
    }
