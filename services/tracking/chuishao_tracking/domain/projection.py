"""The projection of one case: a pure function of the *set* of its events.

Events arrive at least once and, across partitions, rebalances or a rebuild, not always in order. So
the projection never applies an event to the previous state: it folds every event the case has so
far in sequence order. Duplicates collapse (one event per sequence number), the latest sequence's
snapshot is the board's view, and the facts are re-derived from scratch. Same set → same result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import ASSIGNMENT_REPORTED_IN, FINISHED
from chuishao_tracking.domain.facts import (
    AckRequest,
    CaseFacts,
    Closure,
    Escalation,
    ResolveCycle,
    Whistle,
)
from chuishao_tracking.domain.records import ENDED, CaseRecord, CaseView


@dataclass(frozen=True)
class CaseProjection:
    case: CaseView
    sequence: int
    updated_at: datetime
    timeline: tuple[CaseRecord, ...]
    facts: CaseFacts


def project(records: Iterable[CaseRecord]) -> CaseProjection:
    by_sequence: dict[int, CaseRecord] = {}
    for record in records:
        known = by_sequence.get(record.sequence)
        # Two different events claiming one sequence number should not exist; pick one deterministically.
        if known is None or (record.at, record.type) < (known.at, known.type):
            by_sequence[record.sequence] = record
    if not by_sequence:
        raise ValueError("a case projection needs at least one event")
    ordered = tuple(by_sequence[s] for s in sorted(by_sequence))
    latest = ordered[-1]
    deriver = _FactDeriver(latest.case)
    for record in ordered:
        deriver.apply(record)
    return CaseProjection(
        case=latest.case, sequence=latest.sequence, updated_at=latest.at, timeline=ordered, facts=deriver.finish()
    )


class _FactDeriver:
    """Walks a case's events in order and writes down the facts of docs/statistics.md."""

    def __init__(self, latest: CaseView) -> None:
        self.case_id, self.community, self.category = latest.id, latest.community, latest.category
        self.facts = CaseFacts()
        self.open_acks: dict[str, AckRequest] = {}
        self.cycle: ResolveCycle | None = None
        self.last_resolved: ResolveCycle | None = None

    def finish(self) -> CaseFacts:
        if self.cycle is not None:  # the round still under way counts once its deadline passes
            self.facts.cycles.append(self.cycle)
            self.cycle = None
        return self.facts

    def apply(self, record: CaseRecord) -> None:
        self._track_acknowledgements(record)
        self._track_resolution(record)
        view, details = record.case, record.details
        if record.type == EventType.CASE_CLOSED:
            resolution = details.get("resolution") or view.resolution or "other"
            self.facts.closures.append(
                Closure(self.case_id, self.community, self.category, view.lead_department, record.at, resolution)
            )
        elif record.type == EventType.CASE_WHISTLED:
            self.facts.whistles.append(
                Whistle(self.case_id, self.community, self.category, record.at, tuple(details.get("departments", ())))
            )
        elif record.type == EventType.CASE_ESCALATED:
            self.facts.escalations.append(
                Escalation(
                    self.case_id,
                    self.community,
                    self.category,
                    details.get("department") or view.lead_department,
                    record.at,
                    details.get("level") or view.escalation_level,
                )
            )

    def _track_acknowledgements(self, record: CaseRecord) -> None:
        view = record.case
        if view.status in ENDED:
            for pending in list(self.open_acks.values()):
                self._end(pending, record, "withdrawn")
            return
        for department in dict.fromkeys(a.department for a in view.assignments):
            assignment = view.current(department)
            request = self.open_acks.get(department)
            if assignment is None:
                continue
            if assignment.status == "pending":
                if request is not None and request.due_at == assignment.ack_due_at and request.acknowledged_at is None:
                    continue  # still the same request (e.g. an assisting department promoted to lead)
                if request is not None:
                    self._end(request, record, "withdrawn")
                fresh = AckRequest(
                    self.case_id,
                    department,
                    assignment.role,
                    self.community,
                    self.category,
                    requested_at=record.at,
                    due_at=assignment.ack_due_at,
                )
                self.facts.acks.append(fresh)
                self.open_acks[department] = fresh
            elif assignment.status in ASSIGNMENT_REPORTED_IN and request is not None:
                if request.acknowledged_at is None and assignment.acknowledged_at is not None:
                    request.acknowledged_at = assignment.acknowledged_at
                elif request.acknowledged_at is None and assignment.status != "done":
                    request.acknowledged_at = record.at  # a snapshot without the time: the event's
                if assignment.status == "done" and request.acknowledged_at is None:
                    self._end(request, record, "withdrawn")  # the lead resolved before it reported in
                elif assignment.status == "done":
                    del self.open_acks[department]
            elif assignment.status == "returned" and request is not None:
                by_department = (
                    record.type == EventType.CASE_RETURNED and record.details.get("department") == department
                )
                self._end(request, record, "returned" if by_department else "withdrawn")

    def _end(self, request: AckRequest, record: CaseRecord, how: str) -> None:
        request.ended_at, request.ended_by = record.at, how
        self.open_acks.pop(request.department, None)

    def _track_resolution(self, record: CaseRecord) -> None:
        view = record.case
        if record.type == EventType.CASE_REOPENED:
            if self.last_resolved is not None:
                self.last_resolved.reworked = True
            self._finish_cycle(None)
            self.cycle = ResolveCycle(self.case_id, self.community, self.category, started_at=record.at)
        elif self.cycle is None and not self.facts.cycles and view.status not in FINISHED:
            # The first round starts when the case was opened, whichever of its events came first.
            self.cycle = ResolveCycle(self.case_id, self.community, self.category, started_at=view.opened_at)
        cycle = self.cycle
        if cycle is None:
            return
        cycle.due_at = view.resolve_due_at
        cycle.department = view.lead_department or cycle.department
        if record.type == EventType.CASE_RESOLVED:
            cycle.resolved_at = record.at
            cycle.department = record.details.get("department") or cycle.department
            self.last_resolved = cycle
            self._finish_cycle(cycle)
        elif view.status in ENDED:
            cycle.ended_at = record.at
            self._finish_cycle(cycle)

    def _finish_cycle(self, cycle: ResolveCycle | None) -> None:
        if cycle is not None:
            self.facts.cycles.append(cycle)
        elif self.cycle is not None:  # a rework replaces a round that never resolved (should not happen)
            self.facts.cycles.append(self.cycle)
        self.cycle = None
