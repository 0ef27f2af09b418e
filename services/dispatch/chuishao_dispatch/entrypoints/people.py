"""The directory's routes (PRODUCT.md §9): admins find, add, change, deactivate and import people and
read each person's audit; the other services' directory caches read the change feed (no personal data)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from pydantic import Field

from chuishao_dispatch.adapters import people as tables
from chuishao_dispatch.adapters.people_files import parse_rows
from chuishao_dispatch.deps import Admin, Bus
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.domain.people import PersonNotFound
from chuishao_dispatch.schemas import Deactivate, PersonIn, PersonPatch
from chuishao_dispatch.service_layer.people import person_view
from chuishao_shared.apimodels import OpenModel, examples
from chuishao_shared.auth import Principal
from chuishao_shared.pagination import decode_cursor, encode_cursor
from chuishao_shared.security import require_role
from chuishao_shared.times import utc_iso

router = APIRouter(prefix="/v1/people", tags=["directory"])
IMPORT_PATH = "/v1/people/import"
IMPORT_MAX_BYTES = 5 * 1024 * 1024
# The other services' directory caches call with a service account's token (role ops); admins may too.
DirectoryReader = Annotated[Principal, Depends(require_role("admin", "ops"))]

_PERSON = {
    "id": "5b0c2f1e-8d4a-4f7e-9a51-0f3c1d2e4b6a",
    "name": "王磊",
    "phone": "13800000000",
    "subject": "wang.lei@xy.gov.cn",
    "wecom_user_id": "WangLei",
    "dingtalk_user_id": None,
    "roles": [{"role": "liaison", "department": "XY-WQ-WY-WY"}],
    "active": True,
    "created_at": "2026-12-01T08:00:00Z",
    "updated_at": "2026-12-01T08:00:00Z",
}


class PersonRead(OpenModel):
    model_config = examples(_PERSON)
    id: str
    name: str
    phone: str | None = None
    subject: str
    wecom_user_id: str | None = None
    dingtalk_user_id: str | None = None
    roles: list[dict[str, Any]]
    active: bool
    created_at: str
    updated_at: str


class PersonList(OpenModel):
    model_config = examples({"items": [_PERSON], "next_cursor": None})
    items: list[PersonRead]
    next_cursor: str | None = None


class AuditEntry(OpenModel):
    model_config = examples(
        {
            "at": "2026-12-01T08:00:00Z",
            "actor": "admin-1",
            "action": "deactivate",
            "reason": "调离本部门",
            "before": {**{k: _PERSON[k] for k in ("name", "subject", "roles")}, "active": True},
            "after": {**{k: _PERSON[k] for k in ("name", "subject", "roles")}, "active": False},
        }
    )
    at: str
    actor: str
    action: str
    reason: str
    before: dict[str, Any] | None = None
    after: dict[str, Any]


class AuditList(OpenModel):
    model_config = examples(
        {
            "items": [
                {
                    "at": "2026-12-01T08:00:00Z",
                    "actor": "admin-1",
                    "action": "create",
                    "reason": "新任联络员",
                    "before": None,
                    "after": {k: _PERSON[k] for k in ("name", "subject", "roles", "active")},
                }
            ]
        }
    )
    items: list[AuditEntry]


class ImportReport(OpenModel):
    model_config = examples(
        {
            "dry_run": True,
            "rows": 3,
            "valid": False,
            "created": 2,
            "changed": 1,
            "unchanged": 0,
            "errors": [{"field": "/rows/3/department", "message": "unknown department code 'XY-NOPE'"}],
        }
    )
    dry_run: bool
    rows: int
    valid: bool
    created: int
    changed: int
    unchanged: int
    errors: list[dict[str, str]]


class DirectoryEntry(OpenModel):
    subject: str
    wecom_user_id: str | None = Field(None, description="The person's WeCom UserID (their WeCom sign-in)")
    dingtalk_user_id: str | None = Field(None, description="The person's DingTalk userid (their DingTalk sign-in)")
    roles: list[dict[str, Any]]
    active: bool
    revision: int


class DirectoryChanges(OpenModel):
    """People changed after `since`, oldest first; `cursor` is the `since` of the next call, `latest`
    the newest revision there is (a cursor beyond it means the directory was reset: start again at 0)."""

    model_config = examples(
        {
            "items": [
                {
                    "subject": "wang.lei@xy.gov.cn",
                    "wecom_user_id": "WangLei",
                    "dingtalk_user_id": None,
                    "roles": _PERSON["roles"],
                    "active": False,
                    "revision": 42,
                }
            ],
            "cursor": 42,
            "latest": 42,
            "more": False,
        }
    )

    items: list[DirectoryEntry]
    cursor: int
    latest: int
    more: bool


def _body(model: Any, *, exclude_unset: bool = False) -> dict[str, Any]:
    data = model.model_dump(exclude={"reason"}, exclude_unset=exclude_unset)
    if "roles" in data and data["roles"] is not None:
        data["roles"] = [{k: v for k, v in r.items() if v is not None} for r in data["roles"]]
    return data


@router.get("", response_model=PersonList, summary="Find people by name, subject or department (admin)")
async def find(
    bus: Bus,
    _: Admin,
    q: Annotated[str | None, Query(max_length=100, description="Part of a name or subject")] = None,
    department: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    after: tuple[datetime, uuid.UUID] | None = decode_cursor(cursor)
    async with bus.uow() as uow:
        rows = await tables.search(uow.conn, q=q, department=department, after=after, limit=limit + 1)  # type: ignore[attr-defined]
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1]["created_at"], rows[-1]["id"]) if more and rows else None
    return {"items": [person_view(r) for r in rows], "next_cursor": next_cursor}


@router.post("", response_model=PersonRead, status_code=201, summary="Add a person with their roles (admin)")
async def create(body: PersonIn, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await bus.handle(c.CreatePerson(actor=principal.sub, reason=body.reason, fields=_body(body)))


@router.get("/changes", response_model=DirectoryChanges, summary="The directory's change feed for other services")
async def changes(
    bus: Bus,
    _: DirectoryReader,
    since: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> dict[str, Any]:
    return await change_page(bus, since, limit)


async def change_page(bus: Any, since: int, limit: int = 500) -> dict[str, Any]:
    """One page of the change feed; dispatch's own directory copy reads it without HTTP."""
    async with bus.uow() as uow:
        items, latest = await tables.changes(uow.conn, since, limit)
    cursor = items[-1]["revision"] if items else min(since, latest)
    return {"items": items, "cursor": cursor, "latest": latest, "more": len(items) == limit}


