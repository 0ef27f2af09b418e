"""Thin routes over escalation (issue 25 item 2): admins write a department's or duty desk's policy (a
new version each time); admins and the department's liaison (a desk's dispatcher) read it and a case's
chains with every step taken."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from chuishao_notify.deps import Admin, Bus
from chuishao_notify.domain.escalation_commands import PutEscalationPolicy
from chuishao_notify.escalation_schemas import ChainsRead, PolicyRead, PolicyWrite
from chuishao_notify.escalation_stats_schemas import EscalationStatsRead
from chuishao_notify.service_layer import escalating, escalation_stats
from chuishao_shared.auth import Principal
from chuishao_shared.security import require_role

router = APIRouter(tags=["escalation"])
Reader = Annotated[Principal, Depends(require_role("admin", "liaison", "dispatcher"))]
Measurer = Annotated[Principal, Depends(require_role("admin", "dispatcher"))]


@router.get(
    "/v1/escalation-policies/{owner}",
    response_model=PolicyRead,
    operation_id="read_escalation_policy",
    summary="A department's or duty desk's escalation policy in force (the built-in default when none)",
)
async def read_policy(owner: str, bus: Bus, principal: Reader) -> dict:
    return await escalating.read_policy(bus, principal, owner)


@router.put(
    "/v1/escalation-policies/{owner}",
    response_model=PolicyRead,
    operation_id="put_escalation_policy",
    summary="Write the policy: a new version, in force for cases opened from now on",
)
async def put_policy(owner: str, body: PolicyWrite, bus: Bus, principal: Admin) -> dict:
    command = PutEscalationPolicy(
        principal=principal,
        owner=owner,
        steps=[s.model_dump(exclude_none=True) for s in body.steps],
        repeats=body.repeats,
        head=body.head,
        reason=body.reason,
    )
    result = await bus.handle(command)
    return {**result, "default": False, "versions": result["version"]}


@router.get(
    "/v1/escalation-chains/{case_id}",
    response_model=ChainsRead,
    operation_id="read_escalation_chains",
    summary="A case's escalation chains, one per department, with every step taken and whom it told",
)
async def read_chains(case_id: str, bus: Bus, principal: Reader) -> dict:
    return await escalating.read_chains(bus, principal, case_id)


@router.get(
    "/v1/escalation-stats",
    response_model=EscalationStatsRead,
    response_model_by_alias=True,
    operation_id="read_escalation_stats",
    summary="Dispatch to 签收 per department: cases, median and p90, the step reached, the first person's share",
)
async def read_stats(
    bus: Bus,
    principal: Measurer,
    start: Annotated[
        datetime | None, Query(alias="from", description="Chains started from (default: a week before to)")
    ] = None,
    end: Annotated[datetime | None, Query(alias="to", description="Chains started before (default: now)")] = None,
    department: Annotated[str | None, Query(max_length=40, description="One department's figures")] = None,
) -> dict:
    return await escalation_stats.read_stats(bus, principal, start=start, end=end, department=department)


__all__ = ["router"]
