"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2/) over intake, so that existing Open311
clients file and follow reports unchanged. Responses in JSON or XML by the path's format suffix; errors
in the spec's own format (a list of {code, description}).

Mapping: service_code = 小类 code; the grid and severity are service attributes (`attribute[grid]`,
`attribute[severity]`); first_name/last_name/phone/email become the resident contact (personal data, kept
by intake only). Filing needs an API key: a grid worker's bearer token, `api_key` in the POST body, as the
spec documents, or the Authorization header; never in a query string (proxies log those): refused there.
Reading (`GET requests`, `requests/{id}`, `tokens/{id}`, services, discovery) is public, as in the
specification, and shows no personal data: see `domain/open311.py` for the masking.
POST bodies: `application/x-www-form-urlencoded` or `multipart/form-data`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from chuishao_intake.domain import commands as c
from chuishao_intake.domain.open311 import QueryError, RequestQuery, public_request
from chuishao_intake.domain.reports import IntakeError
from chuishao_intake.entrypoints.api import filing
from chuishao_intake.entrypoints.errors import problem_of
from chuishao_intake.entrypoints.open311_responses import (
    CreatedRequests,
    Discovery,
    RequestTokens,
    ServiceDefinition,
    ServiceList,
    ServiceRequests,
    answers,
)
from chuishao_intake.schemas import ReportCreate
from chuishao_intake.service_layer import queries
from chuishao_shared.auth import AuthError, AuthUnavailable, Principal
from chuishao_shared.idempotency import check_key, request_fingerprint
from chuishao_shared.problems import Problem
from chuishao_shared.reference import ReferenceData
from chuishao_shared.text_guard import has_control_character

router = APIRouter(prefix="/open311", tags=["Open311 GeoReport v2"])
FORMATS = ("json", "xml")
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The date this endpoint's behaviour last changed, as discovery's `changeset` (clients cache on it).
CHANGESET = "2026-11-30T00:00:00Z"


