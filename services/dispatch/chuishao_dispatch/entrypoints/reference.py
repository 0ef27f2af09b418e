"""Reference data at run time (PRODUCT.md §9): change sets, their dry run and approval, versions, restore,
YAML export and import. Admin only (the followers' read of the version in force: admin or a service's ops
account)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from chuishao_dispatch.deps import Admin, Bus, actor_of
from chuishao_dispatch.service_layer import reference_changes as rc
from chuishao_shared.auth import Principal
from chuishao_shared.security import require_role

router = APIRouter(prefix="/v1/reference", tags=["reference"])
Follower = Annotated[Principal, Depends(require_role("admin", "ops"))]


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


class ReasonIn(_Body):
    reason: str = Field(max_length=1000)


class DryRunIn(_Body):
    days: int = Field(30, description="How many past days of cases to replay (1–366)")


def versions_of(request: Request) -> rc.ReferenceVersions:
    return request.app.state.reference_versions  # type: ignore[no-any-return]


@router.post("/changesets", status_code=201, summary="Propose a change set: validated per field, with its diff")
async def reference_propose(body: ChangeSetIn, request: Request, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await rc.propose(
        bus.uow(), versions_of(request), actor_of(principal), reason=body.reason, content=body.content,
        now=bus.context.now(),
    )  # fmt: skip


@router.post("/changesets/import", status_code=201, summary="Propose a change set from YAML files")
async def reference_import_files(body: ImportIn, request: Request, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await rc.import_files(
        bus.uow(), versions_of(request), actor_of(principal), reason=body.reason, files=body.files,
        now=bus.context.now(),
    )  # fmt: skip


@router.get("/changesets", summary="The latest change sets")
async def reference_changesets(bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.listing(bus.uow(), bus.context.now())


@router.get(
    "/changesets/{changeset_id}", summary="A change set with its content and its diff against the version in force"
)
async def reference_changeset(changeset_id: str, bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.read(bus.uow(), changeset_id, bus.context.now())


@router.post("/changesets/{changeset_id}/dry-run", summary="Replay the last N days of cases through it")
async def reference_dry_run(changeset_id: str, body: DryRunIn, request: Request, bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.run_dry(bus.uow(), versions_of(request), changeset_id, days=body.days, now=bus.context.now())


@router.post("/changesets/{changeset_id}/approve", summary="Approve it: the next version, in force at effective_at")
async def reference_approve(
    changeset_id: str, body: ApproveIn, request: Request, bus: Bus, principal: Admin
) -> dict[str, Any]:
    return await rc.approve(
        bus.uow(), versions_of(request), actor_of(principal), changeset_id, effective_at=body.effective_at,
        now=bus.context.now(),
    )  # fmt: skip


@router.post("/changesets/{changeset_id}/withdraw", summary="Withdraw a proposed change set")
async def reference_withdraw(changeset_id: str, body: ReasonIn, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await rc.withdraw(bus.uow(), actor_of(principal), changeset_id, reason=body.reason, now=bus.context.now())


@router.get("/versions", summary="Every version: who, why, effective when, which is in force")
async def reference_versions(bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.version_listing(bus.uow(), bus.context.now())


@router.get("/versions/current", summary="The version in force with its content (what every service follows)")
async def reference_current(bus: Bus, _: Follower, known: int | None = None) -> dict[str, Any]:
    """`known`: the version the caller holds; when it is still the one in force the content is left out."""
    row = await rc.version_content(bus.uow(), None, bus.context.now())
    if known is not None and known == row["version"]:
        row = {k: v for k, v in row.items() if k != "content"}
    return row


@router.get("/versions/{version}", summary="One version with its content")
async def reference_version(version: int, bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.version_content(bus.uow(), version, bus.context.now())


@router.get("/versions/{version}/export", summary="One version as the YAML files of a data directory")
async def reference_export(version: int, bus: Bus, _: Admin) -> dict[str, Any]:
    return rc.export(await rc.version_content(bus.uow(), version, bus.context.now()))


@router.post("/versions/{version}/restore", status_code=201, summary="Propose a change set back to an earlier version")
async def reference_restore(
    version: int, body: ReasonIn, request: Request, bus: Bus, principal: Admin
) -> dict[str, Any]:
    return await rc.restore(
        bus.uow(), versions_of(request), actor_of(principal), version, reason=body.reason, now=bus.context.now()
    )


@router.get("/audit", summary="Every action on change sets and versions: who, when, why")
async def reference_audit(bus: Bus, _: Admin) -> dict[str, Any]:
    return await rc.audit_trail(bus.uow())
