"""Reference and routing routes: departments, the versioned rule set, and the routing preview."""

from __future__ import annotations

from fastapi import APIRouter, Request

from chuishao_dispatch.deps import Admin, Bus, IdempotencyKey, RuleReader, Staff, actor_of
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.entrypoints.desk_responses import GridList, RoutingPreview, RuleSetRead
from chuishao_dispatch.schemas import PreviewIn, RuleSetIn
from chuishao_dispatch.service_layer import queries
from chuishao_shared.apimodels import DepartmentList
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.problems import Problem

router = APIRouter(prefix="/v1", tags=["routing"])


@router.get("/departments", response_model=DepartmentList, summary="Departments: code, name, kind, jurisdiction")
async def departments(bus: Bus, _: Staff) -> dict:
    return {
        "items": [
            {"code": d.code, "name": d.name, "name_en": d.name_en, "kind": d.kind, "jurisdiction": d.jurisdiction}
            for d in bus.context.reference.departments.values()
        ]
    }


@router.get(
    "/grids",
    response_model=GridList,
    summary="The grids of the caller's area: a liaison's department's, a dispatcher's jurisdiction's",
)
async def grids(bus: Bus, principal: Staff) -> dict:
    return {"items": queries.grids_of(bus.context, actor_of(principal))}


@router.get("/routing/rules", response_model=RuleSetRead, summary="The current rule set and its version")
async def get_rules(bus: Bus, _: RuleReader) -> dict:
    rules = await queries.current_rules(bus.uow())
    if rules is None:
        raise Problem(404, "Not found", "No rule set has been loaded yet.")
    return rules


@router.put(
    "/routing/rules",
    response_model=RuleSetRead,
    summary="Store a new rule-set version; it applies to new cases only",
)
async def put_rules(body: RuleSetIn, request: Request, bus: Bus, principal: Admin, key: IdempotencyKey) -> dict:
    rules = tuple(r.model_dump() for r in body.rules)
    fingerprint = request_fingerprint("PUT", request.url.path, list(rules))
    return await bus.handle(c.StoreRuleSet(actor=actor_of(principal), rules=rules, request=c.Request(key, fingerprint)))


@router.post(
    "/routing/preview",
    response_model=RoutingPreview,
    summary="Who would get this category in this grid, and which rule says so",
)
async def preview(body: PreviewIn, bus: Bus, _: Staff) -> dict:
    return await queries.preview(bus.uow(), bus.context, body.category, body.grid)
