"""Typed data for every event type. JSON Schemas and the AsyncAPI document are generated from these.

Personal data (a resident's name or phone) is never part of any event: it stays in intake's database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.events.forces_contracts import FORCES_EVENT_MODELS
from chuishao_shared.events.team_contracts import TEAM_EVENT_MODELS
from chuishao_shared.events.topic_contracts import TOPIC_EVENT_MODELS
from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import (
    AssignmentRole,
    AssignmentStatus,
    CaseStatus,
    ClaimStatus,
    HoursSource,
    MemberStatus,
    NeedPrivacy,
    NeedStatus,
    Satisfaction,
    Severity,
    Urgency,
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
    topic_id: str | None = Field(
        None, description="The 议事 topic whose decision this report carries out (the community service files it)"
    )
    number: str | None = Field(
        None,
        description="The report's short number (五阳-1205-0012; chuishao_shared.case_numbers), drawn when intake "
        "accepted it; absent on reports filed before numbers existed",
    )


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
    triage_due_at: datetime | None = Field(
        None, description="While in triage: when the dispatcher's triage deadline passes (then it escalates)"
    )
    opened_at: datetime
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    assignments: list[AssignmentSnapshot] = Field(default_factory=list)
    number: str | None = Field(
        None, description="The case's short number: that of the report that opened it (null before numbers existed)"
    )
    report_numbers: list[str] = Field(
        default_factory=list,
        description="The short numbers of the reports the case took in later (duplicates, merged cases): each "
        "keeps its own, and searching one finds this case",
    )


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
    topic_id: str | None = Field(
        None, description="The 议事 topic whose decision this report carries out (the community service files it)"
    )


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
    topic_id: str | None = Field(
        None, description="The 议事 topic whose decision this report carries out (the community service files it)"
    )


class CaseCancelled(_CaseEvent):
    reason: str


class CaseHandedToCommunity(_CaseEvent):
    """点单响应: the community's own forces answer this case (a dispatcher handed it, POST
    /v1/cases/{id}/hand-to-community); the community service makes it a need. The reason is masked free
    text like every case note; the resident's contact never travels."""

    community: str = Field(description="The community whose forces answer it (the case's community)")
    department: str | None = Field(None, description="The community's committee (社区居委会), now the lead")
    reason: str = ""


# ------------------------------------------------------------------------ the community side
# Public-safe by construction: ids, codes, statuses, counts and times. No resident's name, phone or
# address, no member's name or phone, and no free text (a reason or a note may name a person).


class _CommunityEvent(_Contract):
    community: str
    at: datetime


class MemberEvent(_CommunityEvent):
    member_id: str
    grid: str
    status: MemberStatus
    party_member: bool
    skills: list[str] = Field(default_factory=list)


class MemberRegistered(MemberEvent):
    pass


class MemberConfirmed(MemberEvent):
    pass


class MemberPaused(MemberEvent):
    pass


class MemberLeft(MemberEvent):
    pass


class NeedEvent(_CommunityEvent):
    need_id: str
    grid: str
    kind: str
    status: NeedStatus
    urgency: Urgency
    skills: list[str] = Field(default_factory=list)
    helpers: int = 1
    privacy: NeedPrivacy
    wanted_by: datetime
    release_count: int = 0
    lapse_count: int = 0
    claim_id: str | None = None
    claimant_kind: Literal["member", "unit"] | None = Field(
        None, description="Who holds the claim: a registered member (by member id) or a co-building unit (by code)"
    )
    claimant: str | None = Field(None, description="The member id or the unit code (never a name)")
    origin_case_id: str | None = Field(
        None, description="点单响应: the dispatch case this need answers; its confirmation closes the case"
    )


class NeedRecorded(NeedEvent):
    pass


class NeedClaimed(NeedEvent):
    claim_status: ClaimStatus


class NeedClaimConfirmed(NeedEvent):
    pass


class NeedReleased(NeedEvent):
    pass


class NeedLapsed(NeedEvent):
    pass


class NeedStarted(NeedEvent):
    pass


class NeedDone(NeedEvent):
    hours_reported: float
    photo_count: int = 0


class NeedConfirmed(NeedEvent):
    satisfaction: Satisfaction
    hours: float = Field(description="The hours credited to the claimant (0 for a unit's claim)")


class NeedExpired(NeedEvent):
    pass


class NeedCancelled(NeedEvent):
    pass


class NeedWhistled(NeedEvent):
    category: str
    report_id: str | None = Field(None, description="Intake's report, once filed")
    case_id: str | None = None


