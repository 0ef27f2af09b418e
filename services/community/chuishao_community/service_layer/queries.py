"""The reads: each in a read-only unit of work, within the caller's scope."""

from __future__ import annotations

from typing import Any

from chuishao_community.domain.errors import Forbidden, NotFound
from chuishao_community.domain.hours import year_fraction
from chuishao_community.domain.values import Actor
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.handlers import visible_member, visible_need
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_community.views import member_view, need_view
from chuishao_shared.pagination import encode_cursor


async def members(
    uow: SqlUnitOfWork,
    ctx: CommunityContext,
    actor: Actor,
    *,
    status: str | None,
    behind: bool,
    limit: int,
    after: tuple[Any, str] | None,
) -> dict[str, Any]:
    if not actor.is_staff or actor.community is None:
        raise Forbidden("community", "the community's staff list its members")
    now = ctx.now()
    year_start = now.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    due = ctx.yearly_hours_target * year_fraction(now) if behind else None
    async with uow:
        rows = await uow.members.list(
            actor.community, status=status, year_start=year_start, behind_due=due, limit=limit, after=after
        )
    items = [member_view(m, hours) for m, hours in rows]
    last = rows[-1][0] if len(rows) == limit else None
    cursor = encode_cursor(last.registered_at, last.id) if last and last.registered_at else None
    return {"items": items, "next_cursor": cursor}


async def member(uow: SqlUnitOfWork, actor: Actor, member_id: str) -> dict[str, Any]:
    async with uow:
        return member_view((await visible_member(uow, actor, member_id)).item)


async def me(uow: SqlUnitOfWork, actor: Actor) -> dict[str, Any]:
    """The calling volunteer's own registration in their token's community, with their certificates."""
    async with uow:
        loaded = await uow.members.of_subject(actor.sub, actor.community or "")
        if loaded is None:
            raise NotFound("member", "me")
        certificates = await uow.certificates.of_member(loaded.item.id)
    view = member_view(loaded.item)
    view["certificates"] = [
        {"number": c["number"], "issued_on": c["issued_on"], "hours": c["hours"]} for c in certificates
    ]
    return view


async def hours(uow: SqlUnitOfWork, actor: Actor, member_id: str) -> dict[str, Any]:
    async with uow:
        await visible_member(uow, actor, member_id)
        entries = await uow.hours.of_member(member_id)
    items = [
        {"id": e["id"], "hours": e["hours"], "source": e["source"], "ref": e["ref"], "at": e["at"]} for e in entries
    ]
    return {"member_id": member_id, "total_hours": round(sum(e["hours"] for e in entries), 2), "entries": items}


async def needs(
    uow: SqlUnitOfWork,
    actor: Actor,
    *,
    status: str | None,
    kind: str | None,
    grid: str | None,
    skill: str | None,
    limit: int,
    after: tuple[Any, str] | None,
) -> dict[str, Any]:
    """Staff and volunteers: their community's; a grid worker: their grids'; a unit's contact: those of
    the communities whose agreement with the unit is in force."""
    community = actor.community if actor.role in ("community_staff", "volunteer") else None
    grids = actor.grids if actor.role == "grid_worker" else None
    async with uow:
        rows = await uow.needs.list(
            community=community,
            grids=grids,
            communities=actor.communities if actor.role == "unit_contact" else None,
            status=status,
            kind=kind,
            grid=grid,
            skill=skill,
            limit=limit,
            after=after,
        )
    last = rows[-1] if len(rows) == limit else None
    return {
        "items": [need_view(n, actor) for n in rows],
        "next_cursor": encode_cursor(last.recorded_at, last.id) if last else None,
    }


async def need(uow: SqlUnitOfWork, actor: Actor, need_id: str) -> dict[str, Any]:
    async with uow:
        return need_view((await visible_need(uow, actor, need_id, lock=False)).item, actor)
