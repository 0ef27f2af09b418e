"""Scripted case and report events, shaped exactly as the shared contracts say (each envelope is
validated by `new_envelope`), with a public snapshot after every event as dispatch's domain builds it.
Used by the unit tests and, through `unit.tracking.tracking_events`, by the integration tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from chuishao_shared.events import Envelope, new_envelope
from chuishao_shared.events.types import EventType

T0 = datetime(2025, 6, 2, 1, 0, tzinfo=UTC)  # 09:00 in Asia/Shanghai, a Monday
RESIDENT_NAME = "王秀英"
RESIDENT_PHONE = "13912345678"
SOURCE = "/chuishao/dispatch"


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass
class Assignment:
    department: str
    role: str
    status: str
    ack_due_at: datetime | None
    acknowledged_at: datetime | None = None
    done_at: datetime | None = None

    def snapshot(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "role": self.role,
            "status": self.status,
            "ack_due_at": iso(self.ack_due_at),
            "acknowledged_at": iso(self.acknowledged_at),
            "done_at": iso(self.done_at),
        }


@dataclass
class CaseScript:
    """A case as dispatch would run it, one method per command; every call appends its envelopes."""

    category: str = "ENV-STAIRWELL-DIRTY"
    major: str = "ENV"
    grid: str = "XY-WQ-WY-G01"
    community: str = "XY-WQ-WY"
    severity: str = "minor"
    ack_window: timedelta = timedelta(hours=1)
    resolve_window: timedelta = timedelta(hours=24)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    report_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    status: str = "triage"
    opened_at: datetime | None = None
    resolve_due_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    whistle_count: int = 1
    rework_count: int = 0
    escalation_level: int = 0
    report_ids: list[str] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    events: list[Envelope] = field(default_factory=list)

    # --------------------------------------------------------------------------------- helpers

    def snapshot(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "category": self.category,
            "major": self.major,
            "grid": self.grid,
            "community": self.community,
            "severity": self.severity,
            "report_ids": list(self.report_ids),
            "whistle_count": self.whistle_count,
            "rework_count": self.rework_count,
            "escalation_level": self.escalation_level,
            "resolve_due_at": iso(self.resolve_due_at),
            "opened_at": iso(self.opened_at),
            "resolved_at": iso(self.resolved_at),
            "closed_at": iso(self.closed_at),
            "resolution": self.resolution,
            "assignments": [a.snapshot() for a in self.assignments],
        }

    def _emit(self, event_type: str, at: datetime, actor_role: str, note: str = "", **data: Any) -> Envelope:
        envelope = new_envelope(
            event_type,
            source=SOURCE,
            subject=self.id,
            sequence=len(self.events) + 1,
            at=at,
            data={**data, "actor_role": actor_role, "note": note, "case": self.snapshot()},
        )
        self.events.append(envelope)
        return envelope

    def mine(self, department: str) -> Assignment:
        return next(a for a in reversed(self.assignments) if a.department == department and a.status != "returned")

    def _add(self, departments: list[str], role: str, at: datetime) -> None:
        self.assignments += [Assignment(d, role, "pending", at + self.ack_window) for d in departments]

    # -------------------------------------------------------------------------------- commands

    def open(
        self, at: datetime, lead: str | None, assist: tuple[str, ...] = (), *, handled_on_site: bool = False
    ) -> CaseScript:
        self.opened_at, self.report_ids = at, [self.report_id]
        if handled_on_site:
            self.status, self.resolution, self.closed_at = "closed", "handled_on_site", at
        elif lead is not None:
            self._dispatch(lead, list(assist), at)
        self._emit(EventType.CASE_OPENED, at, "system", report_id=self.report_id, handled_on_site=handled_on_site)
        if handled_on_site:
            self._emit(EventType.CASE_CLOSED, at, "system", resolution="handled_on_site")
        elif lead is None:
            self._emit(EventType.CASE_TRIAGED, at, "system", reason="no_rule_matched")
        else:
            self._emit(
                EventType.CASE_DISPATCHED,
                at,
                "system",
                departments=[lead, *assist],
                lead=lead,
                assist=list(assist),
                explanation=f"规则命中；联系人{RESIDENT_NAME} 电话{RESIDENT_PHONE}",
            )
        return self

    def _dispatch(self, lead: str, assist: list[str], at: datetime) -> None:
        if self.resolve_due_at is None:
            self.resolve_due_at = at + self.resolve_window
        self._add([lead], "lead", at)
        self._add(assist, "assist", at)
        self.status = "dispatched"

    def acknowledge(self, department: str, at: datetime) -> CaseScript:
        mine = self.mine(department)
        late = mine.ack_due_at is not None and at > mine.ack_due_at
        mine.status, mine.acknowledged_at = "acknowledged", at
        if mine.role == "lead" and self.status in ("dispatched", "reopened"):
            self.status = "acknowledged"
        self._emit(EventType.CASE_ACKNOWLEDGED, at, "liaison", department=department, role=mine.role, late=late)
        return self

    def progress(self, department: str, at: datetime, note: str) -> CaseScript:
        mine = self.mine(department)
        mine.status = "in_progress"
        if mine.role == "lead":
            self.status = "in_progress"
        self._emit(EventType.CASE_PROGRESSED, at, "liaison", note, department=department, role=mine.role, done=False)
        return self

    def resolve(self, department: str, at: datetime, note: str = "已处理") -> CaseScript:
        for a in self.assignments:
            if a.status in ("pending", "acknowledged", "in_progress"):
                a.status, a.done_at = "done", at
        self.status, self.resolved_at = "resolved", at
        on_time = self.resolve_due_at is None or at <= self.resolve_due_at
        self._emit(EventType.CASE_RESOLVED, at, "liaison", note, department=department, on_time=on_time)
        return self

    def return_(self, department: str, at: datetime, reason: str, next_lead: str | None = None) -> CaseScript:
        mine = self.mine(department)
        mine.status = "returned"
        followed = []
        if mine.role == "lead" and next_lead:
            self._dispatch(next_lead, [], at)
            followed = ["dispatched"]
        elif mine.role == "lead":
            self.status = "triage"
            followed = ["triaged"]
        self._emit(
            EventType.CASE_RETURNED,
            at,
            "liaison",
            reason,
            department=department,
            role=mine.role,
            reason=reason,
            next_lead=next_lead,
        )
        if followed == ["dispatched"]:
            self._emit(EventType.CASE_DISPATCHED, at, "liaison", departments=[next_lead], lead=next_lead, assist=[])
        elif followed == ["triaged"]:
            self._emit(EventType.CASE_TRIAGED, at, "liaison", reason="lead_returned")
        return self

    def route(self, departments: list[str], at: datetime, reason: str) -> CaseScript:
        self._dispatch(departments[0], departments[1:], at)
        self._emit(
            EventType.CASE_DISPATCHED,
            at,
            "dispatcher",
            reason,
            departments=departments,
            lead=departments[0],
            assist=departments[1:],
            explanation=reason,
        )
        return self

    def whistle(self, departments: list[str], at: datetime, reason: str) -> CaseScript:
        self._add(departments, "assist", at)
        self.whistle_count += 1
        self._emit(EventType.CASE_WHISTLED, at, "dispatcher", reason, departments=departments, reason=reason)
        return self

    def escalate(self, at: datetime, level: int, department: str | None = None) -> CaseScript:
        grade, to = {1: ("blue", "community_duty_desk"), 2: ("yellow", "street_leadership"), 3: ("red", "district")}[
            level
        ]
        self.escalation_level = level
        reason = "acknowledge_overdue" if department else "resolve_overdue"
        self._emit(
            EventType.CASE_ESCALATED,
            at,
            "system",
            level=level,
            grade=grade,
            to=to,
            reason=reason,
            department=department,
        )
        return self

    def extend(self, at: datetime, until: datetime, reason: str) -> CaseScript:
        self.resolve_due_at = until
        self._emit(EventType.CASE_EXTENDED, at, "dispatcher", reason, until=until, approved=True, reason=reason)
        return self

    def verify(self, at: datetime, fixed: bool, note: str = "") -> CaseScript:
        if fixed:
            self.status, self.resolution, self.closed_at = "closed", "fixed", at
            self._emit(EventType.CASE_CLOSED, at, "grid_worker", note, resolution="fixed")
            return self
        again = [a for a in self.assignments if a.status == "done"]
        for a in again:
            a.status, a.ack_due_at, a.acknowledged_at, a.done_at = "pending", at + self.ack_window, None, None
        self.status, self.resolved_at = "reopened", None
        self.rework_count += 1
        self.resolve_due_at = at + self.resolve_window
        self._emit(
            EventType.CASE_REOPENED,
            at,
            "grid_worker",
            note,
            rework_count=self.rework_count,
            departments=[a.department for a in again],
        )
        return self

    def close_unresolved(self, at: datetime) -> CaseScript:
        """A dispatcher closing a case as not fixable (a resolution other than fixed)."""
        self.status, self.resolution, self.closed_at = "closed", "unresolvable", at
        self._emit(EventType.CASE_CLOSED, at, "dispatcher", "无法解决", resolution="unresolvable")
        return self

    def cancel(self, at: datetime, reason: str) -> CaseScript:
        self.status, self.closed_at = "cancelled", at
        self._emit(EventType.CASE_CANCELLED, at, "dispatcher", reason, reason=reason)
        return self

    def add_report(self, at: datetime) -> CaseScript:
        report_id = str(uuid.uuid4())
        self.report_ids.append(report_id)
        self.whistle_count += 1
        self._emit(EventType.CASE_MERGED, at, "system", report_id=report_id, whistle_count=self.whistle_count)
        return self

    # --------------------------------------------------------------------------- report events

    def received(self, at: datetime, description: str | None = None) -> Envelope:
        return new_envelope(
            EventType.REPORT_RECEIVED,
            source="/chuishao/intake",
            subject=self.report_id,
            sequence=1,
            at=at,
            data={
                "report_id": self.report_id,
                "category": self.category,
                "grid": self.grid,
                "community": self.community,
                "severity": self.severity,
                "description": description or f"楼道堆物，联系人{RESIDENT_NAME}，电话{RESIDENT_PHONE}",
                "place": {"building": "3号楼", "address": f"{RESIDENT_NAME}家门口"},
                "reporter": "worker-zhang",
                "has_resident_contact": True,
                "received_at": at,
            },
        )

    def feedback(self, at: datetime, satisfaction: str, sequence: int = 2) -> Envelope:
        return new_envelope(
            EventType.REPORT_FEEDBACK,
            source="/chuishao/intake",
            subject=self.report_id,
            sequence=sequence,
            at=at,
            data={
                "report_id": self.report_id,
                "case_id": self.id,
                "satisfaction": satisfaction,
                "recorded_at": at,
                "comment": f"{RESIDENT_NAME}很满意，回电{RESIDENT_PHONE}",
            },
        )
