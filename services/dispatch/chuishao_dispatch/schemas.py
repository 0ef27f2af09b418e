"""Request bodies of the departments' API (field names as in docs/api.md)."""

from __future__ import annotations

from datetime import datetime

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from chuishao_shared.reference.models import Code, RuleId


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Acknowledge(_Strict):
    pass


class Evidence(_Strict):
    note: str = Field("", max_length=2000)
    photos: list[AnyHttpUrl] = Field(default_factory=list, max_length=9)


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
