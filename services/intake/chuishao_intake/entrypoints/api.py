"""Thin HTTP routes: parse, authorise, call the handler, shape the response."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from chuishao_intake import handlers
from chuishao_intake.deps import AnyUser, Context, GridWorker, IdempotencyKey
from chuishao_intake.schemas import (
    Accepted,
    FeedbackCreate,
    ReportCreate,
    ReportPage,
    ReportRead,
    VerificationCreate,
)
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor, encode_cursor

router = APIRouter(prefix="/v1", tags=["reports"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {"application/problem+json": {}}}
    for code, text in [
        (400, "Malformed request"),
        (401, "No valid token"),
        (403, "Not allowed"),
        (404, "Not found"),
        (409, "Conflict"),
        (413, "Body too large"),
        (415, "Not JSON"),
        (422, "Invalid fields"),
        (429, "Too many requests"),
    ]
}


def _fingerprint(request: Request, body: Any) -> str:
    return request_fingerprint(request.method, request.url.path, body.model_dump(mode="json"))


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportRead,
    responses=ERRORS,
    summary="File a report (吹哨) for one of your grids",
)
async def create_report(
    body: ReportCreate, request: Request, ctx: Context, principal: GridWorker, idempotency_key: IdempotencyKey
) -> JSONResponse:
    status, payload = await handlers.file_report(
        ctx, principal, body, idempotency_key=idempotency_key, fingerprint=_fingerprint(request, body)
    )
    return JSONResponse(payload, status_code=status, headers={"Location": f"/v1/reports/{payload['id']}"})


@router.get("/reports", response_model=ReportPage, responses=ERRORS, summary="Your own reports, newest first")
async def list_reports(
    ctx: Context,
    principal: GridWorker,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> dict:
    items = await handlers.list_reports(ctx, principal, limit=limit, after=decode_cursor(cursor))
    next_cursor = (
        encode_cursor(items[-1]["created_at"].replace("Z", "+00:00"), items[-1]["id"]) if len(items) == limit else None
    )
    return {"items": items, "next_cursor": next_cursor}


@router.get("/reports/{report_id}", response_model=ReportRead, responses=ERRORS)
async def get_report(report_id: uuid.UUID, ctx: Context, principal: GridWorker) -> dict:
    return await handlers.get_report(ctx, principal, report_id)


@router.post(
    "/reports/{report_id}/verification",
    status_code=202,
    response_model=Accepted,
    responses=ERRORS,
    summary="Verify a resolved case on site (核查): fixed closes it, not fixed reopens it",
)
async def verify(
    report_id: uuid.UUID,
    body: VerificationCreate,
    request: Request,
    ctx: Context,
    principal: GridWorker,
    idempotency_key: IdempotencyKey,
) -> JSONResponse:
    status, payload = await handlers.verify_report(
        ctx,
        principal,
        report_id,
        body,
        idempotency_key=idempotency_key,
        fingerprint=_fingerprint(request, body),
    )
    return JSONResponse(payload, status_code=status)


@router.post(
    "/reports/{report_id}/feedback",
    status_code=202,
    response_model=Accepted,
    responses=ERRORS,
    summary="Record the resident's satisfaction (回访)",
)
async def feedback(
    report_id: uuid.UUID,
    body: FeedbackCreate,
    request: Request,
    ctx: Context,
    principal: GridWorker,
    idempotency_key: IdempotencyKey,
) -> JSONResponse:
    status, payload = await handlers.record_feedback(
        ctx,
        principal,
        report_id,
        body,
        idempotency_key=idempotency_key,
        fingerprint=_fingerprint(request, body),
    )
    return JSONResponse(payload, status_code=status)


reference_router = APIRouter(prefix="/v1", tags=["reference data"])


@reference_router.get("/categories", summary="Categories (小类) with their 大类")
async def categories(ctx: Context, _: AnyUser) -> dict:
    ref = ctx.reference
    return {
        "items": [
            {
                "code": c.code,
                "name": c.name,
                "name_en": c.name_en,
                "kind": c.kind,
                "major": c.major,
                "major_name": ref.majors[c.major].name,
                "major_name_en": ref.majors[c.major].name_en,
                "default_severity": c.default_severity,
            }
            for c in ref.categories.values()
        ]
    }


@reference_router.get("/grids", summary="Grids with their community")
async def grids(ctx: Context, principal: AnyUser, mine: bool = False) -> dict:
    ref = ctx.reference
    return {
        "items": [
            {
                "code": g.code,
                "name": g.name,
                "name_en": g.name_en,
                "community": ref.community_of(g.code).code,
                "community_name": ref.community_of(g.code).name,
                "parent": g.parent,
            }
            for g in ref.grids()
            if not mine or g.code in principal.grids
        ]
    }


@reference_router.get("/departments", summary="Departments (for showing who handles a case)")
async def departments(ctx: Context, _: AnyUser) -> dict:
    return {
        "items": [
            {"code": d.code, "name": d.name, "name_en": d.name_en, "kind": d.kind, "jurisdiction": d.jurisdiction}
            for d in ctx.reference.departments.values()
        ]
    }
