"""Reference and routing routes: departments, the versioned rule set, and the routing preview."""

from __future__ import annotations

from fastapi import APIRouter, Request

from chuishao_dispatch.adapters import repository
from chuishao_dispatch.deps import Admin, Context, IdempotencyKey, RuleReader, Staff
from chuishao_dispatch.domain import RoutingRule, RuleSet, candidates
from chuishao_dispatch.schemas import PreviewIn, RuleSetIn
from chuishao_shared.idempotency import Replay, claim, request_fingerprint, store
from chuishao_shared.problems import Problem, field_problem
from chuishao_shared.reference import ReferenceDataError, RoutingRuleData, RuleSetData

router = APIRouter(prefix="/v1", tags=["routing"])


@router.get("/departments")
async def departments(ctx: Context, _: Staff) -> dict:
    return {
        "items": [
            {
                "code": d.code,
                "name": d.name,
                "name_en": d.name_en,
                "kind": d.kind,
                "jurisdiction": d.jurisdiction,
            }
            for d in ctx.reference.departments.values()
        ]
    }


@router.get("/routing/rules", summary="The current rule set and its version")
async def get_rules(ctx: Context, _: RuleReader) -> dict:
    async with ctx.engine.connect() as conn:
        rule_set = await repository.current_rule_set(conn)
    if rule_set is None:
        raise Problem(404, "Not found", "No rule set has been loaded yet.")
    return rule_set.to_dict()


@router.put("/routing/rules", summary="Store a new rule-set version; it applies to new cases only")
async def put_rules(body: RuleSetIn, request: Request, ctx: Context, principal: Admin, key: IdempotencyKey) -> dict:
    rules = [r.model_dump() for r in body.rules]
    try:
        ctx.reference.validate_rule_set(
            RuleSetData(version=1, rules=tuple(RoutingRuleData(**r) for r in rules)), source="request"
        )
    except ReferenceDataError as error:
        by_id = {r["id"]: i for i, r in enumerate(rules)}
        items = [
            {
                "field": f"rules.{by_id.get(p['entry'], p['entry'])}.{p['field']}".rstrip("."),
                "message": p["message"],
            }
            for p in error.problems
        ]
        raise Problem(
            422,
            "Invalid rule set",
            "; ".join(f"{i['field']}: {i['message']}" for i in items),
            kind="validation",
            errors=items,
        ) from error
    try:
        RuleSet(version=1, rules=tuple(RoutingRule.from_dict(r) for r in rules))
    except ValueError as error:
        raise field_problem("rules", str(error)) from error
    fingerprint = request_fingerprint("PUT", request.url.path, rules)
    try:
        async with ctx.engine.begin() as conn:
            await claim(conn, subject=principal.sub, key=key, fingerprint=fingerprint)
            version = await repository.store_rule_set(conn, rules, principal.sub)
            response = {"version": version, "rules": rules}
            await store(conn, subject=principal.sub, key=key, status=200, body=response)
    except Replay as replay:
        return replay.body
    return response


@router.post("/routing/preview", summary="Who would get this category in this grid, and which rule says so")
async def preview(body: PreviewIn, ctx: Context, _: Staff) -> dict:
    ref = ctx.reference
    category = ref.categories.get(body.category)
    if category is None:
        raise field_problem("category", f"unknown category {body.category!r}")
    grid = ref.jurisdictions.get(body.grid)
    if grid is None or grid.level != "grid":
        raise field_problem("grid", f"unknown grid {body.grid!r}")
    async with ctx.engine.connect() as conn:
        rule_set = await repository.current_rule_set(conn)
    found = (
        candidates(rule_set, category=category.code, major=category.major, jurisdiction_chain=ref.chain(grid.code))
        if rule_set
        else []
    )
    return {
        "rule_version": rule_set.version if rule_set else None,
        "decision": found[0].to_dict() if found else None,
        "triage": not found,
        "candidates": [c.to_dict() for c in found],
    }
