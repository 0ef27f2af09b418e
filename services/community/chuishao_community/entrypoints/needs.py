"""Thin routes for needs and their claims (COMMUNITY.md §2, §4)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from chuishao_community.deps import Bus, Claimer, Confirmer, Helper, IdempotencyKey, NeedReader, Recorder, Staff
from chuishao_community.domain import commands as c
from chuishao_community.domain.values import Actor
from chuishao_community.schemas import Claim, Confirm, Done, Empty, NeedCreate, NeedPage, NeedRead, Reason, ReleaseBody
from chuishao_community.schemas import Whistle as WhistleBody
from chuishao_community.service_layer import queries
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor
from chuishao_shared.vocabulary import NeedStatus

router = APIRouter(prefix="/v1/needs", tags=["needs"])


def _target(need_id: str, request: Request, actor: Actor, key: str | None, body: BaseModel | None) -> dict[str, Any]:
    payload = body.model_dump(mode="json") if body is not None else {}
    fingerprint = request_fingerprint(request.method, request.url.path, payload)
    return {"need_id": need_id, "actor": actor, "request": c.Request(key, fingerprint)}


@router.post("", response_model=NeedRead, status_code=201, summary="Record a resident's need (staff, grid worker)")
async def record_need(
    body: NeedCreate, request: Request, response: Response, bus: Bus, actor: Recorder, key: IdempotencyKey
) -> dict[str, Any]:
    fingerprint = request_fingerprint(request.method, request.url.path, body.model_dump(mode="json"))
    view: dict[str, Any] = await bus.handle(
        c.RecordNeed(
            actor=actor,
            request=c.Request(key, fingerprint),
            kind=body.kind,
            title=body.title,
            description=body.description,
            grid=body.grid,
            building=body.building,
            resident=body.resident.model_dump(exclude_none=True),
            urgency=body.urgency,
            wanted_by=body.wanted_by,
            skills=tuple(body.skills),
            helpers=body.helpers,
            hours_wanted=body.hours_wanted,
            privacy=body.privacy,
        )
    )
    response.headers["Location"] = f"/v1/needs/{view['id']}"
    return view


@router.get("", response_model=NeedPage, summary="Needs in the caller's scope, newest first")
async def list_needs(
    bus: Bus,
    actor: NeedReader,
    status: NeedStatus | None = None,
    kind: str | None = None,
    grid: str | None = None,
    skill: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    after = decode_cursor(cursor, str)
    return await queries.needs(
        bus.uow(), actor, status=status, kind=kind, grid=grid, skill=skill, limit=limit, after=after
    )


@router.get("/{need_id}", response_model=NeedRead, summary="One need (the resident: staff and a confirmed claimant)")
async def get_need(need_id: str, bus: Bus, actor: NeedReader) -> dict[str, Any]:
    return await queries.need(bus.uow(), actor, need_id)


@router.post("/{need_id}/claim", response_model=NeedRead, summary="认领: claim (a volunteer `{}`, a unit `{unit}`)")
async def claim_need(
    need_id: str, request: Request, bus: Bus, actor: Claimer, key: IdempotencyKey, body: Claim | None = None
) -> Any:
    body = body or Claim()
    return await bus.handle(c.ClaimNeed(**_target(need_id, request, actor, key, body), unit=body.unit))


@router.post("/{need_id}/claims/{claim_id}/confirm", response_model=NeedRead, summary="Confirm a claim (staff)")
async def confirm_claim(
    need_id: str,
    claim_id: str,
    request: Request,
    bus: Bus,
    actor: Staff,
    key: IdempotencyKey,
    body: Empty | None = None,
) -> Any:
    return await bus.handle(c.ConfirmClaim(**_target(need_id, request, actor, key, body), claim_id=claim_id))


@router.post("/{need_id}/release", response_model=NeedRead, summary="Give a claim up (the claimant, or staff)")
async def release_need(
    need_id: str, request: Request, bus: Bus, actor: Helper, key: IdempotencyKey, body: ReleaseBody | None = None
) -> Any:
    body = body or ReleaseBody()
    return await bus.handle(c.ReleaseNeed(**_target(need_id, request, actor, key, body), reason=body.reason))


@router.post("/{need_id}/start", response_model=NeedRead, summary="Start (the claimant of a confirmed claim)")
async def start_need(
    need_id: str, request: Request, bus: Bus, actor: Claimer, key: IdempotencyKey, body: Empty | None = None
) -> Any:
    return await bus.handle(c.StartNeed(**_target(need_id, request, actor, key, body)))


@router.post("/{need_id}/done", response_model=NeedRead, summary="Report done with a note, photos and hours")
async def report_done(need_id: str, body: Done, request: Request, bus: Bus, actor: Claimer, key: IdempotencyKey) -> Any:
    target = _target(need_id, request, actor, key, body)
    return await bus.handle(c.ReportNeedDone(**target, note=body.note, photos=tuple(body.photos), hours=body.hours))


@router.post("/{need_id}/confirm", response_model=NeedRead, summary="Confirm with the resident (staff, grid worker)")
async def confirm_need(
    need_id: str, body: Confirm, request: Request, bus: Bus, actor: Confirmer, key: IdempotencyKey
) -> Any:
    target = _target(need_id, request, actor, key, body)
    return await bus.handle(c.ConfirmNeed(**target, satisfaction=body.satisfaction, note=body.note))


@router.post("/{need_id}/cancel", response_model=NeedRead, summary="Cancel with a reason (staff)")
async def cancel_need(need_id: str, body: Reason, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey) -> Any:
    return await bus.handle(c.CancelNeed(**_target(need_id, request, actor, key, body), reason=body.reason))


@router.post("/{need_id}/whistle", response_model=NeedRead, summary="吹哨: a department's job, filed through intake")
async def whistle_need(
    need_id: str, body: WhistleBody, request: Request, bus: Bus, actor: Confirmer, key: IdempotencyKey
) -> Any:
    target = _target(need_id, request, actor, key, body)
    return await bus.handle(c.WhistleNeed(**target, category=body.category, description=body.description))
