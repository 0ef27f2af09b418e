"""The directory of people (PRODUCT.md §9): who someone is (name, phone as personal data, the identity
provider's subject, WeCom / DingTalk user ids) and what they may do (roles, each with its scope), active
or not. Pure: the checks take the reference data's codes as plain sets.

Each role carries exactly the scope it needs, never "everything" by omission:
grid_worker → grids; liaison → department; dispatcher → jurisdiction; community_staff and volunteer →
community; unit_contact → unit; admin and ops → none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chuishao_dispatch.domain.errors import DomainError

ROLE_SCOPES: dict[str, str | None] = {
    "grid_worker": "grids",
    "liaison": "department",
    "dispatcher": "jurisdiction",
    "admin": None,
    "ops": None,
    "community_staff": "community",
    "volunteer": "community",
    "unit_contact": "unit",
}
SCOPE_FIELDS = ("grids", "department", "jurisdiction", "community", "unit")
PERSON_FIELDS = ("name", "phone", "subject", "wecom_user_id", "dingtalk_user_id")
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,19}$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_SUBJECT = re.compile(r"^[^\x00-\x1f\x7f]{1,255}$")


@dataclass(frozen=True)
class KnownCodes:
    """The codes a scope may name (from the reference data)."""

    grids: frozenset[str]
    departments: frozenset[str]
    jurisdictions: frozenset[str]
    communities: frozenset[str]


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class InvalidPerson(DomainError):
    """One or more fields are wrong; nothing was changed. `errors` name each field (a JSON pointer)."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors[:5]))


class PersonNotFound(DomainError):
    """No such person (or a malformed id): 404."""


@dataclass(frozen=True)
class RoleGrant:
    role: str
    grids: tuple[str, ...] = ()
    department: str | None = None
    jurisdiction: str | None = None
    community: str | None = None
    unit: str | None = None

    def as_dict(self) -> dict[str, Any]:
        scope = ROLE_SCOPES[self.role]
        out: dict[str, Any] = {"role": self.role}
        if scope == "grids":
            out["grids"] = list(self.grids)
        elif scope is not None:
            out[scope] = getattr(self, scope)
        return out


@dataclass(frozen=True)
class PersonFields:
    """A person as proposed (create, change or an import row), already checked."""

    name: str
    subject: str
    roles: tuple[RoleGrant, ...]
    phone: str | None = None
    wecom_user_id: str | None = None
    dingtalk_user_id: str | None = None
    active: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "phone": self.phone,
            "subject": self.subject,
            "wecom_user_id": self.wecom_user_id,
            "dingtalk_user_id": self.dingtalk_user_id,
            "roles": [r.as_dict() for r in self.roles],
            "active": self.active,
        }


def _text(raw: Mapping[str, Any], name: str, where: str, errors: list[FieldError], *, required: bool) -> str | None:
    value = raw.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(FieldError(f"{where}/{name}", "required"))
        return None
    if not isinstance(value, str):
        errors.append(FieldError(f"{where}/{name}", "must be text"))
        return None
    return value.strip()


def check_role(raw: Any, where: str, known: KnownCodes, errors: list[FieldError]) -> RoleGrant | None:
    if not isinstance(raw, Mapping):
        errors.append(FieldError(where, "a role is an object with `role` and its scope"))
        return None
    role = raw.get("role")
    if not isinstance(role, str) or role not in ROLE_SCOPES:
        errors.append(FieldError(f"{where}/role", f"must be one of {', '.join(ROLE_SCOPES)}"))
        return None
    scope = ROLE_SCOPES[role]
    before = len(errors)
    for other in SCOPE_FIELDS:
        value = raw.get(other)
        if other != scope and value not in (None, "", []):
            errors.append(FieldError(f"{where}/{other}", f"role {role} takes no {other}"))
    if scope is None:
        return RoleGrant(role) if len(errors) == before else None
    if scope == "grids":
        grids = raw.get("grids")
        if not isinstance(grids, list) or not grids or not all(isinstance(g, str) and g.strip() for g in grids):
            errors.append(FieldError(f"{where}/grids", "a grid worker needs one or more grid codes"))
            return None
        unknown = [g for g in grids if g.strip() not in known.grids]
        if unknown:
            errors.append(FieldError(f"{where}/grids", f"unknown grid code(s): {', '.join(unknown)}"))
            return None
        if len(errors) != before:
            return None
        return RoleGrant(role, grids=tuple(dict.fromkeys(g.strip() for g in grids)))
    value = _text(raw, scope, where, errors, required=True)
    if value is None:
        if errors and errors[-1].message == "required":
            errors[-1] = FieldError(f"{where}/{scope}", f"role {role} needs its {scope}")
        return None
    pool = {
        "department": known.departments,
        "jurisdiction": known.jurisdictions,
        "community": known.communities,
    }.get(scope)
    if pool is not None and value not in pool:
        errors.append(FieldError(f"{where}/{scope}", f"unknown {scope} code '{value}'"))
        return None
    if pool is None and not _CODE.match(value):
        errors.append(FieldError(f"{where}/{scope}", f"not a {scope} code"))
        return None
    if len(errors) != before:
        return None
    return RoleGrant(
        role,
        department=value if scope == "department" else None,
        jurisdiction=value if scope == "jurisdiction" else None,
        community=value if scope == "community" else None,
        unit=value if scope == "unit" else None,
    )