@router.post("/import", response_model=ImportReport, summary="Import people from CSV or XLSX (admin)")
async def import_people(
    bus: Bus,
    principal: Admin,
    file: Annotated[UploadFile, File(description="CSV (UTF-8 or GB18030) or XLSX; header row first")],
    reason: Annotated[str, Form(max_length=1000)] = "",
    dry_run: Annotated[bool, Query(description="Check every row and report; change nothing")] = False,
) -> dict[str, Any]:
    data = await file.read(IMPORT_MAX_BYTES + 1)
    rows = parse_rows(file.filename or "", file.content_type or "", data)
    command = c.ImportPeople(actor=principal.sub, reason=reason, rows=tuple(rows), dry_run=dry_run)
    return await bus.handle(command)


@router.get("/{person_id}", response_model=PersonRead, summary="One person (admin)")
async def get(person_id: str, bus: Bus, _: Admin) -> dict[str, Any]:
    async with bus.uow() as uow:
        person = await uow.people.get(_id(person_id))
    if person is None:
        raise PersonNotFound(person_id)
    return person_view(person)


@router.patch("/{person_id}", response_model=PersonRead, summary="Change a person's fields or roles (admin)")
async def change(person_id: str, body: PersonPatch, bus: Bus, principal: Admin) -> dict[str, Any]:
    changes = _body(body, exclude_unset=True)
    return await bus.handle(
        c.ChangePerson(actor=principal.sub, reason=body.reason, person_id=person_id, changes=changes)
    )


@router.post("/{person_id}/deactivate", response_model=PersonRead, summary="Deactivate a person (admin)")
async def deactivate(person_id: str, body: Deactivate, bus: Bus, principal: Admin) -> dict[str, Any]:
    return await bus.handle(c.DeactivatePerson(actor=principal.sub, reason=body.reason, person_id=person_id))


@router.get("/{person_id}/audit", response_model=AuditList, summary="Every change to a person (admin)")
async def audit(person_id: str, bus: Bus, _: Admin) -> dict[str, Any]:
    key = _id(person_id)
    async with bus.uow() as uow:
        if await uow.people.get(key) is None:
            raise PersonNotFound(person_id)
        rows = await tables.audit_of(uow.conn, key)  # type: ignore[attr-defined]
    return {"items": [{**{k: v for k, v in r.items() if k != "id"}, "at": utc_iso(r["at"])} for r in rows]}


def _id(person_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(person_id)
    except ValueError as error:
        raise PersonNotFound(person_id) from error
