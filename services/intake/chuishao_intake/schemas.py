"""API schemas (separate from tables and from event contracts)."""

from __future__ import annotations

from datetime import datetime

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator

from chuishao_shared.vocabulary import Satisfaction, Severity, VerificationResult


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PlaceIn(_Strict):
    building: str | None = Field(None, max_length=100)
    unit: str | None = Field(None, max_length=100)
    address: str | None = Field(None, max_length=300)
    lat: float | None = Field(None, ge=-90, le=90, description="WGS84 latitude")
    lon: float | None = Field(None, ge=-180, le=180, description="WGS84 longitude")


class ResidentIn(_Strict):
    """Personal data: stored by intake only, never put on an event or the public side."""

    name: str | None = Field(None, max_length=50)
    phone: str | None = Field(None, pattern=r"^\+?[0-9][0-9 \-]{4,19}$")
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")


class ReportCreate(_Strict):
    category: str = Field(min_length=1, max_length=64, description="小类 code")
    grid: str = Field(min_length=1, max_length=64, description="grid code, one of the token's grids")
    description: str = Field(min_length=1, max_length=2000)
    severity: Severity = "minor"
    place: PlaceIn = Field(default_factory=PlaceIn)
    resident: ResidentIn | None = None
    photos: list[AnyHttpUrl] = Field(default_factory=list, max_length=9)
    handled_on_site: bool = False

    @field_validator("description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class AssignmentView(BaseModel):
    department: str
    role: str
    status: str
    ack_due_at: datetime | None = None
    acknowledged_at: datetime | None = None


class CaseView(BaseModel):
    status: str
    resolve_due_at: datetime | None = None
    escalation_level: int = 0
    whistle_count: int = 1
    rework_count: int = 0
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    assignments: list[AssignmentView] = Field(default_factory=list)


class TimelineEntry(BaseModel):
    type: str
    at: datetime
    actor_role: str = ""
    note: str = ""
    departments: list[str] = Field(default_factory=list)
    photos: list[str] = Field(default_factory=list)


class ReportRead(BaseModel):
    id: str
    category: str
    grid: str
    community: str
    description: str
    severity: Severity
    place: PlaceIn
    resident: ResidentIn | None = None
    photos: list[str]
    handled_on_site: bool
    status: str
    created_at: datetime
    case_id: str | None = None
    case_status: str | None = None
    verification: dict | None = None
    feedback: dict | None = None
    case: CaseView | None = Field(None, description="The case behind the report, once dispatch has opened it")
    timeline: list[TimelineEntry] = Field(default_factory=list, description="The case's events, oldest first")


class ReportPage(BaseModel):
    items: list[ReportRead]
    next_cursor: str | None = None


class VerificationCreate(_Strict):
    result: VerificationResult
    note: str = Field("", max_length=2000)
    photos: list[AnyHttpUrl] = Field(default_factory=list, max_length=9)


class FeedbackCreate(_Strict):
    satisfaction: Satisfaction
    comment: str = Field("", max_length=2000)


class Accepted(BaseModel):
    id: str
    status: str
    event_id: str
