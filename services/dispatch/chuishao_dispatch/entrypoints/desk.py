"""Routes the dispatcher's desk needs beyond the case actions: likely duplicates of a case (to merge)
and the jurisdiction's overdue cases with open and overdue counts by department."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from chuishao_dispatch.adapters import console_queries, repository
from chuishao_dispatch.deps import Context, Dispatcher
from chuishao_dispatch.domain import similarity
from chuishao_dispatch.handlers.commands import can_see
from chuishao_dispatch.views import case_view
from chuishao_shared.problems import Problem

router = APIRouter(prefix="/v1", tags=["desk"])


@router.get(
    "/cases/{case_id}/duplicates",
    summary="Likely duplicates to merge: open cases of the same category and grid, close in time, by text similarity",
)
async def duplicates(case_id: str, ctx: Context, principal: Dispatcher) -> dict:
    async with ctx.engine.connect() as conn:
        loaded = await repository.get_case(conn, case_id)
        if loaded is None or not can_see(principal, loaded):
            raise Problem(404, "Not found", f"No case {case_id} visible to you.")
        case = loaded.case
        others = await console_queries.open_cases_like(
            conn,
            case_id=case.id,
            category=case.category,
            grid=case.grid,
            since=case.opened_at - ctx.duplicate_window,
            until=case.opened_at + ctx.duplicate_window,
        )
    now = datetime.now(UTC)
    scored = sorted(
        ((similarity(case.report.description, o.case.report.description), o) for o in others if can_see(principal, o)),
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


@router.get("/overdue", summary="The jurisdiction's overdue cases and open/overdue counts by department")
async def overdue(ctx: Context, principal: Dispatcher, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> dict:
    async with ctx.engine.connect() as conn:
        counts = await console_queries.counts_by_department(conn, principal.jurisdiction)
        late = await console_queries.overdue_cases(conn, principal.jurisdiction, limit)
    now = datetime.now(UTC)
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
