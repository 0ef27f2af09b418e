"""The Case aggregate: the case and assignment state machines (docs/architecture.md, "The case").

Case: triage → dispatched → acknowledged → in_progress → resolved → closed, plus reopened (返工),
merged and cancelled. Each department on a case has an `Assignment`.

Every command takes the acting `Actor` and the instant `at`, checks (status first, then actor, then
arguments) before it changes anything, then mutates the case, appends one timeline entry per event
and returns the events in order. Event data carry the type's fields, `actor_role`, `actor` (role, subject,
department: the audit trail), `note` and `case`:
the public snapshot of the case *after the command* (the shared event contract).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from chuishao_dispatch.domain import escalation
from chuishao_dispatch.domain.assignment import ASSIST, LEAD
from chuishao_dispatch.domain.case_state import (
    DISPATCHER_ROLES,
    FEEDBACK_ENTRY,
    NOT_ACKNOWLEDGED,
    VERIFIER_ROLES,
    CaseState,
)
from chuishao_dispatch.domain.errors import IllegalTransition, InvalidCommand
from chuishao_dispatch.domain.routing import RoutingDecision
from chuishao_dispatch.domain.values import (
    SYSTEM,
    Actor,
    DomainEvent,
    ExtensionRequest,
    Feedback,
    ReportFacts,
    SlaTerms,
    require_aware,
    require_departments,
    require_evidence,
    require_photos,
    require_text,
)
from chuishao_shared.events.types import EventType
from chuishao_shared.times import utc_iso
from chuishao_shared.vocabulary import (
    ACKNOWLEDGED,
    AT_WORK,
    CANCELLED,
    CLOSED,
    DISPATCHED,
    DONE,
    FIXED,
    HANDLED_ON_SITE,
    IN_PROGRESS,
    LIVE,
    MERGED,
    PENDING,
    REOPENED,
    RESOLVED,
    RETURNED,
    SATISFACTIONS,
    TRIAGE,
    UNSETTLED,
    WITHDRAWN,
    is_overdue,
    next_deadline,
)
from chuishao_shared.vocabulary import ASSIGNMENT_ACKNOWLEDGED as A_ACKNOWLEDGED
from chuishao_shared.vocabulary import ASSIGNMENT_IN_PROGRESS as A_IN_PROGRESS
from chuishao_shared.vocabulary import ASSIGNMENT_LIVE as ACTIVE

__all__ = ["Case"]


class Case(CaseState):
    # ----------------------------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        case_id: str,
        report: ReportFacts,
        decision: RoutingDecision | None,
        sla: SlaTerms,
        actor: Actor,
        at: datetime,
    ) -> tuple[Case, list[DomainEvent]]:
        """Open a case for a report: closed at once if handled on site, else dispatched by the
        routing decision, else (no rule matched) waiting in triage."""
        at = require_aware(at, "at")
        case_id = require_text(case_id, "case_id", max_length=200)
        if not isinstance(report, ReportFacts):
            raise InvalidCommand("report", "must be ReportFacts")
        case = cls(
            id=case_id,
            report=report,
            sla=sla,
            status=TRIAGE,
            opened_at=at,
            report_ids=[report.report_id],
        )
        follow: list[tuple[str, dict[str, Any]]]
        if report.handled_on_site:
            case.status, case.resolution, case.closed_at = CLOSED, HANDLED_ON_SITE, at
            follow = [(EventType.CASE_CLOSED, {"resolution": HANDLED_ON_SITE})]
        elif decision is None:
            case._to_triage(at)
            follow = [(EventType.CASE_TRIAGED, {"reason": "no_rule_matched", "triage_due_at": case.triage_due_at})]
        else:
            follow = [case._dispatch(decision.lead, decision.assist, at, decision=decision)]
        opened = {
            "report_id": report.report_id,
            "handled_on_site": report.handled_on_site,
            "reported_at": report.reported_at,
            "building": report.building,
        }
        if report.topic_id:
            opened["topic_id"] = report.topic_id
        events = [case._record(EventType.CASE_OPENED, actor, at, "", opened)]
        events += [case._record(kind, actor, at, "", data) for kind, data in follow]
        case.version, case.provisional_deadline = 1, None
        return case, events

    def add_report(
        self, report_id: str, actor: Actor, at: datetime, *, topic_id: str | None = None, number: str | None = None
    ) -> list[DomainEvent]:
        """A duplicate report of the same matter joins this case: one more whistle (with the 议事 topic whose
        decision the report carries out, when it does)."""
        at = self._check("add_report", LIVE, at)
        self._require_role(actor, "add_report", DISPATCHER_ROLES)
        report_id = require_text(report_id, "report_id", max_length=200)
        if report_id in self.report_ids:
            raise InvalidCommand("report_id", f"report {report_id} is already part of case {self.id}")
        self.report_ids.append(report_id)
        if number:
            self.joined_numbers[report_id] = number
        self.whistle_count += 1
        data: dict[str, Any] = {"report_id": report_id, "whistle_count": self.whistle_count}
        if number:
            data["number"] = number
        if topic_id:
            data["topic_id"] = topic_id
        return self._commit(self._record(EventType.CASE_MERGED, actor, at, "", data))

    # ------------------------------------------------------------------------ the department side

    def acknowledge(self, actor: Actor, at: datetime) -> list[DomainEvent]:
        """报到/签收: the actor's department reports in on its pending assignment."""
        at = self._check("acknowledge", AT_WORK, at)
        mine = self._assignment_for(actor, "acknowledge", (PENDING,), "has already acknowledged")
        late = mine.ack_due_at is not None and at > mine.ack_due_at
        mine.status, mine.acknowledged_at = A_ACKNOWLEDGED, at
        if mine.role == LEAD and self.status in (DISPATCHED, REOPENED):
            self.status = ACKNOWLEDGED
        data = {"department": mine.department, "role": mine.role, "late": late, "ack_due_at": mine.ack_due_at}
        return self._commit(self._record(EventType.CASE_ACKNOWLEDGED, actor, at, "", data))

    def progress(
        self,
        actor: Actor,
        at: datetime,
        note: str,
        photos: Sequence[str] = (),
    ) -> list[DomainEvent]:
        at = self._check("progress", AT_WORK, at)
        mine = self._assignment_for(actor, "progress", (A_ACKNOWLEDGED, A_IN_PROGRESS), NOT_ACKNOWLEDGED)
        note, photos = require_text(note, "note"), require_photos(photos)
        mine.status = A_IN_PROGRESS
        if mine.role == LEAD:
            self.status = IN_PROGRESS
        data = {"department": mine.department, "role": mine.role, "done": False, "photos": photos}
        return self._commit(self._record(EventType.CASE_PROGRESSED, actor, at, note, data))

    def resolve(
        self,
        actor: Actor,
        at: datetime,
        note: str,
        photos: Sequence[str] = (),
        no_photo_reason: str | None = None,
    ) -> list[DomainEvent]:
        """The lead resolves the case (every assignment still open is done with it); an assisting
        department's resolve only finishes its own part (a `case.progressed` with done=True).
        Either resolve needs evidence: a photo, or a listed reason why there can be none."""
        at = self._check("resolve", AT_WORK, at)
        mine = self._assignment_for(actor, "resolve", (A_ACKNOWLEDGED, A_IN_PROGRESS), NOT_ACKNOWLEDGED)
        note = require_text(note, "note")
        photos, no_photo = require_evidence(photos, no_photo_reason)
        if mine.role == ASSIST:
            mine.status, mine.done_at = DONE, at
            data = {"department": mine.department, "role": ASSIST, "done": True, "photos": photos}
            if no_photo:
                data["no_photo_reason"] = no_photo
            return self._commit(self._record(EventType.CASE_PROGRESSED, actor, at, note, data))
        # Departments that reported in finish with the lead; one that never acknowledged stays as it is
        # (still 待签收, its lateness its own), named in the event rather than marked done.
        closed_for = [a.department for a in self.assignments if a.active and a is not mine and a.acknowledged_at]
        never_acknowledged = [a.department for a in self.assignments if a.active and not a.acknowledged_at]
        for assignment in self.assignments:
            if assignment.active and assignment.acknowledged_at:
                assignment.status, assignment.done_at = DONE, at
        self.status, self.resolved_at, self.pending_extension = RESOLVED, at, None
        on_time = self.resolve_due_at is None or at <= self.resolve_due_at
        data = {
            "department": mine.department,
            "on_time": on_time,
            "photos": photos,
            "resolve_due_at": self.resolve_due_at,
            "also_done": closed_for,
            "never_acknowledged": never_acknowledged,
        }
        if no_photo:
            data["no_photo_reason"] = no_photo
        return self._commit(self._record(EventType.CASE_RESOLVED, actor, at, note, data))

    def return_(
        self,
        actor: Actor,
        at: datetime,
        reason: str,
        next_decision: RoutingDecision | None = None,
    ) -> list[DomainEvent]:
        """退单: a department says the case is not theirs. A lead's return sends the case to the next
        routing candidate (`next_decision`) or, with None, back to the triage queue."""
        at = self._check("return", AT_WORK, at)
        mine = self._assignment_for(
            actor,
            "return",
            (PENDING, A_ACKNOWLEDGED),
            "only a pending or acknowledged assignment can be returned",
        )
        reason = require_text(reason, "reason")
        if next_decision is not None:
            if mine.role != LEAD:
                raise InvalidCommand("next_decision", "only a lead department's return is routed again")
            if next_decision.lead == mine.department:
                raise InvalidCommand("next_decision", "the next lead cannot be the returning department")
        mine.status, mine.returned_reason, mine.returned_at = RETURNED, reason, at
        if self.pending_extension is not None and self.pending_extension.department == mine.department:
            self.pending_extension = None
        returned = {
            "department": mine.department,
            "role": mine.role,
            "reason": reason,
            "next_lead": next_decision.lead if next_decision is not None else None,
        }
        follow: list[tuple[str, dict[str, Any]]] = []
        if mine.role == LEAD and next_decision is not None:
            follow.append(self._dispatch(next_decision.lead, next_decision.assist, at, decision=next_decision))
        elif mine.role == LEAD:
            self._to_triage(at)
            follow.append((EventType.CASE_TRIAGED, {"reason": "lead_returned", "triage_due_at": self.triage_due_at}))
        events = [self._record(EventType.CASE_RETURNED, actor, at, reason, returned)]
        events += [self._record(kind, actor, at, "", data) for kind, data in follow]
        return self._commit(*events)

    def request_extension(self, actor: Actor, at: datetime, until: datetime, reason: str) -> list[DomainEvent]:
        """延期: an assigned department asks for a later resolve deadline (a dispatcher approves)."""
        at = self._check("request_extension", AT_WORK, at)
        mine = self._assignment_for(actor, "request_extension", tuple(ACTIVE), "its part is already done")
        until = require_aware(until, "until")
        if self.resolve_due_at is not None and until <= self.resolve_due_at:
            raise InvalidCommand("until", f"must be after the current deadline {utc_iso(self.resolve_due_at)}")
        reason = require_text(reason, "reason")
        self.pending_extension = ExtensionRequest(until, reason, mine.department, actor.sub, at)
        data = {
            "requested": True,
            "approved": False,
            "until": until,
            "reason": reason,
            "department": mine.department,
        }
        return self._commit(self._record(EventType.CASE_EXTENDED, actor, at, reason, data))

    # ------------------------------------------------------------------------ the dispatcher side

    def route(self, actor: Actor, at: datetime, departments: Sequence[str], reason: str) -> list[DomainEvent]:
        """A dispatcher routes a case from triage, or re-routes one its lead returned (overriding
        the next rule candidate): the first department leads, the others assist."""
        at = self._check("route", {TRIAGE, DISPATCHED}, at)
        if self.status == DISPATCHED and not any(a.role == LEAD and a.status == RETURNED for a in self.assignments):
            raise IllegalTransition(
                "route",
                self.status,
                "only a returned case is re-routed; whistle to add departments",
            )
        self._require_role(actor, "route", DISPATCHER_ROLES)
        departments = require_departments(departments)
        reason = require_text(reason, "reason")
        current = self.lead
        if current is not None and current.department != departments[0]:
            current.status, current.returned_at = RETURNED, at
            current.returned_reason = f"superseded by a dispatcher: {reason}"
        kind, data = self._dispatch(departments[0], departments[1:], at, manual_reason=reason)
        data["reason"] = reason
        return self._commit(self._record(kind, actor, at, reason, data))

    def whistle(self, actor: Actor, at: datetime, departments: Sequence[str], reason: str) -> list[DomainEvent]:
        """吹哨: summon further departments to a live case as assisting departments."""
        at = self._check("whistle", AT_WORK, at)
        self._require_role(actor, "whistle", DISPATCHER_ROLES)
        departments = require_departments(departments)
        reason = require_text(reason, "reason")
        summoned = [d for d in departments if self._active(d) is None]
        if not summoned:
            raise InvalidCommand("departments", "every department named is already working on the case")
        added = self._add(summoned, ASSIST, at)
        self.whistle_count += 1
        data = {
            "departments": summoned,
            "reason": reason,
            "whistle_count": self.whistle_count,
            "assignments": [a.snapshot() for a in added],
        }
        return self._commit(self._record(EventType.CASE_WHISTLED, actor, at, reason, data))

    def approve_extension(self, actor: Actor, at: datetime) -> list[DomainEvent]:
        at = self._check("approve_extension", AT_WORK, at)
        request = self._pending_request("approve_extension")
        self._require_role(actor, "approve_extension", DISPATCHER_ROLES)
        previous, self.resolve_due_at, self.pending_extension = self.resolve_due_at, request.until, None
        data = {
            "approved": True,
            "until": request.until,
            "previous_resolve_due_at": previous,
            "reason": request.reason,
            "department": request.department,
        }
        return self._commit(self._record(EventType.CASE_EXTENDED, actor, at, request.reason, data))

    def reject_extension(self, actor: Actor, at: datetime, reason: str) -> list[DomainEvent]:
        at = self._check("reject_extension", AT_WORK, at)
        request = self._pending_request("reject_extension")
        self._require_role(actor, "reject_extension", DISPATCHER_ROLES)
        reason = require_text(reason, "reason")
        self.pending_extension = None
        data = {
            "approved": False,
            "rejected": True,
            "until": request.until,
            "reason": reason,
            "department": request.department,
        }
        return self._commit(self._record(EventType.CASE_EXTENDED, actor, at, reason, data))

    def merge_into(self, actor: Actor, at: datetime, target_id: str, reason: str = "") -> list[DomainEvent]:
        """This case duplicates `target_id`; the target then `absorb`s it."""
        at = self._check("merge", UNSETTLED, at)
        self._require_role(actor, "merge", DISPATCHER_ROLES)
        target_id = require_text(target_id, "into", max_length=200)
        if target_id == self.id:
            raise InvalidCommand("into", "a case cannot be merged into itself")
        reason = require_text(reason, "reason", required=False)
        self.status, self.merged_into, self.pending_extension = MERGED, target_id, None
        data = {
            "into": target_id,
            "reason": reason,
            "whistle_count": self.whistle_count,
            "withdrawn": self._withdraw_assignments(),
        }
        return self._commit(self._record(EventType.CASE_MERGED, actor, at, reason, data))

    def absorb(self, actor: Actor, at: datetime, other_case: Case) -> list[DomainEvent]:
        """The target side of a merge: take over the merged case's reports and whistles."""
        at = self._check("absorb", LIVE, at)
        self._require_role(actor, "absorb", DISPATCHER_ROLES)
        if not isinstance(other_case, Case) or other_case.id == self.id:
            raise InvalidCommand("other_case", "must be another case")
        if other_case.status != MERGED or other_case.merged_into != self.id:
            raise InvalidCommand("other_case", f"case {other_case.id} has not been merged into {self.id}")
        if other_case.id in self.absorbed_case_ids:
            raise InvalidCommand("other_case", f"case {other_case.id} has already been absorbed")
        taken = [r for r in other_case.report_ids if r not in self.report_ids]
        self.report_ids.extend(taken)
        # The merged case's reports keep their own numbers (its opening report's is the merged case's).
        numbers = {other_case.report.report_id: other_case.number, **other_case.joined_numbers}
        self.joined_numbers.update({r: n for r, n in numbers.items() if r in taken and n})
        self.absorbed_case_ids.append(other_case.id)
        self.whistle_count += other_case.whistle_count
        data: dict[str, Any] = {
            "merged_case_id": other_case.id,
            "whistle_count": self.whistle_count,
            "report_ids": taken,
        }
        joined = [self.joined_numbers[r] for r in taken if r in self.joined_numbers]
        if joined:
            data["numbers"] = joined
        return self._commit(self._record(EventType.CASE_MERGED, actor, at, "", data))

    def cancel(self, actor: Actor, at: datetime, reason: str) -> list[DomainEvent]:
        """An invalid report: the case ends without work, with a reason."""
        at = self._check("cancel", UNSETTLED, at)
        self._require_role(actor, "cancel", DISPATCHER_ROLES)
        reason = require_text(reason, "reason")
        self.status, self.cancel_reason, self.closed_at, self.pending_extension = CANCELLED, reason, at, None
        data = {"reason": reason, "withdrawn": self._withdraw_assignments()}
        return self._commit(self._record(EventType.CASE_CANCELLED, actor, at, reason, data))

    def _withdraw_assignments(self) -> list[str]:
        """A merged or cancelled case owes no department anything: each part still open (待签收 or at
        work) is closed as withdrawn (随事项撤销), not left pending nor marked done. The departments named."""
        self.triage_due_at = None  # nor is the dispatcher's triage clock running
        withdrawn = [a for a in self.assignments if a.active]
        for assignment in withdrawn:
            assignment.status = WITHDRAWN
        return [a.department for a in withdrawn]

    # --------------------------------------------------------------------------- the grid's side

    def verify(
        self,
        actor: Actor,
        at: datetime,
        fixed: bool,
        note: str = "",
        photos: Sequence[str] = (),
    ) -> list[DomainEvent]:
        """核查: the grid worker checks the fix on site. Not fixed → 返工 to the same departments."""
        at = self._check("verify", {RESOLVED}, at)
        self._require_role(actor, "verify", VERIFIER_ROLES)
        if not isinstance(fixed, bool):
            raise InvalidCommand("result", "must be fixed or not_fixed")
        note, photos = require_text(note, "note", required=False), require_photos(photos)
        if fixed:
            self.status, self.resolution, self.closed_at = CLOSED, FIXED, at
            data: dict[str, Any] = {"resolution": FIXED, "photos": photos}
            return self._commit(self._record(EventType.CASE_CLOSED, actor, at, note, data))
        due = self._due(at, self.sla.acknowledge_minutes)
        # The rework is a new round: every department that finished, and any that never reported in, owes it.
        again = [a for a in self.assignments if a.status in (DONE, PENDING)]
        for assignment in again:
            assignment.status, assignment.ack_due_at = PENDING, due
            assignment.acknowledged_at = assignment.done_at = None
        self.status, self.resolved_at = REOPENED, None
        self.rework_count += 1
        self.resolve_due_at = self._due(at, self.sla.resolve_minutes)
        data = {
            "rework_count": self.rework_count,
            "departments": [a.department for a in again],
            "resolve_due_at": self.resolve_due_at,
            "photos": photos,
        }
        return self._commit(self._record(EventType.CASE_REOPENED, actor, at, note, data))

    def record_feedback(
        self,
        actor: Actor,
        at: datetime,
        satisfaction: str,
        comment: str = "",
    ) -> list[DomainEvent]:
        """回访: the resident's satisfaction. A timeline entry, no case event (the service publishes
        report.feedback)."""
        at = self._check("record_feedback", {RESOLVED, CLOSED}, at)
        self._require_role(actor, "record_feedback", VERIFIER_ROLES)
        if satisfaction not in SATISFACTIONS:
            raise InvalidCommand("satisfaction", f"must be one of {', '.join(SATISFACTIONS)}")
        comment = require_text(comment, "comment", required=False)
        self.feedback = Feedback(satisfaction, comment, at, actor.sub)
        self._record(FEEDBACK_ENTRY, actor, at, comment, {"satisfaction": satisfaction})
        self._commit()
        return []

    # --------------------------------------------------------------------------------- escalation

    def _deadlines(self) -> list[escalation.Deadline]:
        if self.status == TRIAGE and self.triage_due_at is not None:
            window = timedelta(minutes=self.sla.triage_minutes)
            return [escalation.Deadline(escalation.TRIAGE, self.triage_due_at, window)]
        if self.status not in AT_WORK:
            return []
        ack_window = timedelta(minutes=self.sla.acknowledge_minutes)
        deadlines = [
            escalation.Deadline(escalation.ACKNOWLEDGE, a.ack_due_at, ack_window, a.department)
            for a in self.assignments
            if a.status == PENDING and a.ack_due_at is not None
        ]
        if self.resolve_due_at is not None:
            window = timedelta(minutes=self.sla.resolve_minutes)
            deadlines.append(escalation.Deadline(escalation.RESOLVE, self.resolve_due_at, window))
        return deadlines

    def next_deadline_at(self) -> datetime | None:
        """The earliest deadline the departments still owe (None when they owe none)."""
        return next_deadline(self.status, (d.due_at for d in self._deadlines()))

    def overdue(self, now: datetime) -> bool:
        """The shared definition (`chuishao_shared.vocabulary`): an owed deadline has passed."""
        return is_overdue(self.status, self.next_deadline_at(), require_aware(now, "now"))

    def next_timer_at(self) -> datetime | None:
        """When `escalate_due` next has something to do (None: no timer needed)."""
        step = escalation.next_step(self._deadlines(), self.escalation_level)
        return step.fires_at if step is not None else None

    def escalate_due(self, now: datetime) -> list[DomainEvent]:
        """Fire every escalation level due by `now`, lowest first; each level fires once per case."""
        now = require_aware(now, "now")
        events = []
        for step in escalation.due_steps(self._deadlines(), self.escalation_level, now):
            self.escalation_level = step.level
            data = {
                "level": step.level,
                "grade": step.grade,
                "to": step.to,
                "reason": step.deadline.reason,
                "deadline": step.deadline.due_at,
                "department": step.deadline.department,
                "due_at": step.fires_at,
            }
            events.append(self._record(EventType.CASE_ESCALATED, SYSTEM, now, "", data))
        return self._commit(*events) if events else []
