"""Reference data at run time (PRODUCT.md §9): change sets, their dry run and approval, versions, restore,
YAML export and import. Admin only (the followers' read of the version in force: admin or a service's ops
account), but for one proposal: a dispatcher's routing rule from a case of their jurisdiction ("save as a
rule"), which an admin reviews and approves like any change set."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from chuishao_dispatch.deps import Admin, Bus, Dispatcher, IdempotencyKey, actor_of
from chuishao_dispatch.service_layer import reference_changes as rc
from chuishao_shared.apimodels import OpenModel, examples
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.security import require_role

router = APIRouter(prefix="/v1/reference", tags=["reference"])
case_router = APIRouter(prefix="/v1/cases", tags=["reference"])  # a dispatcher's rule from a case
Follower = Annotated[Principal, Depends(require_role("admin", "ops"))]
VersionNumber = Annotated[int, Path(ge=1, le=2**31 - 1, description="A version number")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChangeSetIn(_Body):
    reason: str = Field(max_length=1000, description="Why (kept in the audit)")
    content: dict[str, Any] = Field(
        description="The documents it changes, each as its YAML file holds it: jurisdictions, departments, "
        "sla_policies (with holidays and makeup_workdays), categories, routing_rules. The others stay as in force."
    )


class ImportIn(_Body):
    reason: str = Field(max_length=1000)
    files: dict[str, str] = Field(description="File name (e.g. categories.yaml) → its YAML text")


class ApproveIn(_Body):
    effective_at: datetime | None = Field(None, description="When it comes into force (default: now)")


class RuleProposalIn(_Body):
    lead: str = Field(min_length=1, max_length=64, description="The department that leads (a code)")
    assist: list[str] = Field(
        default_factory=list, max_length=20, description="The departments that assist (codes), in order"
    )
    reason: str = Field(max_length=1000, description="Why this 小类 in this community should go there (audited)")


class ReasonIn(_Body):
    reason: str = Field(max_length=1000)


class DryRunIn(_Body):
    days: int = Field(30, description="How many past days of cases to replay (1–366)")


# --- answers ------------------------------------------------------------------------------------------

_AT = "2026-12-01T08:00:00Z"
_ID = "6f1c2b9e-5d0a-4c7e-9a51-2f8e7d3c1b40"
_DIFF = {
    "document": "sla_policies",
    "entry": "standard",
    "change": "changed",
    "fields": {"acknowledge_within_minutes": {"from": {"minor": 60}, "to": {"minor": 45}}},
}
_CHANGESET = {
    "id": _ID,
    "status": "proposed",
    "base_version": 1,
    "author": "admin-1",
    "reason": "2027 年春节调休",
    "restores": None,
    "created_at": _AT,
    "approved_by": None,
    "approved_at": None,
    "effective_at": None,
    "version": None,
    "in_force_version": 1,
    "stale": False,
    "diff": [_DIFF],
}
_VERSION = {
    "version": 2,
    "changeset_id": _ID,
    "rule_version": 2,
    "created_by": "admin-1",
    "reason": "2027 年春节调休",
    "effective_at": _AT,
    "created_at": _AT,
}


class ChangeSetRead(OpenModel):
    """A change set; `diff` (while proposed) is against the version in force, entry by entry; `stale` when
    another version was approved since it was written (it must be written again)."""

    model_config = examples(_CHANGESET)
    id: str
    status: str = Field(description="proposed, approved or withdrawn")
    base_version: int = Field(description="The version it was written against")
    author: str
    reason: str
    restores: int | None = None
    created_at: datetime
    approved_by: str | None = None
    approved_at: datetime | None = None
    effective_at: datetime | None = None
    version: int | None = Field(None, description="The version its approval made")
    in_force_version: int
    stale: bool
    diff: list[dict[str, Any]] | None = None
    content: dict[str, Any] | None = Field(None, description="The five documents (one change set only)")


class ChangeSetSummary(OpenModel):
    id: str
    status: str
    base_version: int
    author: str
    reason: str
    created_at: datetime
    version: int | None = None


class ChangeSetList(OpenModel):
    model_config = examples(
        {"items": [{k: _CHANGESET[k] for k in ChangeSetSummary.model_fields}], "in_force_version": 1}
    )
    items: list[ChangeSetSummary]
    in_force_version: int | None = None


class DryRunRow(OpenModel):
    department: str = Field(description="A department code, or `triage` (派遣员分拨: no rule)")
    name: str | None = None
    cases_before: int
    cases_after: int
    gained: int
    lost: int
    led_before: int
    led_after: int
    response_rate_before: float | None = Field(
        None, description="响应率: acknowledged in time, of those with an outcome"
    )
    response_rate_after: float | None = None
    on_time_rate_before: float | None = Field(
        None, description="按时办结率: resolved in time, of those with an outcome"
    )
    on_time_rate_after: float | None = None


_ROW = {
    "department": "XY-GPS",
    "name": "襄垣县供排水公司",
    "cases_before": 0,
    "cases_after": 2,
    "gained": 2,
    "lost": 0,
    "led_before": 0,
    "led_after": 2,
    "response_rate_before": None,
    "response_rate_after": 1.0,
    "on_time_rate_before": None,
    "on_time_rate_after": None,
}
_RATES = {
    "response_rate_before": 0.92,
    "response_rate_after": 0.88,
    "on_time_rate_before": 0.81,
    "on_time_rate_after": 0.81,
}


class DryRunRead(OpenModel):
    """The last `days` of cases replayed through the rules and SLA in force and through the change set."""

    model_config = examples(
        {"changeset_id": _ID, "days": 30, "in_force_version": 1, "cases": 2, "cases_moved": 2,
         "departments": [_ROW], "totals": _RATES}
    )  # fmt: skip
    changeset_id: str
    days: int
    in_force_version: int
    cases: int
    cases_moved: int
    departments: list[DryRunRow]
    totals: dict[str, float | None]


class ApprovalRead(OpenModel):
    model_config = examples(
        {"changeset_id": _ID, "version": 2, "effective_at": _AT, "rule_version": 2, "status": "approved"}
    )
    changeset_id: str
    version: int
    effective_at: datetime
    rule_version: int | None = Field(None, description="The rule set version new cases record (once in force)")
    status: str


class WithdrawalRead(OpenModel):
    model_config = examples({"changeset_id": _ID, "status": "withdrawn"})
    changeset_id: str
    status: str


class VersionRead(OpenModel):
    model_config = examples(_VERSION)
    version: int
    changeset_id: str | None = None
    rule_version: int | None = None
    created_by: str
    reason: str
    effective_at: datetime
    created_at: datetime
    content: dict[str, Any] | None = Field(None, description="The five documents (left out when `known`)")


class VersionSummary(VersionRead):
    in_force: bool = False
    pending: bool = Field(False, description="Approved with an effective time still to come")


class VersionList(OpenModel):
    model_config = examples({"items": [{**_VERSION, "in_force": True, "pending": False}], "in_force_version": 2})
    items: list[VersionSummary]
    in_force_version: int | None = None


class ExportRead(OpenModel):
    model_config = examples({"version": 1, "files": {"sla_policies.yaml": "timezone: Asia/Shanghai\n"}})
    version: int
    files: dict[str, str] = Field(description="File name → YAML text, as in the data directory")


class ReferenceAuditEntry(OpenModel):
    id: int
    at: datetime
    actor: str
    action: str
    changeset_id: str | None = None
    version: int | None = None
    reason: str
    detail: dict[str, Any]


class ReferenceAuditList(OpenModel):
    model_config = examples(
        {"items": [{"id": 1, "at": _AT, "actor": "admin-1", "action": "proposed", "changeset_id": _ID,
                    "version": None, "reason": "2027 年春节调休", "detail": {"base_version": 1}}]}
    )  # fmt: skip
    items: list[ReferenceAuditEntry]


def versions_of(request: Request) -> rc.ReferenceVersions:
    return request.app.state.reference_versions  # type: ignore[no-any-return]


@router.post(
    "/changesets",
    response_model=ChangeSetRead,
    status_code=201,
    summary="Propose a change set: validated per field, with its diff",
)
async def reference_propose(body: ChangeSetIn, request: Request, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await rc.propose(
        bus.uow(), versions_of(request), actor_of(principal), reason=body.reason, content=body.content,
        now=bus.context.now(),
    )  # fmt: skip


@router.post(
    "/changesets/import", response_model=ChangeSetRead, status_code=201, summary="Propose a change set from YAML files"
)
async def reference_import_files(body: ImportIn, request: Request, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await rc.import_files(
        bus.uow(), versions_of(request), actor_of(principal), reason=body.reason, files=body.files,
        now=bus.context.now(),
    )  # fmt: skip


@router.get("/changesets", response_model=ChangeSetList, summary="The latest change sets")
async def reference_changesets(bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.listing(bus.uow(), bus.context.now())


@router.get(
    "/changesets/{changeset_id}",
    response_model=ChangeSetRead,
    summary="A change set with its content and its diff against the version in force",
)
async def reference_changeset(changeset_id: str, bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.read(bus.uow(), changeset_id, bus.context.now())


@router.post(
    "/changesets/{changeset_id}/dry-run",
    response_model=DryRunRead,
    summary="Replay the last N days of cases through it",
)
async def reference_dry_run(changeset_id: str, body: DryRunIn, request: Request, bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.run_dry(bus.uow(), versions_of(request), changeset_id, days=body.days, now=bus.context.now())


@router.post(
    "/changesets/{changeset_id}/approve",
    response_model=ApprovalRead,
    summary="Approve it: the next version, in force at effective_at",
)
async def reference_approve(
    changeset_id: str, body: ApproveIn, request: Request, bus: Bus, principal: Admin
) -> dict[str, Any]:
    return await rc.approve(
        bus.uow(), versions_of(request), actor_of(principal), changeset_id, effective_at=body.effective_at,
        now=bus.context.now(),
    )  # fmt: skip


@router.post(
    "/changesets/{changeset_id}/withdraw", response_model=WithdrawalRead, summary="Withdraw a proposed change set"
)
async def reference_withdraw(changeset_id: str, body: ReasonIn, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await rc.withdraw(bus.uow(), actor_of(principal), changeset_id, reason=body.reason, now=bus.context.now())


@router.get(
    "/versions", response_model=VersionList, summary="Every version: who, why, effective when, which is in force"
)
async def reference_versions(bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.version_listing(bus.uow(), bus.context.now())


@router.get(
    "/versions/current",
    response_model=VersionRead,
    summary="The version in force with its content (what every service follows)",
)
async def reference_current(
    bus: Bus, _: Follower, known: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None
) -> dict[str, Any]:
    """`known`: the version the caller holds; when it is still the one in force the content is left out."""
    row = await rc.version_content(bus.uow(), None, bus.context.now())
    if known is not None and known == row["version"]:
        row = {k: v for k, v in row.items() if k != "content"}
    return row


@router.get("/versions/{version}", response_model=VersionRead, summary="One version with its content")
async def reference_version(version: VersionNumber, bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.version_content(bus.uow(), version, bus.context.now())


@router.get(
    "/versions/{version}/export", response_model=ExportRead, summary="One version as the YAML files of a data directory"
)
async def reference_export(version: VersionNumber, bus: Bus, _: Admin) -> dict[str, Any]:
    return rc.export(await rc.version_content(bus.uow(), version, bus.context.now()))


@router.post(
    "/versions/{version}/restore",
    response_model=ChangeSetRead,
    status_code=201,
    summary="Propose a change set back to an earlier version",
)
async def reference_restore(
    version: VersionNumber, body: ReasonIn, request: Request, bus: Bus, principal: Admin
) -> dict[str, Any]:
    return await rc.restore(
        bus.uow(), versions_of(request), actor_of(principal), version, reason=body.reason, now=bus.context.now()
    )


@case_router.post(
    "/{case_id}/rule-proposal",
    response_model=ChangeSetRead,
    status_code=201,
    summary="Propose a routing rule from a case: this 小类 in this community → these departments (an admin approves)",
)
async def reference_rule_proposal(
    case_id: str,
    body: RuleProposalIn,
    request: Request,
    bus: Bus,
    principal: Dispatcher,
    key: IdempotencyKey,
) -> dict[str, Any]:
    """A change set of the routing rules in force with a rule for the case's 小类 in the case's community (the
    rule for exactly that 小类 and community changed, if there is one). It waits, 待审批, for an admin."""
    fingerprint = request_fingerprint(request.method, request.url.path, body.model_dump(mode="json"))
    return await rc.propose_rule(
        bus.uow(), versions_of(request), actor_of(principal), case_id, lead=body.lead, assist=body.assist,
        reason=body.reason, key=key, fingerprint=fingerprint, now=bus.context.now(),
    )  # fmt: skip


@router.get(
    "/audit", response_model=ReferenceAuditList, summary="Every action on change sets and versions: who, when, why"
)
async def reference_audit(bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.audit_trail(bus.uow())
