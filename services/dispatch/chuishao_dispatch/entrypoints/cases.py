"""Thin routes for the case queue and the case actions: parse, authorise by role, build the command,
hand it to the bus. The body and path fingerprint a request's Idempotency-Key."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from chuishao_dispatch.adapters.repository import QueueFilter
from chuishao_dispatch.deps import Bus, CaseReader, Dispatcher, IdempotencyKey, Liaison, actor_of
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.entrypoints.responses import CasePage, CaseRead, ReporterContact
from chuishao_dispatch.schemas import Acknowledge, Cancel, Departments, Evidence, Extension, Merge, Resolution, Return
from chuishao_dispatch.service_layer import queries
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor
from chuishao_shared.vocabulary import OVERDUE_MEANING

router = APIRouter(prefix="/v1/cases", tags=["cases"])


def _target(case_id: str, request: Request, principal: Principal, key: str | None, body: BaseModel) -> dict[str, Any]:
    """The fields every case command shares."""
    fingerprint = request_fingerprint(request.method, request.url.path, body.model_dump(mode="json"))
    return {"case_id": case_id, "actor": actor_of(principal), "request": c.Request(key, fingerprint)}


@router.get(
    "", response_model=CasePage, summary="The queue: a liaison's department's cases, a dispatcher's jurisdiction's"
)
async def list_cases(
    bus: Bus,
    principal: CaseReader,
    status: str | None = None,
    department: str | None = None,
    overdue: Annotated[bool | None, Query(description=OVERDUE_MEANING)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the page before: the next page")] = None,
    grid: Annotated[str | None, Query(description="Only cases in this grid (or area), sub-grids included")] = None,
    q: Annotated[
        str | None,
        Query(
            description="Find cases: a case id or its start, words of the description or building, "
            "or a community's or grid's name (at most 100 characters)"
        ),
    ] = None,
) -> dict:
    after = decode_cursor(cursor)
    query = QueueFilter(
        actor=actor_of(principal),
        status=status,
        department=department,
        overdue=overdue,
        limit=limit,
        after=(after[0], str(after[1])) if after else None,
        grid=grid or None,
        search=q,
    )
    return await queries.queue(bus.uow(), bus.context, query)


@router.get("/{case_id}", response_model=CaseRead, summary="One case, with its assignments and timeline")
async def get_case(case_id: str, bus: Bus, principal: CaseReader) -> dict:
    return await queries.case(bus.uow(), bus.context, actor_of(principal), case_id)


@router.get(
    "/{case_id}/reporter",
    response_model=ReporterContact,
    summary="How to reach the grid worker who reported the case (its liaisons and dispatchers only)",
)
async def get_reporter(case_id: str, bus: Bus, principal: CaseReader) -> dict:
    return await queries.reporter_contact(bus.uow(), actor_of(principal), case_id)


@router.post("/{case_id}/acknowledge", response_model=CaseRead, summary="报到/签收: the department reports in")
async def acknowledge(
    case_id: str, request: Request, bus: Bus, principal: Liaison, key: IdempotencyKey, body: Acknowledge | None = None
) -> dict:
    return await bus.handle(c.AcknowledgeCase(**_target(case_id, request, principal, key, body or Acknowledge())))


@router.post("/{case_id}/progress", response_model=CaseRead)
async def progress(
    case_id: str, body: Evidence, request: Request, bus: Bus, principal: Liaison, key: IdempotencyKey
) -> dict:
    photos = tuple(str(p) for p in body.photos)
    target = _target(case_id, request, principal, key, body)
    return await bus.handle(c.RecordProgress(**target, note=body.note, photos=photos))


@router.post("/{case_id}/resolve", response_model=CaseRead, summary="Resolve with evidence")
async def resolve(
    case_id: str, body: Resolution, request: Request, bus: Bus, principal: Liaison, key: IdempotencyKey
) -> dict:
    photos = tuple(str(p) for p in body.photos)
    target = _target(case_id, request, principal, key, body)
    return await bus.handle(
        c.ResolveCase(**target, note=body.note, photos=photos, no_photo_reason=body.no_photo_reason)
    )


@router.post("/{case_id}/return", response_model=CaseRead, summary="退单: return a mis-routed case with a reason")
async def return_case(
    case_id: str, body: Return, request: Request, bus: Bus, principal: Liaison, key: IdempotencyKey
) -> dict:
    return await bus.handle(c.ReturnCase(**_target(case_id, request, principal, key, body), reason=body.reason))


@router.post("/{case_id}/extension", response_model=CaseRead, summary="延期: ask for more time")
async def request_extension(
    case_id: str, body: Extension, request: Request, bus: Bus, principal: Liaison, key: IdempotencyKey
) -> dict:
    target = _target(case_id, request, principal, key, body)
    return await bus.handle(c.RequestExtension(**target, until=body.until, reason=body.reason))


@router.post("/{case_id}/extension/approve", response_model=CaseRead)
async def approve_extension(
    case_id: str,
    request: Request,
    bus: Bus,
    principal: Dispatcher,
    key: IdempotencyKey,
    body: Acknowledge | None = None,
) -> dict:
    return await bus.handle(c.ApproveExtension(**_target(case_id, request, principal, key, body or Acknowledge())))


@router.post(
    "/{case_id}/extension/reject", response_model=CaseRead, summary="Refuse a requested extension, with a reason"
)
async def reject_extension(
    case_id: str, body: Cancel, request: Request, bus: Bus, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    return await bus.handle(c.RejectExtension(**_target(case_id, request, principal, key, body), reason=body.reason))


@router.post("/{case_id}/route", response_model=CaseRead, summary="Route a triaged or returned case")
async def route_case(
    case_id: str, body: Departments, request: Request, bus: Bus, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    target = _target(case_id, request, principal, key, body)
    return await bus.handle(c.RouteCase(**target, departments=tuple(body.departments), reason=body.reason))


@router.post("/{case_id}/whistle", response_model=CaseRead, summary="吹哨: summon further departments")
async def whistle(
    case_id: str, body: Departments, request: Request, bus: Bus, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    target = _target(case_id, request, principal, key, body)
    return await bus.handle(c.WhistleCase(**target, departments=tuple(body.departments), reason=body.reason))


@router.post("/{case_id}/merge", response_model=CaseRead, summary="Merge a duplicate into another case")
async def merge(
    case_id: str, body: Merge, request: Request, bus: Bus, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    target = _target(case_id, request, principal, key, body)
    return await bus.handle(c.MergeCase(**target, into=body.into, reason=body.reason))


@router.post("/{case_id}/cancel", response_model=CaseRead, summary="Cancel an invalid report's case")
async def cancel(
    case_id: str, body: Cancel, request: Request, bus: Bus, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    return await bus.handle(c.CancelCase(**_target(case_id, request, principal, key, body), reason=body.reason))
