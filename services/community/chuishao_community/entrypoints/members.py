"""Thin routes for members (报到) and their hours: parse, authorise by role, build the command, hand it
to the bus."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from chuishao_community.deps import Bus, IdempotencyKey, Staff, StaffOrVolunteer
from chuishao_community.deps_forces import Member
from chuishao_community.domain import commands as c
from chuishao_community.domain.values import Actor
from chuishao_community.schemas import Empty, HoursRead, MemberCreate, MemberPage, MemberRead, MemberSelf, TermList
from chuishao_community.service_layer import queries
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor
from chuishao_shared.vocabulary import MemberStatus

router = APIRouter(prefix="/v1", tags=["members"])


def _req(request: Request, key: str | None, body: BaseModel | None) -> c.Request:
    payload = body.model_dump(mode="json") if body is not None else {}
    return c.Request(key, request_fingerprint(request.method, request.url.path, payload))


@router.post("/members", response_model=MemberRead, status_code=201, summary="报到: register as a member")
async def register_member(
    body: MemberCreate, request: Request, response: Response, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey
) -> dict[str, Any]:
    view: dict[str, Any] = await bus.handle(
        c.RegisterMember(
            actor=actor,
            request=_req(request, key, body),
            name=body.name,
            phone=body.phone,
            work_unit=body.work_unit,
            party_member=body.party_member,
            community=body.community,
            grid=body.grid,
            skills=tuple(body.skills),
            branch=body.branch,
            availability=tuple(body.availability),
            sub=body.sub,
        )
    )
    response.headers["Location"] = f"/v1/members/{view['id']}"
    return view


@router.get("/members", response_model=MemberPage, summary="The community's members (staff)")
async def list_members(
    bus: Bus,
    actor: Staff,
    status: MemberStatus | None = None,
    behind: Annotated[
        bool,
        Query(description="Only active in-service party members behind their yearly hours target (pro rata)"),
    ] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    after = decode_cursor(cursor, str)
    return await queries.members(bus.uow(), bus.context, actor, status=status, behind=behind, limit=limit, after=after)


@router.get(
    "/members/me",
    response_model=MemberSelf,
    summary="My registration (the calling volunteer's, in their community), with my certificates",
    responses={404: {"description": "Not registered (报到) in the token's community yet"}},
)
async def my_registration(bus: Bus, actor: Member) -> dict[str, Any]:
    return await queries.me(bus.uow(), actor)


@router.get("/members/{member_id}", response_model=MemberRead, summary="One member (staff, or the member)")
async def get_member(member_id: str, bus: Bus, actor: StaffOrVolunteer) -> dict[str, Any]:
    return await queries.member(bus.uow(), actor, member_id)


@router.get("/members/{member_id}/hours", response_model=HoursRead, summary="志愿时长: a member's hours ledger")
async def member_hours(member_id: str, bus: Bus, actor: StaffOrVolunteer) -> dict[str, Any]:
    return await queries.hours(bus.uow(), actor, member_id)


async def _act(command: type, member_id: str, request: Request, actor: Actor, key: str | None, bus: Bus) -> Any:
    return await bus.handle(command(actor=actor, request=_req(request, key, None), member_id=member_id))


@router.post("/members/{member_id}/confirm", response_model=MemberRead, summary="Confirm a registration (staff)")
async def confirm_member(
    member_id: str, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey, body: Empty | None = None
) -> Any:
    return await _act(c.ConfirmMember, member_id, request, actor, key, bus)


@router.post("/members/{member_id}/pause", response_model=MemberRead, summary="Pause (the member or staff)")
async def pause_member(
    member_id: str, request: Request, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey, body: Empty | None = None
) -> Any:
    return await _act(c.PauseMember, member_id, request, actor, key, bus)


@router.post("/members/{member_id}/leave", response_model=MemberRead, summary="Leave (the member or staff)")
async def leave_member(
    member_id: str, request: Request, bus: Bus, actor: StaffOrVolunteer, key: IdempotencyKey, body: Empty | None = None
) -> Any:
    return await _act(c.LeaveMember, member_id, request, actor, key, bus)


@router.get("/skills", response_model=TermList, summary="The skill taxonomy (public)", tags=["reference"])
async def skills(bus: Bus) -> dict[str, Any]:
    return {"items": [t.model_dump() for t in bus.context.taxonomy.skills]}


@router.get("/need-kinds", response_model=TermList, summary="The kinds of need (public)", tags=["reference"])
async def need_kinds(bus: Bus) -> dict[str, Any]:
    return {"items": [t.model_dump() for t in bus.context.taxonomy.need_kinds]}
