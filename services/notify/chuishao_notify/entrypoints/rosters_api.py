"""Thin routes over the duty rosters' use cases (值班表): admins keep them; admins and the roster's own
department (its liaison), and dispatchers of its area, read who is on duty now and next, and the week."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import AwareDatetime

from chuishao_notify.deps import Admin, Bus
from chuishao_notify.domain import commands as c
from chuishao_notify.roster_schemas import (
    LayerRead,
    LayerWrite,
    OnDutyRead,
    OverrideRead,
    OverrideWrite,
    PersonRead,
    PersonWrite,
    RosterRead,
    WeekRead,
)
from chuishao_notify.service_layer import rosters
from chuishao_shared.auth import Principal
from chuishao_shared.security import require_role

router = APIRouter(prefix="/v1/rosters", tags=["rosters"])
RosterReader = Annotated[Principal, Depends(require_role("admin", "liaison", "dispatcher", "community_staff"))]


@router.get(
    "/{owner}", response_model=RosterRead, operation_id="read_roster", summary="A department's or duty desk's roster"
)
async def read(owner: str, bus: Bus, principal: RosterReader) -> dict:
    return await rosters.roster(bus, principal, owner)


@router.get(
    "/{owner}/on-duty",
    response_model=OnDutyRead,
    operation_id="on_duty",
    summary="Who is on duty now and next, per level (or a gap)",
)
async def on_duty(owner: str, bus: Bus, principal: RosterReader, at: AwareDatetime | None = None) -> dict:
    return await rosters.who_is_on_duty(bus, principal, owner, at)


@router.get(
    "/{owner}/week",
    response_model=WeekRead,
    operation_id="roster_week",
    summary="Every level's shifts and gaps over a week (from today by default)",
)
async def week(
    owner: str,
    bus: Bus,
    principal: RosterReader,
    start: AwareDatetime | None = None,
    days: Annotated[int, Query(ge=1, le=31)] = 7,
) -> dict:
    """From `start` (default: today 00:00 in Asia/Shanghai) for `days`."""
    return await rosters.week(bus, principal, owner, start, days)


@router.post(
    "/{owner}/layers",
    status_code=201,
    response_model=LayerRead,
    operation_id="add_roster_layer",
    summary="Add a layer of rotations",
)
async def add_layer(owner: str, body: LayerWrite, bus: Bus, principal: Admin) -> dict:
    return await bus.handle(c.AddRosterLayer(principal=principal, owner=owner, **body.model_dump()))  # type: ignore[no-any-return]


@router.put(
    "/{owner}/layers/{layer_id}",
    response_model=LayerRead,
    operation_id="edit_roster_layer",
    summary="Change a layer (one that has started ends now and a new one takes over: history is kept)",
)
async def edit_layer(owner: str, layer_id: str, body: LayerWrite, bus: Bus, principal: Admin) -> dict:
    command = c.EditRosterLayer(principal=principal, owner=owner, layer_id=layer_id, **body.model_dump())
    return await bus.handle(command)  # type: ignore[no-any-return]


@router.delete(
    "/{owner}/layers/{layer_id}",
    status_code=204,
    operation_id="end_roster_layer",
    responses={204: {"description": "Done (no body)"}},
    summary="End a layer now",
)
async def end_layer(owner: str, layer_id: str, bus: Bus, principal: Admin) -> Response:
    await bus.handle(c.EndRosterLayer(principal=principal, owner=owner, layer_id=layer_id))
    return Response(status_code=204)


@router.post(
    "/{owner}/overrides",
    status_code=201,
    response_model=OverrideRead,
    operation_id="add_roster_override",
    summary="A swap or sick day",
)
async def add_override(owner: str, body: OverrideWrite, bus: Bus, principal: Admin) -> dict:
    return await bus.handle(c.AddRosterOverride(principal=principal, owner=owner, **body.model_dump()))  # type: ignore[no-any-return]


@router.delete(
    "/{owner}/overrides/{override_id}",
    status_code=204,
    operation_id="cancel_roster_override",
    responses={204: {"description": "Done (no body)"}},
    summary="Cancel one",
)
async def cancel_override(owner: str, override_id: str, bus: Bus, principal: Admin) -> Response:
    await bus.handle(c.CancelRosterOverride(principal=principal, owner=owner, override_id=override_id))
    return Response(status_code=204)


@router.put(
    "/{owner}/people/{member}",
    response_model=PersonRead,
    operation_id="put_duty_person",
    summary="A person on the roster",
)
async def put_person(owner: str, member: str, body: PersonWrite, bus: Bus, principal: Admin) -> dict:
    command = c.PutDutyPerson(
        principal=principal,
        owner=owner,
        member=member,
        name=body.name,
        mobile=body.mobile,
        wecom_user_id=body.wecom_user_id,
        dingtalk_user_id=body.dingtalk_user_id,
    )
    return await bus.handle(command)  # type: ignore[no-any-return]


__all__ = ["router"]
