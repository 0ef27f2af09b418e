"""What dispatch's case routes answer, for the OpenAPI document and generated clients: the case read
(`views.case_view`) and the queue page, with an example. Models allow extra fields so a field added to
the view is never silently dropped from an answer; the OpenAPI test keeps them in step."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.vocabulary import AssignmentRole, AssignmentStatus, CaseStatus, Severity

_EXAMPLE: dict[str, Any] = {
    "id": "c-7f1d2c3e",
    "status": "dispatched",
    "category": "ENV-STAIRWELL-DIRTY",
    "category_name": "楼道卫生脏乱",
    "category_name_en": "Dirty stairwell",
    "grid": "XY-WQ-WY-G01",
    "community": "XY-WQ-WY",
    "grid_name": "五阳社区第一网格",
    "grid_name_en": "Wuyang grid 1",
    "community_name": "五阳社区",
    "community_name_en": "Wuyang community",
    "building": "3号楼",
    "description": "楼道堆放杂物",
    "report_photos": [],
    "severity": "minor",
    "report_ids": ["5b0c1a6e-2f7d-4f0e-9a43-7f4c2b7e9d10"],
    "whistle_count": 1,
    "rework_count": 0,
    "assignments": [
        {
            "department": "XY-WQ-WY-WY",
            "role": "lead",
            "status": "pending",
            "ack_due_at": "2026-11-30T02:00:00Z",
            "acknowledged_at": None,
            "done_at": None,
            "returned_reason": None,
        }
    ],
    "opened_at": "2026-11-30T01:00:00Z",
    "resolve_due_at": "2026-12-02T06:00:00Z",
    "escalation_level": 0,
    "overdue": False,
    "rule_id": "xy.env",
    "number": "五阳-1130-0012",
    "report_numbers": [],
    "rule_version": 1,
    "routing_explanation": "规则 xy.env (v1)",
    "pending_extension": None,
    "feedback": None,
    "merged_into": None,
    "timeline": [
        {
            "type": "case.dispatched",
            "at": "2026-11-30T01:00:00Z",
            "actor_role": "system",
            "actor": "",
            "department": None,
            "note": "",
            "photos": [],
            "reason": None,
        }
    ],
}


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class AssignmentRead(_Open):
    department: str
    role: AssignmentRole
    status: AssignmentStatus
    ack_due_at: str | None = None
    acknowledged_at: str | None = None
    done_at: str | None = None
    returned_reason: str | None = None


class TimelineEntryRead(_Open):
    type: str
    at: str | None = None
    actor_role: str | None = None
    actor: str | None = None
    department: str | None = None
    note: str | None = None
    photos: list[str] = []
    reason: str | None = None
    no_photo_reason: str | None = None
    topic_id: str | None = Field(
        None, description="The 议事 topic whose decision the report behind this entry carries out"
    )
    lead: str | None = Field(None, description="case.dispatched: the lead department's code")
    assist: list[str] | None = Field(None, description="case.dispatched: the assisting departments' codes")
    rule_id: str | None = Field(None, description="case.dispatched: the routing rule that chose them (null: by hand)")
    rule_version: int | None = Field(None, description="case.dispatched: the rule set's version")
    routed_by: str | None = Field(None, description="case.dispatched: `rule` or `dispatcher`")
    explanation: str | None = Field(None, description="case.dispatched: the rule's explanation with its codes")
    number: str | None = Field(None, description="case.merged: the joining report's short number")


class CaseRead(_Open):
    """A case as staff read it (never the resident's contact)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [_EXAMPLE]})

    id: str
    number: str | None = Field(
        None,
        description="The short number to read out (五阳-1205-0012): the opening report's; null for a case opened "
        "before numbers existed (show the id)",
    )
    report_numbers: list[str] = Field(
        [], description="The short numbers of the reports taken in later (duplicates, merged cases)"
    )
    status: CaseStatus
    category: str
    category_name: str | None = None
    category_name_en: str | None = None
    grid: str
    community: str
    grid_name: str | None = None
    grid_name_en: str | None = None
    community_name: str | None = None
    community_name_en: str | None = None
    building: str | None = None
    unit: str | None = Field(None, description="单元, as the grid worker typed it")
    address: str | None = Field(None, description="The address as the grid worker typed it")
    lat: float | None = Field(None, description="The phone's location when the grid worker gave one (WGS84)")
    lon: float | None = Field(None, description="The phone's location when the grid worker gave one (WGS84)")
    description: str
    report_photos: list[str] = []
    severity: Severity
    report_ids: list[str]
    whistle_count: int
    rework_count: int
    assignments: list[AssignmentRead]
    opened_at: str | None = None
    resolve_due_at: str | None = None
    triage_due_at: str | None = Field(
        None, description="While in triage: the dispatcher's deadline to route it (it escalates after)"
    )
    escalation_level: int
    overdue: bool
    rule_id: str | None = None
    rule_version: int | None = None
    routing_explanation: str | None = None
    pending_extension: dict[str, Any] | None = None
    feedback: dict[str, Any] | None = None
    merged_into: str | None = None
    community_handover: dict[str, Any] | None = Field(
        None,
        description="点单响应: the community's forces answer it — community, department (its committee), "
        "need_id (once the community recorded it), status (handed | confirmed | need_cancelled)",
    )
    topic_ids: list[str] = Field(
        [], description="The 议事 topics whose decisions this case carries out (from its reports)"
    )
    timeline: list[TimelineEntryRead]


class CasePage(_Open):
    model_config = ConfigDict(
        extra="allow", json_schema_extra={"examples": [{"items": [_EXAMPLE], "next_cursor": None}]}
    )

    items: list[CaseRead]
    next_cursor: str | None = None


class ReporterContact(BaseModel):
    """How to reach the grid worker who reported a case (staff on the case only)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"registered": True, "name": "王网格", "phone": "13800000000"}]}
    )

    registered: bool = Field(description="Whether the directory knows the reporting grid worker (and they are active)")
    name: str | None = Field(None, description="The worker's display name in the directory")
    phone: str | None = Field(None, description="The worker's phone in the directory, if it has one (staff only)")