class NeedCaseClosed(NeedEvent):
    """A whistled need's case ended in dispatch (closed or cancelled): the outcome the need now shows."""

    report_id: str | None = None
    case_id: str
    case_status: CaseStatus = Field(description="closed or cancelled")
    resolution: str | None = None


class HoursRecorded(_Contract):
    entry_id: str
    member_id: str
    community: str
    hours: float
    source: HoursSource
    ref: str
    at: datetime


# ------------------------------------------------------------------------ the directory
# Who may do what, for the other services' directory copies: the subject, the roles with their scopes,
# active or not. Never a name, a phone or a platform user id (personal data stays in dispatch).


class PersonChanged(_Contract):
    person_id: str
    subject: str = Field(description="The identity provider's subject (the token's `sub`)")
    roles: list[dict[str, Any]] = Field(description="Each {role, and its scope: grids | department | ...}")
    active: bool
    revision: int = Field(description="The directory's change number (GET /v1/people/changes?since=)")
    at: datetime


# ------------------------------------------------------------------------ reference data at run time


class ReferenceChanged(_Contract):
    version: int = Field(description="The reference data version approved (GET /v1/reference/versions/{n})")
    effective_at: datetime = Field(description="When it comes into force")
    changeset_id: str
    documents: list[str] = Field(description="The documents it changes: jurisdictions, categories …")
    at: datetime


EVENT_DATA_MODELS: dict[str, type[BaseModel]] = {
    EventType.REPORT_RECEIVED: ReportReceived,
    EventType.REPORT_VERIFIED: ReportVerified,
    EventType.REPORT_FEEDBACK: ReportFeedback,
    EventType.CASE_OPENED: CaseOpened,
    EventType.CASE_TRIAGED: CaseTriaged,
    EventType.CASE_DISPATCHED: CaseDispatched,
    EventType.CASE_ACKNOWLEDGED: CaseAcknowledged,
    EventType.CASE_PROGRESSED: CaseProgressed,
    EventType.CASE_RESOLVED: CaseResolved,
    EventType.CASE_RETURNED: CaseReturned,
    EventType.CASE_WHISTLED: CaseWhistled,
    EventType.CASE_ESCALATED: CaseEscalated,
    EventType.CASE_EXTENDED: CaseExtended,
    EventType.CASE_REOPENED: CaseReopened,
    EventType.CASE_CLOSED: CaseClosed,
    EventType.CASE_MERGED: CaseMerged,
    EventType.CASE_CANCELLED: CaseCancelled,
    EventType.CASE_HANDED_TO_COMMUNITY: CaseHandedToCommunity,
    EventType.MEMBER_REGISTERED: MemberRegistered,
    EventType.MEMBER_CONFIRMED: MemberConfirmed,
    EventType.MEMBER_PAUSED: MemberPaused,
    EventType.MEMBER_LEFT: MemberLeft,
    EventType.NEED_RECORDED: NeedRecorded,
    EventType.NEED_CLAIMED: NeedClaimed,
    EventType.NEED_CLAIM_CONFIRMED: NeedClaimConfirmed,
    EventType.NEED_RELEASED: NeedReleased,
    EventType.NEED_LAPSED: NeedLapsed,
    EventType.NEED_STARTED: NeedStarted,
    EventType.NEED_DONE: NeedDone,
    EventType.NEED_CONFIRMED: NeedConfirmed,
    EventType.NEED_EXPIRED: NeedExpired,
    EventType.NEED_CANCELLED: NeedCancelled,
    EventType.NEED_WHISTLED: NeedWhistled,
    EventType.NEED_CASE_CLOSED: NeedCaseClosed,
    EventType.HOURS_RECORDED: HoursRecorded,
    **TOPIC_EVENT_MODELS,
    **FORCES_EVENT_MODELS,
    **TEAM_EVENT_MODELS,
    EventType.PERSON_CHANGED: PersonChanged,
    EventType.PERSON_DEACTIVATED: PersonChanged,
    EventType.REFERENCE_CHANGED: ReferenceChanged,
}


class UnknownEventType(ValueError):
    pass


def validate_data(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """Validate `data` against its type's contract and return it JSON-ready."""
    model = EVENT_DATA_MODELS.get(event_type)
    if model is None:
        raise UnknownEventType(f"unknown event type {event_type!r}")
    return model.model_validate(data).model_dump(mode="json", exclude_none=False)