class Open311Error(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    top = ElementTree.Element(root)
    for row in rows:
        element = ElementTree.SubElement(top, item)
        for key, value in row.items():
            child = ElementTree.SubElement(element, key)
            if isinstance(value, list):
                for entry in value:
                    sub = ElementTree.SubElement(child, "attribute" if isinstance(entry, dict) else "value")
                    if isinstance(entry, dict):
                        for k, v in entry.items():
                            ElementTree.SubElement(sub, k).text = _text(v)
                    else:
                        sub.text = _text(entry)
            else:
                child.text = _text(value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(top, encoding="utf-8")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _respond(fmt: str, root: str, item: str, rows: list[dict[str, Any]], status: int = 200) -> Response:
    if fmt == "xml":
        return Response(_xml(root, item, rows), status_code=status, media_type="text/xml; charset=utf-8")
    return JSONResponse(rows, status_code=status)


def _error(fmt: str, code: int, description: str) -> Response:
    return _respond(fmt, "errors", "error", [{"code": code, "description": description}], status=code)


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Open311Error(404, f"unknown format {fmt!r}: use .json or .xml")
    return fmt


def _refuse_key_in_query(request: Request) -> None:
    # Even on the public reads: a key in a URL ends up in proxy logs, so say so rather than ignore it.
    if "api_key" in request.query_params:
        raise Open311Error(400, "api_key is refused in the query string: send it in the POST body or as a bearer token")


async def _principal(request: Request, params: dict[str, str]) -> Principal:
    _refuse_key_in_query(request)
    header = request.headers.get("authorization", "")
    posted = params.get("api_key", "") if request.method == "POST" else ""
    token = posted or (header[7:] if header.lower().startswith("bearer ") else "")
    if not token:
        raise Open311Error(401, "api_key required: a grid worker's token")
    try:
        principal = await request.app.state.verifier.verify(token)
    except AuthUnavailable as error:  # the key could not be checked now: refused, not accepted
        raise Open311Error(503, f"api_key cannot be checked now: {error}") from error
    except AuthError as error:
        raise Open311Error(401, f"invalid api_key: {error}") from error
    if principal.role != "grid_worker":
        raise Open311Error(403, "only grid workers file and follow requests here")
    return principal


def _service(ref: ReferenceData, code: str) -> dict[str, Any]:
    category = ref.categories[code]
    return {
        "service_code": code,
        "service_name": category.name,
        "description": category.name_en,
        "metadata": True,
        "type": "realtime",
        "keywords": category.name_en,
        "group": ref.majors[category.major].name,
    }


def _definition(ref: ReferenceData, code: str) -> dict[str, Any]:
    grids = [{"key": g.code, "name": g.name} for g in ref.grids()]
    severities = [{"key": s, "name": s} for s in ("minor", "major", "emergency")]
    return {
        "service_code": code,
        "attributes": [
            {
                "variable": True,
                "code": "grid",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "网格 grid code",
                "order": 1,
                "description": "网格 Grid",
                "values": grids,
            },
            {
                "variable": True,
                "code": "severity",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "default minor",
                "order": 2,
                "description": "严重程度 Severity",
                "values": severities,
            },
        ],
    }


async def _params(request: Request) -> dict[str, str]:
    """Query string, then the body's fields. GeoReport v2 POSTs are form-encoded: a body of any other
    type (JSON) is refused with 415, never read as a form. Every field goes through the same control and
    bidirectional-character guard as `/v1/reports` (the platform checks urlencoded bodies before the
    route runs; multipart text parts are checked here)."""
    params = dict(request.query_params)
    if request.method != "POST":
        return params
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form()
        fields = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        for name, value in fields:
            if has_control_character(name) or has_control_character(value):
                raise Open311Error(400, f"{name}: control characters are not allowed")
        params.update(fields)
    elif (await request.body()).strip():
        raise Open311Error(
            415,
            f"POST requests are form-encoded (urlencoded or multipart), not {content_type}",
        )
    return params


def _report_body(params: dict[str, str]) -> ReportCreate:
    name = " ".join(p for p in (params.get("last_name"), params.get("first_name")) if p) or None
    contact = {"name": name, "phone": params.get("phone") or None, "email": params.get("email") or None}
    resident = {k: v for k, v in contact.items() if v} or None
    place = {
        "address": params.get("address_string") or None,
        "lat": params.get("lat") or None,
        "lon": params.get("long") or None,
    }
    body = {
        "category": params.get("service_code", ""),
        "grid": params.get("attribute[grid]", ""),
        "description": params.get("description", ""),
        "severity": params.get("attribute[severity]") or "minor",
        "place": {k: v for k, v in place.items() if v is not None},
        "photos": [params["media_url"]] if params.get("media_url") else [],
    }
    if resident:
        body["resident"] = resident
    return ReportCreate.model_validate(body)


async def _guarded(fmt: str, work: Any) -> Response:
    try:
        return await work(_format(fmt))
    except Open311Error as error:
        return _error(fmt if fmt in FORMATS else "json", error.code, error.description)
    except QueryError as error:
        return _error(fmt, 400, str(error))
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        return _error(fmt, 400, f"{field}: {first['msg']}")
    except (Problem, IntakeError) as refused:
        problem = refused if isinstance(refused, Problem) else problem_of(refused)
        return _error(fmt, problem.status if problem.status in (401, 403, 404, 409) else 400, problem.detail)


@router.get("/v2/services.{fmt}", summary="Service list: the 小类 categories", responses=answers(ServiceList))
async def services(fmt: str, request: Request) -> Response:
    async def work(fmt: str) -> Response:
        ref = request.app.state.context.reference
        return _respond(fmt, "services", "service", [_service(ref, code) for code in ref.categories])

    return await _guarded(fmt, work)


@router.get(
    "/v2/services/{service_code}.{fmt}",
    summary="Service definition: grid and severity attributes",
    responses=answers(ServiceDefinition),
)
async def service_definition(service_code: str, fmt: str, request: Request) -> Response:
    async def work(fmt: str) -> Response:
        ref = request.app.state.context.reference
        if service_code not in ref.categories:
            raise Open311Error(404, f"unknown service_code {service_code!r}")
        definition = _definition(ref, service_code)
        if fmt == "json":
            return JSONResponse(definition)
        top = ElementTree.Element("service_definition")
        ElementTree.SubElement(top, "service_code").text = service_code
        attributes = ElementTree.SubElement(top, "attributes")
        for attribute in definition["attributes"]:
            node = ElementTree.SubElement(attributes, "attribute")
            for key, value in attribute.items():
                child = ElementTree.SubElement(node, key)
                if key == "values":
                    for entry in value:
                        v = ElementTree.SubElement(child, "value")
                        ElementTree.SubElement(v, "key").text = entry["key"]
                        ElementTree.SubElement(v, "name").text = entry["name"]
                else:
                    child.text = _text(value)
        xml = b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(top, encoding="utf-8")
        return Response(xml, media_type="text/xml; charset=utf-8")

    return await _guarded(fmt, work)


@router.post(
    "/v2/requests.{fmt}",
    summary="Create a service request (a report)",
    status_code=201,
    responses=answers(CreatedRequests, 201, 401, 403, 409, 415),
)
async def create_request(fmt: str, request: Request) -> Response:
    async def work(fmt: str) -> Response:
        params = await _params(request)
        principal = await _principal(request, params)
        body = _report_body(params)
        key = check_key(request.headers.get("idempotency-key"))
        fingerprint = request_fingerprint("POST", "/v1/reports", body.model_dump(mode="json"))
        report = await request.app.state.bus.handle(filing(principal, body, c.Request(key, fingerprint)))
        notice = "已受理，将按规则派发至责任部门 / accepted and routed to the responsible department"
        if report.get("number"):  # the short number to give the resident (issue 27 item 3)
            number = report["number"]
            notice = (
                f"已受理，编号 {number}，将按规则派发至责任部门 / "
                f"accepted as No. {number}, routed to the responsible department"
            )
        return _respond(
            fmt,
            "service_requests",
            "request",
            [{"service_request_id": report["id"], "service_notice": notice, "account_id": None}],
            status=201,
        )

    return await _guarded(fmt, work)


@router.get(
    "/v2/requests.{fmt}", summary="Service requests (public; no personal data)", responses=answers(ServiceRequests)
)
async def list_requests(fmt: str, request: Request) -> Response:
    async def work(fmt: str) -> Response:
        _refuse_key_in_query(request)
        query = RequestQuery.parse(request.query_params, now=datetime.now(UTC))
        rows = await queries.public_requests(request.app.state.bus.uow(), query)
        ref = request.app.state.context.reference
        return _respond(fmt, "service_requests", "request", [public_request(ref, r) for r in rows])

    return await _guarded(fmt, work)


async def _one(request: Request, request_id: str) -> dict[str, Any]:
    _refuse_key_in_query(request)
    try:
        report_id = uuid.UUID(request_id)
    except ValueError as error:
        raise Open311Error(404, f"no request {request_id}") from error
    try:
        return await queries.public_request(request.app.state.bus.uow(), report_id)
    except IntakeError as error:
        raise Open311Error(404, f"no request {request_id}") from error


@router.get(
    "/v2/requests/{request_id}.{fmt}",
    summary="One service request (public; no personal data)",
    responses=answers(ServiceRequests),
)
async def get_request(request_id: str, fmt: str, request: Request) -> Response:
    async def work(fmt: str) -> Response:
        row = await _one(request, request_id)
        ref = request.app.state.context.reference
        return _respond(fmt, "service_requests", "request", [public_request(ref, row)])

    return await _guarded(fmt, work)


@router.get(
    "/v2/tokens/{token_id}.{fmt}",
    summary="Request id for a token (requests are created synchronously)",
    responses=answers(RequestTokens),
)
async def get_token(token_id: str, fmt: str, request: Request) -> Response:
    async def work(fmt: str) -> Response:
        row = await _one(request, token_id)
        return _respond(fmt, "service_requests", "request", [{"service_request_id": str(row["id"]), "token": token_id}])

    return await _guarded(fmt, work)


def _discovery(request: Request) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/")
    return {
        "changeset": CHANGESET,
        "contact": "吹哨报到 Chuishao — 城市网格化管理平台运维 / grid-governance platform operations",
        "key_service": "API key: a grid worker's token, issued by the platform's administrators",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": f"{base}/open311/v2",
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }


@router.get(
    "/discovery.{fmt}",
    summary="Service discovery: where this Open311 endpoint is and what it speaks",
    responses=answers(Discovery),
)
async def discovery(fmt: str, request: Request) -> Response:
    async def work(fmt: str) -> Response:
        document = _discovery(request)
        if fmt == "json":
            return JSONResponse(document)
        top = ElementTree.Element("discovery")
        for key in ("changeset", "contact", "key_service"):
            ElementTree.SubElement(top, key).text = document[key]
        endpoints = ElementTree.SubElement(top, "endpoints")
        for endpoint in document["endpoints"]:
            node = ElementTree.SubElement(endpoints, "endpoint")
            for key, value in endpoint.items():
                child = ElementTree.SubElement(node, key)
                if key == "formats":
                    for media_type in value:
                        ElementTree.SubElement(child, "format").text = media_type
                else:
                    child.text = value
        xml = b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(top, encoding="utf-8")
        return Response(xml, media_type="text/xml; charset=utf-8")

    return await _guarded(fmt, work)
