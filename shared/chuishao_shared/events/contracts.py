"""Typed data for every event type. JSON Schemas and the AsyncAPI document are generated from these.

Personal data (a resident's name or phone) is never part of any event: it stays in intake's database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.vocabulary import (
    AssignmentRole,
    AssignmentStatus,
    CaseStatus,
    Satisfaction,
    Severity,
    VerificationResult,
)


class _Contract(BaseModel):
    # Consumers tolerate added fields so producers can evolve without a new topic version.
    model_config = ConfigDict(extra="allow")


class Place(_Contract):
    building: str | None = None
    unit: str | None = None
    address: str | None = None
    lat: float | None = None
    lon: float | None = None


class ReportReceived(_Contract):
    report_id: str
    category: str
    grid: str
    community: str
    description: str
    severity: Severity
    place: Place = Field(default_factory=Place)
    photos: list[str] = Field(default_factory=list)
    handled_on_site: bool = False
    reporter: str = Field(description="The grid worker's token subject (internal; never shown publicly)")
    has_resident_contact: bool = False
    received_at: datetime


class ReportVerified(_Contract):
    report_id: str
    case_id: str
    result: VerificationResult
    note: str = ""
    photos: list[str] = Field(default_factory=list)
    verified_by: str
    verified_at: datetime


class ReportFeedback(_Contract):
    report_id: str
    case_id: str
    satisfaction: Satisfaction
    comment: str = ""
    recorded_at: datetime


class AssignmentSnapshot(_Contract):
    department: str
    role: AssignmentRole
    status: AssignmentStatus
    ack_due_at: datetime | None = None
    acknowledged_at: datetime | None = None
    done_at: datetime | None = None


class CaseSnapshot(_Contract):
    """The public state of a case after the event: enough for any read model to project from."""

    id: str
    status: CaseStatus
    category: str
    major: str
    grid: str
    community: str
    severity: Severity
    report_ids: list[str]
    whistle_count: int
    rework_count: int = 0
    escalation_level: int = Field(ge=0, le=3)
    resolve_due_at: datetime | None = None
    opened_at: datetime
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    assignments: list[AssignmentSnapshot] = Field(default_factory=list)


class EventActor(_Contract):
    """Who acted, for the audit trail. Internal: the subject is a staff or service id, never shown
    publicly (tracking keeps `actor_role` only)."""

    role: str
    subject: str = Field(description="The actor's token subject, or the service's own id for `system`")
    department: str | None = Field(None, description="A liaison's department")


class _CaseEvent(_Contract):
    case: CaseSnapshot
    actor_role: str
    # Optional only for events published before it was added; dispatch always sets it.
    actor: EventActor | None = None
    note: str = ""
    # Set when this change counted a working-hours deadline past the holiday data (plain working week).
    deadline_provisional: str | None = None


class CaseOpened(_CaseEvent):
    report_id: str
    handled_on_site: bool = False


class CaseTriaged(_CaseEvent):
    reason: str


class CaseDispatched(_CaseEvent):
    departments: list[str]
    rule_id: str | None = None
    rule_version: int | None = None
    explanation: str = ""


class CaseAcknowledged(_CaseEvent):
    department: str
    late: bool


class CaseProgressed(_CaseEvent):
    department: str
    done: bool = False


class CaseResolved(_CaseEvent):
    department: str
    on_time: bool


class CaseReturned(_CaseEvent):
    department: str
    reason: str
    next_lead: str | None = None


class CaseWhistled(_CaseEvent):
    departments: list[str]
    reason: str


class CaseEscalated(_CaseEvent):
    level: int = Field(ge=1, le=3)
    grade: Literal["blue", "yellow", "red"]
    to: str
    reason: str


class CaseExtended(_CaseEvent):
    until: datetime
    approved: bool


class CaseReopened(_CaseEvent):
    rework_count: int


class CaseClosed(_CaseEvent):
    resolution: str


class CaseMerged(_CaseEvent):
    into: str | None = None
    report_id: str | None = None
    merged_case_id: str | None = None
    whistle_count: int


class CaseCancelled(_CaseEvent):
    reason: str


EVENT_DATA_MODELS: dict[str, type[BaseModel]] = {
    "report.received": ReportReceived,
    "report.verified": ReportVerified,
    "report.feedback": ReportFeedback,
    "case.opened": CaseOpened,
    "case.triaged": CaseTriaged,
    "case.dispatched": CaseDispatched,
    "case.acknowledged": CaseAcknowledged,
    "case.progressed": CaseProgressed,
    "case.resolved": CaseResolved,
    "case.returned": CaseReturned,
    "case.whistled": CaseWhistled,
    "case.escalated": CaseEscalated,
    "case.extended": CaseExtended,
    "case.reopened": CaseReopened,
    "case.closed": CaseClosed,
    "case.merged": CaseMerged,
    "case.cancelled": CaseCancelled,
}


class UnknownEventType(ValueError):
    pass


def validate_data(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """Validate `data` against its type's contract and return it JSON-ready."""
    model = EVENT_DATA_MODELS.get(event_type)
    if model is None:
        raise UnknownEventType(f"unknown event type {event_type!r}")
    return model.model_validate(data).model_dump(mode="json", exclude_none=False)