def check_person(raw: Mapping[str, Any], known: KnownCodes, where: str = "") -> PersonFields:
    """Every field checked; all errors at once, each naming its field (`where` + `/field`)."""
    errors: list[FieldError] = []
    name = _text(raw, "name", where, errors, required=True)
    if name is not None and len(name) > 100:
        errors.append(FieldError(f"{where}/name", "at most 100 characters"))
    subject = _text(raw, "subject", where, errors, required=True)
    if subject is not None and not _SUBJECT.match(subject):
        errors.append(FieldError(f"{where}/subject", "1–255 printable characters"))
    phone = _text(raw, "phone", where, errors, required=False)
    if phone is not None and not _PHONE.match(phone):
        errors.append(FieldError(f"{where}/phone", "not a phone number"))
    ids = {}
    for name_ in ("wecom_user_id", "dingtalk_user_id"):
        value = _text(raw, name_, where, errors, required=False)
        if value is not None and (len(value) > 64 or not _SUBJECT.match(value)):
            errors.append(FieldError(f"{where}/{name_}", "at most 64 printable characters"))
        ids[name_] = value
    active = raw.get("active", True)
    if not isinstance(active, bool):
        errors.append(FieldError(f"{where}/active", "must be true or false"))
        active = True
    roles_raw = raw.get("roles")
    roles: list[RoleGrant] = []
    if not isinstance(roles_raw, list) or not roles_raw:
        errors.append(FieldError(f"{where}/roles", "one or more roles, each with its scope"))
    else:
        seen: set[str] = set()
        for i, item in enumerate(roles_raw):
            grant = check_role(item, f"{where}/roles/{i}", known, errors)
            if grant is not None:
                if grant.role in seen:
                    errors.append(FieldError(f"{where}/roles/{i}/role", f"role {grant.role} given twice"))
                seen.add(grant.role)
                roles.append(grant)
    if errors:
        raise InvalidPerson(errors)
    assert name is not None and subject is not None
    return PersonFields(
        name=name,
        subject=subject,
        roles=tuple(roles),
        phone=phone,
        wecom_user_id=ids["wecom_user_id"],
        dingtalk_user_id=ids["dingtalk_user_id"],
        active=active,
    )


def merged(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A PATCH: the current person with the given fields replaced (`roles` as a whole)."""
    out = {k: current.get(k) for k in (*PERSON_FIELDS, "roles", "active")}
    out.update({k: v for k, v in changes.items() if k in out})
    return out


def unique_clashes(
    rows: Iterable[tuple[str, PersonFields]],
    field_names: Iterable[str] = ("subject", "wecom_user_id", "dingtalk_user_id"),
) -> list[FieldError]:
    """Two rows of one import naming the same subject (or platform user id)."""
    errors: list[FieldError] = []
    names = tuple(field_names)
    seen: dict[tuple[str, str], str] = {}
    for where, person in rows:
        for name in names:
            value = getattr(person, name)
            if value is None:
                continue
            first = seen.setdefault((name, value), where)
            if first != where:
                errors.append(FieldError(f"{where}/{name}", f"'{value}' is also given at {first}"))
    return errors
