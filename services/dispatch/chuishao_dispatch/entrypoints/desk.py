"""Routes the dispatcher's desk needs beyond the case actions: likely duplicates of a case (to merge)
and the jurisdiction's overdue cases with open and overdue counts by department."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chuishao_dispatch.deps import Bus, Dispatcher, actor_of
from chuishao_dispatch.entrypoints.desk_responses import DuplicateList, OverdueDesk
from chuishao_dispatch.service_layer import queries

router = APIRouter(prefix="/v1", tags=["desk"])


@router.get(
    "/cases/{case_id}/duplicates",
    response_model=DuplicateList,
    summary="Likely duplicates to merge: open cases of the same category and grid, close in time, by text similarity",
)
async def duplicates(case_id: str, bus: Bus, principal: Dispatcher) -> dict:
    return await queries.duplicates(bus.uow(), bus.context, actor_of(principal), case_id)


@router.get(
    "/overdue",
    response_model=OverdueDesk,
    summary="The jurisdiction's overdue cases and open/overdue counts by department",
)
async def overdue(bus: Bus, principal: Dispatcher, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> dict:
    return await queries.overdue_desk(bus.uow(), bus.context, actor_of(principal), limit)
