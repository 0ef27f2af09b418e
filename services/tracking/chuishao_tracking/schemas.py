"""Response schemas of the public API (documentation in /openapi.json; separate from tables)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from chuishao_shared.vocabulary import OVERDUE_MEANING


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
    id: str
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
    open: bool
    opened_at: str
    resolved_at: str | None
    closed_at: str | None
    resolution: str | None
    updated_at: str
    timeline: list[TimelineEntry]


class BoardCasePage(BaseModel):
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
    timezone: str
    items: list[DayFigures]
