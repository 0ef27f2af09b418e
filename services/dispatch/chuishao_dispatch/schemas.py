"""Request bodies of the departments' API (field names as in docs/api.md)."""

from __future__ import annotations

from datetime import datetime

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from chuishao_dispatch.domain.values import NO_PHOTO_REASONS
from chuishao_shared.reference.models import Code, RuleId


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Acknowledge(_Strict):
    pass


class Evidence(_Strict):
    note: str = Field("", max_length=2000)
    photos: list[AnyHttpUrl] = Field(default_factory=list, max_length=9)


class Resolution(Evidence):
    """办结's evidence: at least one photo, or `no_photo_reason`, a code from the fixed list."""

    no_photo_reason: str | None = Field(
        None, max_length=40, description="Why there is no photo: " + ", ".join(NO_PHOTO_REASONS)
    )


class Return(_Strict):
    reason: str = Field(min_length=1, max_length=1000)


class Extension(_Strict):
    until: datetime
    reason: str = Field(min_length=1, max_length=1000)


class Departments(_Strict):
    departments: list[str] = Field(min_length=1, max_length=20)
    reason: str = Field(min_length=1, max_length=1000)


class Merge(_Strict):
    into: str = Field(min_length=1, max_length=64)
    reason: str = Field("", max_length=1000)


class Cancel(_Strict):
    reason: str = Field(min_length=1, max_length=1000)


class RuleIn(_Strict):
    # The reference data's own constraints, so a malformed code is a 422 naming the field.
    id: RuleId
    category: Code
    scope: Code
    lead: Code
    assist: list[Code] = Field(default_factory=list)
    note: str | None = Field(None, max_length=2000)


class RuleSetIn(_Strict):
    rules: list[RuleIn] = Field(min_length=1, max_length=5000)


class PreviewIn(_Strict):
    category: str
    grid: str


# ------------------------------------------------------------------------------- the directory
# Loose on purpose where the directory checks the value itself: its errors name the field as a JSON
# pointer (`/roles/0/department`) with the reason (an unknown code, a role without its scope).


class RoleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(
        max_length=32,
        description="grid_worker, liaison, dispatcher, admin, ops, community_staff, volunteer or unit_contact",
    )
    grids: list[str] | None = Field(None, max_length=50, description="grid_worker: the grids they patrol")
    department: str | None = Field(None, max_length=64, description="liaison: their department")
    jurisdiction: str | None = Field(None, max_length=64, description="dispatcher: their duty desk's area")
    community: str | None = Field(None, max_length=64, description="community_staff, volunteer")
    unit: str | None = Field(None, max_length=64, description="unit_contact: the co-building unit")


class PersonIn(_Strict):
    name: str = Field(max_length=200)
    subject: str = Field(max_length=255, description="The identity provider's subject (the token's `sub`)")
    phone: str | None = Field(None, max_length=32, description="Personal data: shown to admins only")
    wecom_user_id: str | None = Field(None, max_length=64)
    dingtalk_user_id: str | None = Field(None, max_length=64)
    roles: list[RoleIn] = Field(max_length=8)
    reason: str = Field(max_length=1000, description="Why (kept in the audit)")


class PersonPatch(_Strict):
    name: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=32)
    wecom_user_id: str | None = Field(None, max_length=64)
    dingtalk_user_id: str | None = Field(None, max_length=64)
    roles: list[RoleIn] | None = Field(None, max_length=8)
    active: bool | None = Field(None, description="Reactivate with true; deactivate has its own action")
    reason: str = Field(max_length=1000, description="Why (kept in the audit)")


class Deactivate(_Strict):
    reason: str = Field(max_length=1000, description="Why (kept in the audit)")
