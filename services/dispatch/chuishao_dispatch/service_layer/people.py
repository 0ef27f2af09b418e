"""The directory's use cases: create, change, deactivate and import people. Each runs in one unit of
work under the directory's lock, audits every change (who, when, why, before and after) and stages a
`person.changed` / `person.deactivated` event (on chuishao.people.v1) that carries the subject, the
roles with their scopes and whether the person is active — never a name or a phone."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.domain.people import (
    FieldError,
    InvalidPerson,
    KnownCodes,
    PersonFields,
    PersonNotFound,
    check_person,
    merged,
    unique_clashes,
)
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.unit_of_work import SOURCE, AbstractUnitOfWork
from chuishao_shared.events import new_envelope
from chuishao_shared.events.types import EventType
from chuishao_shared.reference import ReferenceData
from chuishao_shared.times import utc_iso

PERSON_CHANGED = EventType.PERSON_CHANGED
PERSON_DEACTIVATED = EventType.PERSON_DEACTIVATED
_UNIQUE = ("subject", "wecom_user_id", "dingtalk_user_id")


def known_codes(reference: ReferenceData) -> KnownCodes:
    return KnownCodes(
        grids=frozenset(g.code for g in reference.grids()),
        departments=frozenset(reference.departments),
        jurisdictions=frozenset(reference.jurisdictions),
        communities=frozenset(j.code for j in reference.communities()),
    )


def person_view(person: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": person["id"],
        "name": person["name"],
        "phone": person["phone"],
        "subject": person["subject"],
        "wecom_user_id": person["wecom_user_id"],
        "dingtalk_user_id": person["dingtalk_user_id"],
        "roles": person["roles"],
        "active": person["active"],
        "created_at": utc_iso(person["created_at"]),
        "updated_at": utc_iso(person["updated_at"]),
    }


def _audited(person: dict[str, Any] | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {k: person[k] for k in ("name", "phone", "subject", "wecom_user_id", "dingtalk_user_id", "roles", "active")}


async def _unique(uow: AbstractUnitOfWork, person: PersonFields, own_id: str | None, where: str) -> list[FieldError]:
    errors = []
    for name in _UNIQUE:
        value = getattr(person, name)
        if value is None:
            continue
        holder = await uow.people.holder_of(name, value)
        if holder is not None and holder != own_id:
            errors.append(FieldError(f"{where}/{name}", f"'{value}' belongs to another person"))
    return errors


async def _write(
    uow: AbstractUnitOfWork,
    ctx: DispatchContext,
    *,
    actor: str,
    reason: str,
    action: str,
    before: dict[str, Any] | None,
    fields: PersonFields,
) -> dict[str, Any]:
    now = ctx.now()
    record = {"id": before["id"] if before else str(uuid.uuid4()), **fields.as_dict()}
    stored = await uow.people.store(record, now, new=before is None)
    await uow.people.audit(stored["id"], now, actor, action, reason, _audited(before), _audited(stored))
    await _announce(uow, before, stored, now)
    return stored


async def _announce(uow: AbstractUnitOfWork, before: dict[str, Any] | None, stored: dict[str, Any], now: Any) -> None:
    """`person.changed` / `person.deactivated` in the outbox, for chuishao.people.v1 (no personal data)."""
    kind = PERSON_DEACTIVATED if before is not None and before["active"] and not stored["active"] else PERSON_CHANGED
    data = {
        "person_id": stored["id"],
        "subject": stored["subject"],
        "roles": stored["roles"],
        "active": stored["active"],
        "revision": stored["revision"],
        "at": now,
    }
    await uow.stage(new_envelope(kind, source=SOURCE, subject=stored["id"], sequence=stored["revision"], data=data))


def _reason(reason: str) -> None:
    if not reason.strip():
        raise InvalidPerson([FieldError("/reason", "say why (it is kept in the audit)")])


async def create_person(cmd: c.CreatePerson, uow: AbstractUnitOfWork, ctx: DispatchContext) -> dict[str, Any]:
    _reason(cmd.reason)
    fields = check_person(cmd.fields, known_codes(ctx.reference))
    async with uow:
        await uow.people.lock()
        errors = await _unique(uow, fields, None, "")
        if errors:
            raise InvalidPerson(errors)
        stored = await _write(uow, ctx, actor=cmd.actor, reason=cmd.reason, action="create", before=None, fields=fields)
        await uow.commit()
    return person_view(stored)


async def _load(uow: AbstractUnitOfWork, person_id: str) -> dict[str, Any]:
    try:
        key = uuid.UUID(person_id)
    except ValueError as error:
        raise PersonNotFound(person_id) from error
    person = await uow.people.get(key)
    if person is None:
        raise PersonNotFound(person_id)
    return person


async def change_person(cmd: c.ChangePerson, uow: AbstractUnitOfWork, ctx: DispatchContext) -> dict[str, Any]:
    _reason(cmd.reason)
    async with uow:
        await uow.people.lock()
        before = await _load(uow, cmd.person_id)
        if "subject" in cmd.changes and cmd.changes["subject"] != before["subject"]:
            # Caches elsewhere are keyed by subject: a new subject is a new person.
            raise InvalidPerson([FieldError("/subject", "a subject never changes: add a new person instead")])
        fields = check_person(merged(before, cmd.changes), known_codes(ctx.reference))
        errors = await _unique(uow, fields, before["id"], "")
        if errors:
            raise InvalidPerson(errors)
        stored = await _write(
            uow, ctx, actor=cmd.actor, reason=cmd.reason, action="change", before=before, fields=fields
        )
        await uow.commit()
    return person_view(stored)


async def deactivate_person(cmd: c.DeactivatePerson, uow: AbstractUnitOfWork, ctx: DispatchContext) -> dict[str, Any]:
    _reason(cmd.reason)
    async with uow:
        await uow.people.lock()
        before = await _load(uow, cmd.person_id)
        if not before["active"]:
            return person_view(before)
        fields = check_person({**merged(before, {}), "active": False}, known_codes(ctx.reference))
        stored = await _write(
            uow, ctx, actor=cmd.actor, reason=cmd.reason, action="deactivate", before=before, fields=fields
        )
        await uow.commit()
    return person_view(stored)


def _row_errors(error: InvalidPerson) -> list[FieldError]:
    """`/rows/12/roles/0/department` → `/rows/12/department`: a row holds one role in flat columns."""
    out = []
    for e in error.errors:
        parts = e.field.split("/")
        if len(parts) >= 5 and parts[3] == "roles":
            parts = parts[:3] + parts[5:]
        elif len(parts) == 4 and parts[3] == "roles":
            parts[3] = "role"
        out.append(FieldError("/".join(parts), e.message))
    return out


async def import_people(cmd: c.ImportPeople, uow: AbstractUnitOfWork, ctx: DispatchContext) -> dict[str, Any]:
    """Every row checked, all errors reported; applied all or nothing (and never on a dry run)."""
    if not cmd.dry_run:
        _reason(cmd.reason)
    known = known_codes(ctx.reference)
    errors: list[FieldError] = []
    checked: list[tuple[str, PersonFields]] = []
    for number, raw in cmd.rows:
        where = f"/rows/{number}"
        try:
            checked.append((where, check_person(raw, known, where)))
        except InvalidPerson as error:
            errors.extend(_row_errors(error))
    errors.extend(unique_clashes(checked))
    if not cmd.rows:
        errors.append(FieldError("/rows", "the file holds no rows below its header"))
    created = changed = unchanged = 0
    async with uow:
        await uow.people.lock()
        existing = await uow.people.by_subjects([p.subject for _, p in checked])
        plan: list[tuple[dict[str, Any] | None, PersonFields]] = []
        for where, person in checked:
            before = existing.get(person.subject)
            errors.extend(await _unique(uow, person, before["id"] if before else None, where))
            if before is None:
                created += 1
            elif _audited(before) == person.as_dict():
                unchanged += 1
                continue
            else:
                changed += 1
            plan.append((before, person))
        report = {
            "dry_run": cmd.dry_run,
            "rows": len(cmd.rows),
            "valid": not errors,
            "created": created,
            "changed": changed,
            "unchanged": unchanged,
            "errors": [e.as_dict() for e in sorted(errors, key=_row_order)],
        }
        if cmd.dry_run:
            return report
        if errors:
            raise InvalidPerson(sorted(errors, key=_row_order))
        for before, person in plan:
            action = "import" if before is None else "import-change"
            await _write(uow, ctx, actor=cmd.actor, reason=cmd.reason, action=action, before=before, fields=person)
        await uow.commit()
    return report


def _row_order(error: FieldError) -> tuple[int, str]:
    parts = error.field.split("/")
    return (int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0, error.field)


HANDLERS: dict[type, Callable[[Any, Any, Any], Awaitable[Any]]] = {
    c.CreatePerson: create_person,
    c.ChangePerson: change_person,
    c.DeactivatePerson: deactivate_person,
    c.ImportPeople: import_people,
}
