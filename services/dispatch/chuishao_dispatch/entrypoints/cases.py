"""Thin routes for the case queue and the case actions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from chuishao_dispatch.adapters import repository
from chuishao_dispatch.deps import Context, Dispatcher, IdempotencyKey, Liaison, Staff
from chuishao_dispatch.domain import Case
from chuishao_dispatch.handlers import commands
from chuishao_dispatch.handlers.common import DispatchContext
from chuishao_dispatch.schemas import Acknowledge, Cancel, Departments, Evidence, Extension, Merge, Return
from chuishao_dispatch.views import case_view
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor, encode_cursor
from chuishao_shared.problems import field_problem
from chuishao_shared.vocabulary import CASE_STATUSES, NOT_OVERDUE_SQL, OVERDUE_MEANING, OVERDUE_SQL, overdue_params

router = APIRouter(prefix="/v1/cases", tags=["cases"])


def _fp(request: Request, body: Any) -> str:
    return request_fingerprint(request.method, request.url.path, body.model_dump(mode="json"))


async def _act(
    ctx: DispatchContext,
    principal: Principal,
    case_id: str,
    request: Request,
    key: str | None,
    body: BaseModel,
    command: commands.Command | commands.RoutedCommand,
    with_rules: bool = False,
) -> dict:
    """Run one case action; the request body and path fingerprint the Idempotency-Key."""
    return await commands.run_command(
        ctx, principal, case_id, command, idempotency_key=key, fingerprint=_fp(request, body), with_rules=with_rules
    )


@router.get("", summary="The queue: a liaison's department's cases, a dispatcher's jurisdiction's")
async def list_cases(
    ctx: Context,
    principal: Staff,
    status: str | None = None,
    department: str | None = None,
    overdue: Annotated[bool | None, Query(description=OVERDUE_MEANING)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict:
    if status is not None and status not in CASE_STATUSES:
        raise field_problem("status", f"must be one of {', '.join(CASE_STATUSES)}")
    where: list[str] = []
    params: dict[str, Any] = {}
    if principal.role == "liaison":
        where.append(":own = ANY(departments)")
        params["own"] = principal.department
    elif principal.role == "dispatcher":
        where.append(":jurisdiction = ANY(jurisdiction_chain)")
        params["jurisdiction"] = principal.jurisdiction
    if status:
        where.append("status = :status")
        params["status"] = status
    if department:
        where.append(":department = ANY(departments)")
        params["department"] = department
    if overdue is not None:
        where.append(OVERDUE_SQL if overdue else NOT_OVERDUE_SQL)
        params.update(overdue_params(datetime.now(UTC)))
    after = decode_cursor(cursor)
    if after:
        where.append("(opened_at, id) < (:after_at, :after_id)")
        params.update(after_at=after[0], after_id=str(after[1]))
    async with ctx.engine.connect() as conn:
        rows = await repository.list_cases(conn, where=where, params=params, limit=limit)
    now = datetime.now(UTC)
    items = [case_view(Case.from_dict(r.doc), ctx.reference, now) for r in rows]
    next_cursor = encode_cursor(rows[-1].opened_at, rows[-1].id) if len(rows) == limit else None
    return {"items": items, "next_cursor": next_cursor}


@router.get("/{case_id}")
async def get_case(case_id: str, ctx: Context, principal: Staff) -> dict:
    return await commands.read_case(ctx, principal, case_id)


@router.post("/{case_id}/acknowledge", summary="报到/签收: the department reports in")
async def acknowledge(
    case_id: str,
    request: Request,
    ctx: Context,
    principal: Liaison,
    key: IdempotencyKey,
    body: Acknowledge | None = None,
) -> dict:
    return await _act(ctx, principal, case_id, request, key, body or Acknowledge(), lambda c, a, t: c.acknowledge(a, t))


@router.post("/{case_id}/progress")
async def progress(
    case_id: str, body: Evidence, request: Request, ctx: Context, principal: Liaison, key: IdempotencyKey
) -> dict:
    photos = tuple(str(p) for p in body.photos)
    return await _act(ctx, principal, case_id, request, key, body, lambda c, a, t: c.progress(a, t, body.note, photos))


@router.post("/{case_id}/resolve", summary="Resolve with evidence")
async def resolve(
    case_id: str, body: Evidence, request: Request, ctx: Context, principal: Liaison, key: IdempotencyKey
) -> dict:
    photos = tuple(str(p) for p in body.photos)
    return await _act(ctx, principal, case_id, request, key, body, lambda c, a, t: c.resolve(a, t, body.note, photos))


@router.post("/{case_id}/return", summary="退单: return a mis-routed case with a reason")
async def return_case(
    case_id: str, body: Return, request: Request, ctx: Context, principal: Liaison, key: IdempotencyKey
) -> dict:
    return await _act(
        ctx, principal, case_id, request, key, body, commands.returning(ctx, body.reason), with_rules=True
    )


@router.post("/{case_id}/extension", summary="延期: ask for more time")
async def request_extension(
    case_id: str, body: Extension, request: Request, ctx: Context, principal: Liaison, key: IdempotencyKey
) -> dict:
    if body.until.tzinfo is None:
        raise field_problem("until", "must carry a time zone (RFC 3339)")
    return await _act(
        ctx, principal, case_id, request, key, body, lambda c, a, t: c.request_extension(a, t, body.until, body.reason)
    )


@router.post("/{case_id}/extension/approve")
async def approve_extension(
    case_id: str,
    request: Request,
    ctx: Context,
    principal: Dispatcher,
    key: IdempotencyKey,
    body: Acknowledge | None = None,
) -> dict:
    return await _act(
        ctx, principal, case_id, request, key, body or Acknowledge(), lambda c, a, t: c.approve_extension(a, t)
    )


@router.post("/{case_id}/extension/reject", summary="Refuse a requested extension, with a reason")
async def reject_extension(
    case_id: str, body: Cancel, request: Request, ctx: Context, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    return await _act(
        ctx, principal, case_id, request, key, body, lambda c, a, t: c.reject_extension(a, t, body.reason)
    )


@router.post("/{case_id}/route", summary="Route a triaged or returned case")
async def route_case(
    case_id: str,
    body: Departments,
    request: Request,
    ctx: Context,
    principal: Dispatcher,
    key: IdempotencyKey,
) -> dict:
    commands.check_departments(ctx, body.departments)
    return await _act(
        ctx, principal, case_id, request, key, body, lambda c, a, t: c.route(a, t, body.departments, body.reason)
    )


@router.post("/{case_id}/whistle", summary="吹哨: summon further departments")
async def whistle(
    case_id: str,
    body: Departments,
    request: Request,
    ctx: Context,
    principal: Dispatcher,
    key: IdempotencyKey,
) -> dict:
    commands.check_departments(ctx, body.departments)
    return await _act(
        ctx, principal, case_id, request, key, body, lambda c, a, t: c.whistle(a, t, body.departments, body.reason)
    )


@router.post("/{case_id}/merge", summary="Merge a duplicate into another case")
async def merge(
    case_id: str, body: Merge, request: Request, ctx: Context, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    return await commands.merge_cases(
        ctx, principal, case_id, body.into, body.reason, idempotency_key=key, fingerprint=_fp(request, body)
    )


@router.post("/{case_id}/cancel", summary="Cancel an invalid report's case")
async def cancel(
    case_id: str, body: Cancel, request: Request, ctx: Context, principal: Dispatcher, key: IdempotencyKey
) -> dict:
    return await _act(ctx, principal, case_id, request, key, body, lambda c, a, t: c.cancel(a, t, body.reason))
