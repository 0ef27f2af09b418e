"""The data of the Case aggregate and the bookkeeping every command shares.

`Case` (case.py) adds the commands; this module holds the statuses, the fields, the read helpers,
the JSON round trip and the checks and recording helpers the commands are written with.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self

from chuishao_dispatch.domain.assignment import ASSIST, LEAD, Assignment
from chuishao_dispatch.domain.errors import IllegalTransition, NotAllowed, NotAssigned
from chuishao_dispatch.domain.routing import RoutingDecision
from chuishao_dispatch.domain.sla import CalendarExhausted, add_duration
from chuishao_dispatch.domain.values import (
    SYSTEM_ROLE,
    Actor,
    DomainEvent,
    ExtensionRequest,
    Feedback,
    ReportFacts,
    SlaTerms,
    TimelineEntry,
    jsonable,
    parse_time,
    require_aware,
)
from chuishao_shared.events.contracts import CaseSnapshot
from chuishao_shared.events.types import EventType
from chuishao_shared.personal_data import mask, mask_fields
from chuishao_shared.times import utc_iso
from chuishao_shared.vocabulary import (
    ACKNOWLEDGED,
    DISPATCHED,
    DONE,
    IN_PROGRESS,
    PENDING,
    RETURNED,
    TRIAGE,
)
from chuishao_shared.vocabulary import ASSIGNMENT_ACKNOWLEDGED as A_ACKNOWLEDGED
from chuishao_shared.vocabulary import ASSIGNMENT_IN_PROGRESS as A_IN_PROGRESS

# Event fields typed by people (or quoting them), masked on events (chuishao_shared.personal_data).
FREE_TEXT = ("note", "reason", "explanation", "building", "comment", "resolution")
FEEDBACK_ENTRY = "case.feedback"  # a timeline entry only; the service publishes report.feedback


LIAISON = "liaison"
DISPATCHER_ROLES = frozenset({"dispatcher", SYSTEM_ROLE})
VERIFIER_ROLES = frozenset({"grid_worker", "dispatcher", SYSTEM_ROLE})

_CASE_STATUS_OF_LEAD: dict[str, str] = {PENDING: DISPATCHED, A_ACKNOWLEDGED: ACKNOWLEDGED, A_IN_PROGRESS: IN_PROGRESS}
_SCHEMA = 1
NOT_ACKNOWLEDGED = "has not acknowledged (报到) yet"


@dataclass
class CaseState:
    id: str
    report: ReportFacts  # the report that opened the case
    sla: SlaTerms
    status: str
    opened_at: datetime
    report_ids: list[str]
    whistle_count: int = 1
    rework_count: int = 0
    escalation_level: int = 0
    resolve_due_at: datetime | None = None
    # While in triage: when the dispatcher's triage deadline passes (the case then escalates).
    triage_due_at: datetime | None = None
    assignments: list[Assignment] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    rule_id: str | None = None
    rule_version: int | None = None
    routing_explanation: str | None = None
    resolution: str | None = None
    cancel_reason: str | None = None
    merged_into: str | None = None
    absorbed_case_ids: list[str] = field(default_factory=list)
    # The short numbers of the reports taken in after the opening one (report id → number): each keeps
    # its own, and the queue's search finds the case by any of them (migration 0011's search_text).
    joined_numbers: dict[str, str] = field(default_factory=dict)
    pending_extension: ExtensionRequest | None = None
    feedback: Feedback | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    # 点单响应 (domain/community_loop.py): the community's forces answer it — community, need_id, status.
    community_handover: dict[str, Any] | None = None
    version: int = 0  # +1 per command that changed the case (kept on the row; nothing compares it yet)
    # Why a deadline this command set is provisional (the holiday data ran out); carried into the
    # change's events by `_record` until `_commit`, never stored on the case itself.
    provisional_deadline: str | None = field(default=None, compare=False, repr=False)

    # ------------------------------------------------------------------------------ read helpers

    @property
    def category(self) -> str:
        return self.report.category

    @property
    def major(self) -> str:
        return self.report.major

    @property
    def grid(self) -> str:
        return self.report.grid

    @property
    def community(self) -> str:
        return self.report.community

    @property
    def severity(self) -> str:
        return self.report.severity

    @property
    def number(self) -> str | None:
        """The case's short number: that of the report that opened it (None before numbers existed)."""
        return self.report.number

    @property
    def report_numbers(self) -> list[str]:
        """The numbers of the reports the case took in later, in the order they came (report_ids' order:
        the stored mapping is JSONB, which keeps no key order)."""
        return [self.joined_numbers[r] for r in self.report_ids if r in self.joined_numbers]

    @property
    def lead(self) -> Assignment | None:
        """The current lead assignment (at most one lead is not returned)."""
        return next((a for a in reversed(self.assignments) if a.role == LEAD and a.status != RETURNED), None)

    def departments_active(self) -> list[str]:
        """Departments still expected to work on the case, the lead first."""
        active = sorted((a for a in self.assignments if a.active), key=lambda a: a.role != LEAD)
        return [a.department for a in active]

    def returned_departments(self) -> list[str]:
        """Departments that returned the case: pass as `exclude` when routing it again."""
        return list(dict.fromkeys(a.department for a in self.assignments if a.status == RETURNED))

    def assignment_of(self, department: str) -> Assignment | None:
        """The department's current (not returned) assignment."""
        return next(
            (a for a in reversed(self.assignments) if a.department == department and a.status != RETURNED),
            None,
        )

    def snapshot(self) -> dict[str, Any]:
        """The public state of the case (no personal data), as carried in every event: exactly the
        fields of the shared `CaseSnapshot` contract, which is where the shape is written down."""
        values = {name: getattr(self, name) for name in CaseSnapshot.model_fields if name != "assignments"}
        return {**jsonable(values), "assignments": [a.snapshot() for a in self.assignments]}

    # ----------------------------------------------------------------------------- serialisation

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": _SCHEMA,
            "id": self.id,
            "status": self.status,
            "report": self.report.to_dict(),
            "sla": self.sla.to_dict(),
            "opened_at": utc_iso(self.opened_at),
            "report_ids": list(self.report_ids),
            "whistle_count": self.whistle_count,
            "rework_count": self.rework_count,
            "escalation_level": self.escalation_level,
            "resolve_due_at": utc_iso(self.resolve_due_at),
            "triage_due_at": utc_iso(self.triage_due_at),
            "assignments": [a.to_dict() for a in self.assignments],
            "timeline": [t.to_dict() for t in self.timeline],
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "routing_explanation": self.routing_explanation,
            "resolution": self.resolution,
            "cancel_reason": self.cancel_reason,
            "merged_into": self.merged_into,
            "absorbed_case_ids": list(self.absorbed_case_ids),
            "report_numbers": dict(self.joined_numbers),
            "pending_extension": self.pending_extension.to_dict() if self.pending_extension else None,
            "feedback": self.feedback.to_dict() if self.feedback else None,
            "resolved_at": utc_iso(self.resolved_at),
            "closed_at": utc_iso(self.closed_at),
            "version": self.version,
            "community_handover": copy.deepcopy(self.community_handover),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        if data.get("schema") != _SCHEMA:
            raise ValueError(f"unsupported case schema {data.get('schema')!r}")
        extension, feedback = data.get("pending_extension"), data.get("feedback")
        return cls(
            id=data["id"],
            report=ReportFacts.from_dict(data["report"]),
            sla=SlaTerms.from_dict(data["sla"]),
            status=data["status"],
            opened_at=parse_time(data["opened_at"]),  # type: ignore[arg-type]
            report_ids=list(data["report_ids"]),
            whistle_count=data["whistle_count"],
            rework_count=data["rework_count"],
            escalation_level=data["escalation_level"],
            resolve_due_at=parse_time(data.get("resolve_due_at")),
            triage_due_at=parse_time(data.get("triage_due_at")),
            assignments=[Assignment.from_dict(a) for a in data["assignments"]],
            timeline=[TimelineEntry.from_dict(t) for t in data.get("timeline", ())],
            rule_id=data.get("rule_id"),
            rule_version=data.get("rule_version"),
            routing_explanation=data.get("routing_explanation"),
            resolution=data.get("resolution"),
            cancel_reason=data.get("cancel_reason"),
            merged_into=data.get("merged_into"),
            absorbed_case_ids=list(data.get("absorbed_case_ids", ())),
            joined_numbers=dict(data.get("report_numbers") or {}),
            pending_extension=ExtensionRequest.from_dict(extension) if extension else None,
            feedback=Feedback.from_dict(feedback) if feedback else None,
            resolved_at=parse_time(data.get("resolved_at")),
            closed_at=parse_time(data.get("closed_at")),
            version=data["version"],
            community_handover=data.get("community_handover"),
        )

    # ---------------------------------------------------------------------------------- internals

    def _check(self, action: str, allowed: Iterable[str], at: Any) -> datetime:
        if self.status not in allowed:
            raise IllegalTransition(action, self.status)
        return require_aware(at, "at")

    def _require_role(self, actor: Actor, action: str, roles: Iterable[str]) -> None:
        if actor.role not in roles:
            raise NotAllowed(actor.role, action, actor.department)

    def _assignment_for(
        self,
        actor: Actor,
        action: str,
        statuses: Sequence[str],
        otherwise: str,
    ) -> Assignment:
        """The liaison's own assignment, which must be in one of `statuses`."""
        self._require_role(actor, action, (LIAISON,))
        if not actor.department:
            raise NotAssigned(None)
        mine = self.assignment_of(actor.department)
        if mine is None:
            raise NotAssigned(actor.department)
        if mine.status not in statuses:
            detail = "its part is already done" if mine.status == DONE else otherwise
            raise IllegalTransition(action, self.status, f"department '{mine.department}' {detail}")
        return mine

    def _pending_request(self, action: str) -> ExtensionRequest:
        if self.pending_extension is None:
            raise IllegalTransition(action, self.status, "no extension has been requested")
        return self.pending_extension

    def _active(self, department: str) -> Assignment | None:
        mine = self.assignment_of(department)
        return mine if mine is not None and mine.active else None

    def _due(self, start: datetime, minutes: float) -> datetime:
        clock, calendar = self.sla.clock, self.sla.calendar
        try:
            return add_duration(start, minutes, clock=clock, calendar=calendar)  # type: ignore[arg-type]
        except CalendarExhausted as exhausted:
            # A whistle is never refused for want of next year's holiday data (a 201 means it is routed):
            # the deadline counts the plain working week past the data and says so on the record, in the
            # event and the timeline entry this change writes (see `_record`); never a silent guess.
            self.provisional_deadline = str(exhausted)
            return add_duration(start, minutes, clock=clock, calendar=calendar, past_coverage="plain_week")  # type: ignore[arg-type]

    def _add(self, departments: Iterable[str], role: str, at: datetime) -> list[Assignment]:
        due = self._due(at, self.sla.acknowledge_minutes)
        added = [Assignment(d, role, PENDING, due, assigned_at=at) for d in departments]
        self.assignments.extend(added)
        return added

    def _to_triage(self, at: datetime) -> None:
        """Into the dispatcher's triage queue, with its own deadline from the SLA policy."""
        self.status = TRIAGE
        self.triage_due_at = self._due(at, self.sla.triage_minutes)

    def _dispatch(
        self,
        lead: str,
        assist: Iterable[str],
        at: datetime,
        *,
        decision: RoutingDecision | None = None,
        manual_reason: str | None = None,
    ) -> tuple[str, dict[str, Any]]:
        """Make `lead` the lead (promoting it if it already assists) and add the assisting
        departments not already at work; returns the `case.dispatched` event to record."""
        if decision is not None:
            self.rule_id, self.rule_version = decision.rule_id, decision.rule_version
            self.routing_explanation = decision.explanation
        else:
            self.rule_id = self.rule_version = None
            self.routing_explanation = f"派遣员人工派遣：{manual_reason} / routed by a dispatcher: {manual_reason}"
        if self.resolve_due_at is None:
            self.resolve_due_at = self._due(at, self.sla.resolve_minutes)
        self.triage_due_at = None  # routed: the dispatcher's clock stops
        touched: list[Assignment] = []
        promoted = self._active(lead)
        if promoted is not None:
            promoted.role = LEAD
            touched.append(promoted)
        else:
            touched += self._add([lead], LEAD, at)
        touched += self._add([d for d in dict.fromkeys(assist) if d != lead and self._active(d) is None], ASSIST, at)
        self.status = _CASE_STATUS_OF_LEAD[touched[0].status]
        return EventType.CASE_DISPATCHED, {
            "departments": [a.department for a in touched],
            "lead": lead,
            "assist": [a.department for a in touched[1:]],
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "explanation": self.routing_explanation,
            "routed_by": "rule" if decision is not None else "dispatcher",
            "assignments": [a.snapshot() for a in touched],
        }

    def _record(self, kind: str, actor: Actor, at: datetime, note: str, data: dict[str, Any]) -> DomainEvent:
        if self.provisional_deadline is not None:
            data = {**data, "deadline_provisional": self.provisional_deadline}
        entry_data = jsonable(data)
        self.timeline.append(TimelineEntry(kind, at, actor.sub, actor.role, note, entry_data, actor.department))
        # The audit trail keeps the text as typed; the event (read by every service and the departments'
        # receivers) carries free text with phones, e-mails and ID numbers masked. (`jsonable` below copies
        # every dict and list: the event shares nothing with the timeline entry. The snapshot is built
        # JSON-native and fresh for each event, so it is not walked a second time.)
        event_data = jsonable(
            {
                **mask_fields(entry_data, FREE_TEXT),
                "actor_role": actor.role,
                # Who acted, for the audit trail: consumers that publish (tracking) keep the role only.
                "actor": actor.audit(),
                "note": mask(note),
            }
        )
        event_data["case"] = self.snapshot()
        return DomainEvent(kind, event_data)

    def _commit(self, *events: DomainEvent) -> list[DomainEvent]:
        self.version += 1
        self.provisional_deadline = None
        return list(events)
