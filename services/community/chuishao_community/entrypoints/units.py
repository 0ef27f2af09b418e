"""Thin routes for co-building units (共建单位), resources (资源清单) and their HSDS 3.0 publication,
community orders (社区点单) and projects (项目清单)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from chuishao_community.deps import Bus, IdempotencyKey, Staff
from chuishao_community.deps_forces import StaffVolunteerOrUnit, UnitContact, UnitKeeper
from chuishao_community.domain import force_commands as fc
from chuishao_community.domain import hsds
from chuishao_community.domain.commands import Request as Req
from chuishao_community.domain.orders import Item
from chuishao_community.domain.projects import Links
from chuishao_community.domain.units import Agreement, Person
from chuishao_community.schemas_forces import (
    AgreementBody,
    Empty,
    HsdsPage,
    LinksBody,
    OrderCreate,
    OrderPage,
    OrderRead,
    OrderResponseCreate,
    PersonBody,
    ProgressCreate,
    ProjectCreate,
    ProjectPage,
    ProjectRead,
    ResourceCreate,
    ResourcePage,
    ResourceRead,
    UnitCreate,
    UnitList,
    UnitRead,
)
from chuishao_community.service_layer import force_handlers as q
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor

router = APIRouter(prefix="/v1", tags=["units"])
Limit = Annotated[int, Query(ge=1, le=200)]


def _req(request: Request, key: str | None, body: BaseModel | None) -> Req:
    payload = body.model_dump(mode="json") if body is not None else {}
    return Req(key, request_fingerprint(request.method, request.url.path, payload))


def _person(body: PersonBody | None) -> Person | None:
    return Person(body.name, body.phone, body.title) if body else None


def _agreement(body: AgreementBody, community: str) -> Agreement:
    return Agreement(community, body.signed_on, body.term_from, body.term_to)


def _items(items: list[Any]) -> tuple[Item, ...]:
    return tuple(Item(i.name, i.quantity, i.measure) for i in items)


def _links(body: LinksBody) -> Links:
    return Links(tuple(body.needs), tuple(body.resources), tuple(body.cases))


# ------------------------------------------------------------------------------------------- units


@router.post("/units", response_model=UnitRead, status_code=201, summary="Register a co-building unit (staff)")
async def register_unit(
    body: UnitCreate, request: Request, response: Response, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    view = await bus.handle(
        fc.RegisterUnit(
            actor=actor,
            request=_req(request, key, body),
            code=body.code,
            name=body.name,
            kind=body.kind,
            description=body.description,
            contact=_person(body.contact),  # type: ignore[arg-type]
            agreement=_agreement(body.agreement, actor.community or ""),
            party_head=_person(body.party_head),
            website=body.website,
        )
    )
    response.headers["Location"] = f"/v1/units/{view['code']}"
    return view


@router.get("/units", response_model=UnitList, summary="The units of the staff's community, or the contact's own")
async def list_units(bus: Bus, actor: UnitKeeper) -> Any:
    return await q.units(bus.uow(), actor)


@router.get("/units/{code}", response_model=UnitRead, summary="One unit with its response to community orders")
async def get_unit(code: str, bus: Bus, actor: UnitKeeper) -> Any:
    return await q.unit(bus.uow(), actor, bus.context, code)


@router.post("/units/{code}/agreements", response_model=UnitRead, summary="Sign an agreement with a unit (staff)")
async def sign_agreement(
    code: str, body: AgreementBody, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    agreement = _agreement(body, actor.community or "")
    return await bus.handle(
        fc.SignAgreement(actor=actor, request=_req(request, key, body), unit=code, agreement=agreement)
    )


# --------------------------------------------------------------------------------------- resources


@router.post("/resources", response_model=ResourceRead, status_code=201, summary="Offer a resource (staff, unit)")
async def offer_resource(
    body: ResourceCreate, request: Request, response: Response, bus: Bus, actor: UnitKeeper, key: IdempotencyKey
) -> Any:
    community = body.community or actor.community or ""
    place = hsds.Place(
        body.place.name,
        body.place.lat,
        body.place.lon,
        body.place.address,
        body.place.city,
        body.place.province,
        body.place.postal_code,
    )
    schedule = tuple(hsds.ScheduleRow(r.rrule, r.opens, r.closes, r.description) for r in body.schedule)
    view = await bus.handle(
        fc.OfferResource(
            actor=actor,
            request=_req(request, key, body),
            community=community,
            unit=body.unit,
            kind=body.kind,
            name=body.name,
            description=body.description,
            place=place,
            status=body.status,
            life_circle=body.life_circle,
            capacity=body.capacity,
            eligibility=body.eligibility,
            minimum_age=body.minimum_age,
            maximum_age=body.maximum_age,
            schedule=schedule,
            valid_from=body.valid_from,
            valid_to=body.valid_to,
        )
    )
    response.headers["Location"] = f"/v1/resources/{view['id']}"
    return view


@router.get("/resources", response_model=ResourcePage, summary="资源清单: resources (public)")
async def list_resources(
    bus: Bus,
    community: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
    limit: Limit = 50,
    cursor: str | None = None,
) -> Any:
    after = decode_cursor(cursor, str)
    return await q.resources(bus.uow(), community=community, kind=kind, unit=unit, limit=limit, after=after)


@router.get(
    "/hsds/services",
    response_model=HsdsPage,
    summary="Resources as Open Referral HSDS 3.0 services (public)",
    tags=["hsds"],
)
async def hsds_services(
    bus: Bus,
    community: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    return await q.hsds_services(bus.uow(), bus.context, community=community, page=page, per_page=per_page)


# ------------------------------------------------------------------------------------------ orders


@router.post("/orders", response_model=OrderRead, status_code=201, summary="社区点单: post an order to units (staff)")
async def post_order(
    body: OrderCreate, request: Request, response: Response, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    view = await bus.handle(
        fc.PostOrder(
            actor=actor,
            request=_req(request, key, body),
            title=body.title,
            description=body.description,
            items=_items(body.items),
            units=tuple(body.units) if body.units is not None else None,
            needed_by=body.needed_by,
        )
    )
    response.headers["Location"] = f"/v1/orders/{view['id']}"
    return view


@router.get("/orders", response_model=OrderPage, summary="Orders: the staff's community's, or those asking the unit")
async def list_orders(bus: Bus, actor: UnitKeeper, limit: Limit = 50, cursor: str | None = None) -> Any:
    return await q.orders(bus.uow(), actor, limit=limit, after=decode_cursor(cursor, str))


@router.get("/orders/{order_id}", response_model=OrderRead, summary="One order")
async def get_order(order_id: str, bus: Bus, actor: UnitKeeper) -> Any:
    return await q.order(bus.uow(), actor, order_id)


@router.post(
    "/orders/{order_id}/responses", response_model=OrderRead, status_code=201, summary="A unit answers (its contact)"
)
async def respond(
    order_id: str, body: OrderResponseCreate, request: Request, bus: Bus, actor: UnitContact, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        fc.RespondToOrder(
            actor=actor,
            request=_req(request, key, body),
            order_id=order_id,
            unit=body.unit,
            declined=body.declined,
            items=_items(body.items),
            note=body.note,
        )
    )


@router.post("/orders/{order_id}/close", response_model=OrderRead, summary="Close an order (staff)")
async def close_order(
    order_id: str, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey, body: Empty | None = None
) -> Any:
    return await bus.handle(fc.CloseOrder(actor=actor, request=_req(request, key, body), order_id=order_id))


# ---------------------------------------------------------------------------------------- projects


@router.post("/projects", response_model=ProjectRead, status_code=201, summary="项目清单: a project with units (staff)")
async def start_project(
    body: ProjectCreate, request: Request, response: Response, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    view = await bus.handle(
        fc.StartProject(
            actor=actor,
            request=_req(request, key, body),
            title=body.title,
            goal=body.goal,
            period_from=body.period_from,
            period_to=body.period_to,
            units=tuple(body.units),
            status=body.status,
            links=_links(body.links),
        )
    )
    response.headers["Location"] = f"/v1/projects/{view['id']}"
    return view


@router.get("/projects", response_model=ProjectPage, summary="The community's projects, or the unit's")
async def list_projects(bus: Bus, actor: StaffVolunteerOrUnit, limit: Limit = 50, cursor: str | None = None) -> Any:
    return await q.projects(bus.uow(), actor, limit=limit, after=decode_cursor(cursor, str))


@router.get("/projects/{project_id}", response_model=ProjectRead, summary="One project")
async def get_project(project_id: str, bus: Bus, actor: StaffVolunteerOrUnit) -> Any:
    return await q.project(bus.uow(), actor, project_id)


@router.post(
    "/projects/{project_id}/progress",
    response_model=ProjectRead,
    status_code=201,
    summary="A progress entry (staff, the project's units)",
)
async def add_progress(
    project_id: str, body: ProgressCreate, request: Request, bus: Bus, actor: StaffVolunteerOrUnit, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        fc.AddProjectProgress(
            actor=actor,
            request=_req(request, key, body),
            project_id=project_id,
            note=body.note,
            people_served=body.people_served,
            status=body.status,
            links=_links(body.links),
        )
    )
