"""Response schemas of the public API (documentation in /openapi.json; separate from tables)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.vocabulary import OVERDUE_MEANING

# FastAPI leaves out every null of the published document, examples included: the examples use no null
# for a required field (a closed case).
_CASE = {
    "id": "c-7f1d2c3e",
    "status": "closed",
    "sequence": 6,
    "category": "ENV-STAIRWELL-DIRTY",
    "category_name": "楼道卫生脏乱",
    "category_name_en": "Dirty stairwell",
    "major": "ENV",
    "severity": "minor",
    "grid": "XY-WQ-WY-G01",
    "grid_name": "五阳社区第一网格",
    "grid_name_en": "Wuyang grid 1",
    "community": "XY-WQ-WY",
    "community_name": "五阳社区",
    "community_name_en": "Wuyang community",
    "whistle_count": 1,
    "rework_count": 0,
    "assignments": [
        {
            "department": "XY-WQ-WY-WY",
            "department_name": "五阳物业",
            "department_name_en": "Wuyang property management",
            "role": "lead",
            "status": "done",
            "ack_due_at": "2026-11-30T02:00:00Z",
            "acknowledged_at": "2026-11-30T02:20:00Z",
        }
    ],
    "lead_department": "XY-WQ-WY-WY",
    "lead_department_name": "五阳物业",
    "lead_department_name_en": "Wuyang property management",
    "resolve_due_at": "2026-12-02T06:00:00Z",
    "next_deadline_at": "2026-12-02T06:00:00Z",
    "escalation_level": 1,
    "escalation_grade": "blue",
    "overdue": False,
    "owed_by": [],
    "late_departments": [],
    "open": False,
    "opened_at": "2026-11-30T01:00:00Z",
    "resolved_at": "2026-12-01T08:00:00Z",
    "closed_at": "2026-12-01T10:00:00Z",
    "resolution": "fixed",
    "updated_at": "2026-12-01T10:00:00Z",
    "timeline": [
        {
            "type": "case.closed",
            "at": "2026-12-01T10:00:00Z",
            "actor_role": "grid_worker",
            "department": "XY-WQ-WY-WY",
            "note": "网格员核查已解决，结案",
            "note_en": "Verified fixed by the grid worker; closed",
        }
    ],
}
_COUNTS = {
    "assignments": 12,
    "acknowledge_decided": 12,
    "acknowledged_on_time": 11,
    "returned": 0,
    "due": 10,
    "resolved_on_time": 9,
    "resolved": 10,
    "reworked": 0,
    "closed": 9,
    "closed_fixed": 9,
    "feedback": 3,
    "satisfied": 3,
    "basically_satisfied": 0,
    "unsatisfied": 0,
    "reports": 12,
    "dispatcher_whistles": 0,
}
_FIGURES = {
    "dimension": "department",
    "from": "2026-10-31T00:00:00+08:00",
    "to": "2026-11-30T00:00:00+08:00",
    "as_of": "2026-11-30T09:00:00+08:00",
    "timezone": "Asia/Shanghai",
    "items": [
        {
            "code": "XY-WQ-WY-WY",
            "name": "五阳物业",
            "name_en": "Wuyang property management",
            "response_rate": 0.917,
            "on_time_resolution_rate": 0.9,
            "resolution_rate": 1.0,
            "satisfaction_rate": 1.0,
            "rework_rate": 0.0,
            "return_rate": 0.0,
            "acknowledge_seconds_mean": 1260.0,
            "acknowledge_seconds_p90": 2400.0,
            "resolve_seconds_mean": 86400.0,
            "resolve_seconds_p90": 151200.0,
            "whistle_count": 0,
            "escalation_count": 1,
            "counts": _COUNTS,
        }
    ],
    "monthly_top": None,
}


class TimelineEntry(BaseModel):
    type: str
    at: str
    actor_role: str = Field(description="Role only: who acted is never published")
    department: str | None = None
    note: str = Field(description="Written by tracking from the event's facts (zh); staff's free text is never shown")
    note_en: str


class BoardAssignment(BaseModel):
    department: str
    department_name: str
    department_name_en: str
    role: Literal["lead", "assist"]
    status: str
    ack_due_at: str | None
    acknowledged_at: str | None


class BoardCase(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CASE]})

    id: str
    number: str | None = Field(
        None,
        description="The short number the resident was given (五阳-1205-0012); null for a case from before numbers "
        "(show the id). `q` finds a case by it, or by a joined report's",
    )
    report_numbers: list[str] = Field(
        [], description="The numbers of reports the case took in later (duplicates, merged cases)"
    )
    status: str
    sequence: int
    category: str
    category_name: str
    category_name_en: str
    major: str
    severity: str
    grid: str
    grid_name: str
    grid_name_en: str
    community: str
    community_name: str
    community_name_en: str
    whistle_count: int
    rework_count: int
    assignments: list[BoardAssignment]
    lead_department: str | None
    lead_department_name: str | None
    lead_department_name_en: str | None
    resolve_due_at: str | None
    next_deadline_at: str | None = Field(description="The earliest deadline the departments still owe")
    escalation_level: int = Field(ge=0, le=3)
    escalation_grade: Literal["blue", "yellow", "red"] | None
    overdue: bool = Field(description=OVERDUE_MEANING)
    owed_by: list[str] = Field(
        default_factory=list,
        description="Departments that owe next_deadline_at: those whose 签收 is due then, else the lead "
        "(the resolve deadline). Lateness is per department: an assist's missed 签收 is not the lead's",
    )
    late_departments: list[str] = Field(
        default_factory=list, description="Departments past their own deadline now (a case at work only)"
    )
    open: bool
    opened_at: str
    resolved_at: str | None
    closed_at: str | None
    resolution: str | None
    updated_at: str
    timeline: list[TimelineEntry]


class BoardCasePage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [_CASE], "next_cursor": "MjAyNi0xMi0wMVQxMDowMDowMFp8Yy03ZjFkMmMzZQ"}]
        }
    )

    items: list[BoardCase]
    next_cursor: str | None


class Counts(BaseModel):
    assignments: int
    acknowledge_decided: int
    acknowledged_on_time: int
    returned: int
    due: int
    resolved_on_time: int
    resolved: int
    reworked: int
    closed: int
    closed_fixed: int
    feedback: int
    satisfied: int
    basically_satisfied: int
    unsatisfied: int
    reports: int
    dispatcher_whistles: int


class Figures(BaseModel):
    code: str
    name: str
    name_en: str
    response_rate: float | None = Field(description="响应率; null when nothing to rate")
    on_time_resolution_rate: float | None = Field(description="按时办结率")
    resolution_rate: float | None = Field(description="解决率")
    satisfaction_rate: float | None = Field(description="满意率")
    rework_rate: float | None = Field(description="返工率")
    return_rate: float | None = Field(description="退单率")
    acknowledge_seconds_mean: float | None
    acknowledge_seconds_p90: float | None
    resolve_seconds_mean: float | None
    resolve_seconds_p90: float | None
    whistle_count: int
    escalation_count: int
    counts: Counts


class TopCategory(BaseModel):
    code: str
    name: str
    name_en: str
    reports: int


class MonthTop(BaseModel):
    month: str
    items: list[TopCategory]


class FiguresPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_FIGURES]})

    dimension: Literal["department", "community", "category"]
    from_: str = Field(alias="from")
    to: str
    as_of: str
    timezone: str
    items: list[Figures]
    monthly_top: list[MonthTop] | None = Field(None, description="每月一题 candidates (categories only)")


class DayFigures(BaseModel):
    date: str
    opened: int
    resolved: int
    closed: int


class DailySeries(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "timezone": "Asia/Shanghai",
                    "items": [{"date": "2026-11-29", "opened": 7, "resolved": 5, "closed": 4}],
                }
            ]
        }
    )

    timezone: str
    items: list[DayFigures]
