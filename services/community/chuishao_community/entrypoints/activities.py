"""Thin routes for volunteer service activities (志愿服务活动): create, sign up, the organiser's QR code,
check-in and check-out (by the code, or marked), granted hours, close."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from chuishao_community.deps import Bus, IdempotencyKey, StaffOrVolunteer
from chuishao_community.deps_forces import Member
from chuishao_community.domain import force_commands as fc
from chuishao_community.domain.activities import Place, Slot
from chuishao_community.domain.commands import Request as Req
from chuishao_community.schemas_forces import (
    ActivityCreate,
    ActivityPage,
    ActivityRead,
    CheckBody,
    CloseBody,
    GrantCreate,
    QrRead,
    SignupCreate,
)
from chuishao_community.service_layer import activity_handlers as q
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor

router = APIRouter(prefix="/v1/activities", tags=["activities"])


def _req(request: Request, key: str | None, body: BaseModel | None) -> Req:
    payload = body.model_dump(mode="json") if body is not None else {}
    return Req(key, request_fingerprint(request.method, request.url.path, payload))


@router.post("", response_model=ActivityRead, status_code=201, summary="An activity (staff, or a member organising)")
async def create_activity(
    body: ActivityCreate, request: Request, response: Response, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey
) -> Any:
    view = await bus.handle(
        fc.CreateActivity(
            actor=actor,
            request=_req(request, key, body),
            title=body.title,
            description=body.description,
            starts_at=body.starts_at,
            ends_at=body.ends_at,
            place=Place(body.place.name, body.place.lat, body.place.lon),
            slots=tuple(Slot(s.code, s.capacity, s.skill) for s in body.slots),
            organiser=body.organiser,
            team=body.team,
        )
    )
    response.headers["Location"] = f"/v1/activities/{view['id']}"
    return view


@router.get("", response_model=ActivityPage, summary="The community's activities, latest start first")
async def list_activities(
    bus: Bus, actor: StaffOrVolunteer, limit: Annotated[int, Query(ge=1, le=200)] = 50, cursor: str | None = None
) -> Any:
    return await q.activities(bus.uow(), actor, limit=limit, after=decode_cursor(cursor, str))


@router.get("/{activity_id}", response_model=ActivityRead, summary="One activity")
async def get_activity(activity_id: str, bus: Bus, actor: StaffOrVolunteer) -> Any:
    return await q.activity(bus.uow(), actor, activity_id)


@router.post("/{activity_id}/signups", response_model=ActivityRead, status_code=201, summary="Sign up to a slot")
async def sign_up(
    activity_id: str, body: SignupCreate, request: Request, bus: Bus, actor: Member, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        fc.SignUp(actor=actor, request=_req(request, key, body), activity_id=activity_id, slot=body.slot)
    )


@router.get("/{activity_id}/qr", response_model=QrRead, summary="The organiser's current check-in QR code")
async def qr_code(activity_id: str, bus: Bus, actor: StaffOrVolunteer) -> Any:
    return await q.qr(bus.uow(), bus.context, actor, activity_id)


async def _check(activity_id: str, out: bool, body: CheckBody, request: Request, bus: Bus, actor: Any, key: Any) -> Any:
    return await bus.handle(
        fc.CheckActivity(
            actor=actor,
            request=_req(request, key, body),
            activity_id=activity_id,
            out=out,
            code=body.code,
            member=body.member,
            at=body.at,
        )
    )


@router.post("/{activity_id}/checkin", response_model=ActivityRead, summary="Check in: `{code}` or `{member, at}`")
async def check_in(
    activity_id: str, body: CheckBody, request: Request, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey
) -> Any:
    return await _check(activity_id, False, body, request, bus, actor, key)


@router.post("/{activity_id}/checkout", response_model=ActivityRead, summary="Check out (the hours are recorded)")
async def check_out(
    activity_id: str, body: CheckBody, request: Request, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey
) -> Any:
    return await _check(activity_id, True, body, request, bus, actor, key)


@router.post("/{activity_id}/grants", response_model=ActivityRead, status_code=201, summary="Grant hours (organiser)")
async def grant_hours(
    activity_id: str, body: GrantCreate, request: Request, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        fc.GrantHours(
            actor=actor,
            request=_req(request, key, body),
            activity_id=activity_id,
            member=body.member,
            hours=Decimal(str(body.hours)),
            reason=body.reason,
        )
    )


@router.post("/{activity_id}/close", response_model=ActivityRead, summary="Close: people served and the no-shows")
async def close_activity(
    activity_id: str, body: CloseBody, request: Request, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        fc.CloseActivity(
            actor=actor, request=_req(request, key, body), activity_id=activity_id, people_served=body.people_served
        )
    )
