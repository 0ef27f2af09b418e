"""Thin HTTP routes: parse, authorise, build the command, hand it to the bus, shape the response."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from chuishao_intake.deps import AnyUser, Bus, Context, GridWorker, IdempotencyKey, command_request
from chuishao_intake.domain import commands as c
from chuishao_intake.entrypoints import grid_geojson
from chuishao_intake.schemas import (
    Accepted,
    CategoryList,
    FeedbackCreate,
    GridList,
    ReportCreate,
    ReportPage,
    ReportRead,
    VerificationCreate,
)
from chuishao_intake.service_layer import queries
from chuishao_intake.service_layer.handlers import IntakeBus
from chuishao_shared.apimodels import DepartmentList
from chuishao_shared.auth import Principal
from chuishao_shared.direct_routes import json_body, validated
from chuishao_shared.idempotency import check_key
from chuishao_shared.pagination import decode_cursor, encode_cursor
from chuishao_shared.security import principal_with_role

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


def filing(principal: Principal, body: ReportCreate, request: c.Request) -> c.FileReport:
    """The FileReport command for a validated body (the JSON API's and Open311's)."""
    return c.FileReport(
        reporter=principal.sub,
        own_grids=principal.grids,
        category=body.category,
        grid=body.grid,
        description=body.description,
        severity=body.severity,
        place=body.place.model_dump(mode="json"),
        resident=body.resident.model_dump(mode="json") if body.resident else None,
        photos=tuple(str(p) for p in body.photos),
        handled_on_site=body.handled_on_site,
        topic_id=body.topic_id,
        request=request,
    )


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportRead,
    responses=ERRORS,
    summary="File a report (吹哨) for one of your grids",
)
async def create_report(
    body: ReportCreate, request: Request, bus: Bus, principal: GridWorker, idempotency_key: IdempotencyKey
) -> JSONResponse:
    # Declared for the API docs (a docstring would become the operation's description): the platform
    # answers this route with `file_report_directly`.
    return await _filed(bus, principal, body, command_request(request, idempotency_key, body))


async def file_report_directly(request: Request) -> JSONResponse:
    """`create_report` as the platform answers it (chuishao_shared.direct_routes, the hot path): its
    dependencies' checks in FastAPI's order (malformed JSON, the token and role, the Idempotency-Key,
    the body's fields), with no dependency solving."""
    received = await json_body(request)
    principal = await principal_with_role(request, "grid_worker")
    key = check_key(request.headers.get("idempotency-key"))
    body = validated(ReportCreate, received)
    return await _filed(request.app.state.bus, principal, body, command_request(request, key, body))


async def _filed(bus: IntakeBus, principal: Principal, body: ReportCreate, request: c.Request) -> JSONResponse:
    payload = await bus.handle(filing(principal, body, request))
    return JSONResponse(payload, status_code=201, headers={"Location": f"/v1/reports/{payload['id']}"})


@router.get("/reports", response_model=ReportPage, responses=ERRORS, summary="Your own reports, newest first")
async def list_reports(
    bus: Bus,
    principal: GridWorker,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> dict:
    items = await queries.list_reports(bus.uow(), principal.sub, limit=limit, after=decode_cursor(cursor))
    next_cursor = encode_cursor(items[-1]["created_at"], items[-1]["id"]) if len(items) == limit else None
    return {"items": items, "next_cursor": next_cursor}


@router.get("/reports/{report_id}", response_model=ReportRead, responses=ERRORS)
async def get_report(report_id: uuid.UUID, bus: Bus, principal: GridWorker) -> dict:
    return await queries.get_report(bus.uow(), principal.sub, report_id)


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
    bus: Bus,
    principal: GridWorker,
    idempotency_key: IdempotencyKey,
) -> JSONResponse:
    command = c.VerifyReport(
        report_id=report_id,
        worker=principal.sub,
        result=body.result,
        note=body.note,
        photos=tuple(str(p) for p in body.photos),
        request=command_request(request, idempotency_key, body),
    )
    return JSONResponse(await bus.handle(command), status_code=202)


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
    bus: Bus,
    principal: GridWorker,
    idempotency_key: IdempotencyKey,
) -> JSONResponse:
    command = c.RecordFeedback(
        report_id=report_id,
        worker=principal.sub,
        satisfaction=body.satisfaction,
        comment=body.comment,
        request=command_request(request, idempotency_key, body),
    )
    return JSONResponse(await bus.handle(command), status_code=202)


reference_router = APIRouter(prefix="/v1", tags=["reference data"])


@reference_router.get(
    "/categories", response_model=CategoryList, responses=ERRORS, summary="Categories (小类) with their 大类"
)
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


@reference_router.get(
    "/grids",
    response_model=GridList,
    responses={**ERRORS, **grid_geojson.RESPONSES},
    summary="Grids with their community (JSON, or GeoJSON with their polygons)",
    description="`?format=geojson` or `Accept: application/geo+json` answers a GeoJSON FeatureCollection: "
    "one Feature per grid, its polygon (WGS84 lon/lat) as geometry and the grid's fields as properties.",
)
async def grids(
    request: Request, ctx: Context, principal: AnyUser, mine: bool = False, format: grid_geojson.Format | None = None
) -> Any:
    ref = ctx.reference
    items = [
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
    if grid_geojson.wanted(format, request.headers.get("accept")):
        return grid_geojson.response(ref, items)
    return {"items": items}


@reference_router.get(
    "/departments",
    response_model=DepartmentList,
    responses=ERRORS,
    summary="Departments (for showing who handles a case)",
)
async def departments(ctx: Context, _: AnyUser) -> dict:
    return {
        "items": [
            {"code": d.code, "name": d.name, "name_en": d.name_en, "kind": d.kind, "jurisdiction": d.jurisdiction}
            for d in ctx.reference.departments.values()
        ]
    }
