"""Dispatch's reads: one case, the queue, the rule set and the routing preview. Read-only units of
work; nothing here writes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chuishao_dispatch.adapters.repository import QueueFilter
from chuishao_dispatch.domain import Actor, InvalidCommand, candidates, similarity
from chuishao_dispatch.domain.access import may_see
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.handlers import visible_case
from chuishao_dispatch.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_dispatch.views import case_view
from chuishao_shared import case_numbers
from chuishao_shared.pagination import encode_cursor
from chuishao_shared.vocabulary import CASE_STATUSES


async def case(uow: AbstractUnitOfWork, ctx: DispatchContext, actor: Actor, case_id: str) -> dict[str, Any]:
    async with uow:
        loaded = await visible_case(uow, actor, case_id, lock=False)
    return case_view(loaded.case, ctx.reference, ctx.now())


async def reporter_contact(uow: AbstractUnitOfWork, actor: Actor, case_id: str) -> dict[str, Any]:
    """How staff on a case in their scope reach the grid worker who reported it: the directory's display
    name and phone (staff eyes only: never on a case event, the board or a log), or that there is none."""
    async with uow:
        loaded = await visible_case(uow, actor, case_id, lock=False)
        subject = loaded.case.report.reporter_sub
        person = (await uow.people.by_subjects([subject])).get(subject)
    if person is None or not person.get("active", True):
        return {"registered": False, "name": None, "phone": None}
    return {"registered": True, "name": person.get("name"), "phone": person.get("phone")}


SEARCH_MAX = 100


async def queue(uow: AbstractUnitOfWork, ctx: DispatchContext, query: QueueFilter) -> dict[str, Any]:
    if query.status is not None and query.status not in CASE_STATUSES:
        raise InvalidCommand("status", f"must be one of {', '.join(CASE_STATUSES)}")
    if query.grid is not None and query.grid not in ctx.reference.jurisdictions:
        raise InvalidCommand("grid", f"unknown grid {query.grid!r}")
    search = (query.search or "").strip()
    if len(search) > SEARCH_MAX:
        raise InvalidCommand("q", f"at most {SEARCH_MAX} characters")
    if case_numbers.looks_like_number(search):
        search = case_numbers.normalise(search)  # 五阳－1205－0012 as typed finds 五阳-1205-0012
    query = replace(query, search=search or None, search_places=places_named(ctx, search) if search else ())
    now = ctx.now()
    async with uow:
        found = await uow.cases.queue(query, now)
    last = found[-1] if len(found) == query.limit else None
    return {
        "items": [case_view(f.case, ctx.reference, now) for f in found],
        "next_cursor": encode_cursor(last.opened_at, last.case.id) if last and last.opened_at else None,
    }


def places_named(ctx: DispatchContext, words: str) -> tuple[str, ...]:
    """The codes of the communities and grids whose Chinese or English name holds the words (a search
    for 五阳 finds the cases of 五阳社区's grids)."""
    folded = words.casefold()
    return tuple(
        sorted(
            j.code
            for j in ctx.reference.jurisdictions.values()
            if j.level in ("community", "grid") and (folded in j.name.casefold() or folded in j.name_en.casefold())
        )
    )


def grids_of(ctx: DispatchContext, actor: Actor) -> list[dict[str, str]]:
    """The grids within the actor's area (a liaison's department's jurisdiction, a dispatcher's; all for
    an admin), by community: the queue's grid filter. Codes nest (XY ⊃ XY-WQ ⊃ XY-WQ-WY-G01)."""
    ref = ctx.reference
    department = ref.departments.get(actor.department) if actor.department else None
    area = department.jurisdiction if department else actor.jurisdiction
    found = []
    for grid in ref.grids():
        if area and area not in ref.chain(grid.code):
            continue
        community = ref.community_of(grid.code)
        found.append(
            {
                "code": grid.code,
                "name": grid.name,
                "name_en": grid.name_en,
                "community": community.code,
                "community_name": community.name,
                "community_name_en": community.name_en,
            }
        )
    return sorted(found, key=lambda g: (g["community"], g["code"]))


async def current_rules(uow: AbstractUnitOfWork) -> dict[str, Any] | None:
    async with uow:
        rule_set = await uow.rules.current()
    return rule_set.to_dict() if rule_set else None


async def preview(uow: AbstractUnitOfWork, ctx: DispatchContext, category_code: str, grid_code: str) -> dict[str, Any]:
    """Who would get this category in this grid, and which rule says so."""
    ref = ctx.reference
    category = ref.categories.get(category_code)
    if category is None:
        raise InvalidCommand("category", f"unknown category {category_code!r}")
    grid = ref.jurisdictions.get(grid_code)
    if grid is None or grid.level != "grid":
        raise InvalidCommand("grid", f"unknown grid {grid_code!r}")
    async with uow:
        rule_set = await uow.rules.current()
    found = (
        candidates(rule_set, category=category.code, major=category.major, jurisdiction_chain=ref.chain(grid.code))
        if rule_set
        else []
    )
    return {
        "rule_version": rule_set.version if rule_set else None,
        "decision": found[0].to_dict() if found else None,
        "triage": not found,
        "candidates": [c.to_dict() for c in found],
    }


async def duplicates(uow: AbstractUnitOfWork, ctx: DispatchContext, actor: Actor, case_id: str) -> dict[str, Any]:
    """Likely duplicates to merge: unsettled cases of the same category and grid, close in time, most
    similar text first."""
    async with uow:
        loaded = await visible_case(uow, actor, case_id, lock=False)
        case = loaded.case
        others = await uow.cases.unsettled_like(
            case_id=case.id,
            category=case.category,
            grid=case.grid,
            since=case.opened_at - ctx.duplicate_window,
            until=case.opened_at + ctx.duplicate_window,
        )
    now = ctx.now()
    scored = sorted(
        (
            (similarity(case.report.description, o.case.report.description), o)
            for o in others
            if may_see(actor, o.case, o.chain)
        ),
        key=lambda pair: (-pair[0], pair[1].case.opened_at),
    )
    return {
        "items": [
            {
                "similarity": round(score, 3),
                "likely": score >= ctx.duplicate_min_similarity,
                "case": case_view(other.case, ctx.reference, now),
            }
            for score, other in scored
        ]
    }


async def overdue_desk(uow: AbstractUnitOfWork, ctx: DispatchContext, actor: Actor, limit: int) -> dict[str, Any]:
    """The jurisdiction's overdue cases, and open and overdue counts by department (one overdue rule)."""
    now = ctx.now()
    async with uow:
        counts = await uow.cases.counts_by_department(actor.jurisdiction, now)
        late = await uow.cases.overdue(actor.jurisdiction, now, limit)
    departments = ctx.reference.departments
    return {
        "items": [case_view(c.case, ctx.reference, now) for c in late],
        "by_department": [
            {
                "department": row.department,
                "name": departments[row.department].name if row.department in departments else row.department,
                "name_en": departments[row.department].name_en if row.department in departments else row.department,
                "open": row.open,
                "overdue": row.overdue,
            }
            for row in counts
        ],
    }
