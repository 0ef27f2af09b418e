"""API schemas (separate from tables and from event contracts)."""

from __future__ import annotations

from datetime import datetime

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator

from chuishao_shared.vocabulary import Satisfaction, Severity, VerificationResult

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


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
    topic_id: str | None = Field(
        None,
        pattern=UUID_PATTERN,
        description="The 议事 topic whose decision this report carries out (set by the community service); "
        "the case carries it on its timeline",
    )

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
    # What a page needs to say the entry as a plain sentence (absent on entries recorded before them).
    actor_department: str | None = Field(None, description="The acting department, when a department's person acted")
    reason: str | None = Field(None, description="The reason a person typed")
    reason_code: str | None = Field(None, description="A reason the system gave, as a code (triage, escalation)")
    lead: str | None = Field(None, description="dispatched: the leading department")
    assist: list[str] = Field(default_factory=list, description="dispatched: the assisting departments")
    routed_by: str | None = Field(None, description="dispatched: `rule` or `dispatcher`")
    rule: str | None = Field(None, description="dispatched by a rule: its id and version")
    explanation: str | None = Field(None, description="dispatched by a rule: why it matched (for a hover)")
    step: str | None = Field(None, description="extended: `requested`, `approved` or `rejected`")
    until: datetime | None = Field(None, description="extended: the deadline asked for or granted")
    level: int | None = Field(None, description="escalated: the level reached")


_REPORT_EXAMPLE = {
    "id": "5b0c1a6e-2f7d-4f0e-9a43-7f4c2b7e9d10",
    "number": "五阳-1130-0012",
    "category": "ENV-STAIRWELL-DIRTY",
    "grid": "XY-WQ-WY-G01",
    "community": "XY-WQ-WY",
    "description": "3号楼2单元楼道堆放杂物",
    "severity": "minor",
    "place": {"building": "3号楼", "unit": "2单元"},
    "resident": None,
    "photos": ["https://img.example.cn/p/1.jpg"],
    "handled_on_site": False,
    "status": "received",
    "created_at": "2026-11-30T01:00:00Z",
    "case_id": "c-7f1d2c3e",
    "case_status": "dispatched",
    "verification": None,
    "feedback": None,
    "case": {
        "status": "dispatched",
        "resolve_due_at": "2026-12-02T06:00:00Z",
        "escalation_level": 0,
        "whistle_count": 1,
        "rework_count": 0,
        "assignments": [
            {"department": "XY-WQ-WY-WY", "role": "lead", "status": "pending", "ack_due_at": "2026-11-30T02:00:00Z"}
        ],
    },
    "timeline": [{"type": "case.dispatched", "at": "2026-11-30T01:00:00Z", "actor_role": "system"}],
}


class ReportRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_REPORT_EXAMPLE]})

    id: str
    number: str | None = Field(
        None,
        description="The short number to give the resident (五阳-1205-0012: community, month-day in Asia/Shanghai, "
        "that community's n-th report of the day); null for a report filed before numbers existed",
    )
    category: str
    grid: str
    community: str
    description: str
    severity: Severity
    place: PlaceIn
    resident: ResidentIn | None = None
    photos: list[str]
    handled_on_site: bool
    topic_id: str | None = Field(None, description="The 议事 topic this report carries out, if any")
    status: str
    created_at: datetime
    case_id: str | None = None
    case_status: str | None = None
    verification: dict | None = None
    feedback: dict | None = None
    case: CaseView | None = Field(None, description="The case behind the report, once dispatch has opened it")
    timeline: list[TimelineEntry] = Field(default_factory=list, description="The case's events, oldest first")


class ReportPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_REPORT_EXAMPLE], "next_cursor": None}]})

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
    """Recorded; its effect on the case follows through dispatch."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "5b0c1a6e-2f7d-4f0e-9a43-7f4c2b7e9d10",
                    "status": "accepted",
                    "event_id": "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f",
                }
            ]
        }
    )

    id: str
    status: str
    event_id: str


class CategoryRead(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str
    name: str
    name_en: str | None = None
    kind: str
    major: str
    major_name: str
    major_name_en: str | None = None
    default_severity: Severity


class CategoryList(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "code": "ENV-STAIRWELL-DIRTY",
                            "name": "楼道卫生脏乱",
                            "name_en": "Dirty stairwell",
                            "kind": "event",
                            "major": "ENV",
                            "major_name": "市容环境",
                            "major_name_en": "City appearance and sanitation",
                            "default_severity": "minor",
                        }
                    ]
                }
            ]
        },
    )
    items: list[CategoryRead]


class GridRead(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str
    name: str
    name_en: str | None = None
    community: str
    community_name: str
    parent: str | None = None


class GridList(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "code": "XY-WQ-WY-G01",
                            "name": "五阳社区第一网格",
                            "name_en": "Wuyang grid 1",
                            "community": "XY-WQ-WY",
                            "community_name": "五阳社区",
                            "parent": "XY-WQ-WY",
                        }
                    ]
                }
            ]
        },
    )
    items: list[GridRead]
