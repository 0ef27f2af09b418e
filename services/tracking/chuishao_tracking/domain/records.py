"""What tracking keeps of an event: a whitelist of structured, public fields.

Free text (notes, reasons, descriptions, routing explanations, comments) and identities (the
reporter, the actor's subject, the verifier) are dropped here, at the door, so nothing downstream —
database, API, stream or page — can leak a resident's name or phone written into them. A value that
should be a code but does not look like one is dropped too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chuishao_shared import case_numbers
from chuishao_shared.events.contracts import AssignmentSnapshot, CaseSnapshot
from chuishao_shared.events.types import EventType
from chuishao_shared.times import parse_utc, utc_iso
from chuishao_shared.vocabulary import (
    ASSIGNMENT_LIVE,
    CLOSED,
    FINISHED,
    LIVE,
    PENDING,
    RETURNED,
    TRIAGE,
    is_overdue,
    next_deadline,
)

# Codes start with a letter, so a phone number can never pass as one.
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")
_IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
_ROLES = frozenset({"grid_worker", "liaison", "dispatcher", "admin", "ops", "system"})

# Merged into another case or cancelled: it ends without being closed.
ENDED = FINISHED - {CLOSED}
# Report ids stay in intake and dispatch: the public never sees which reports a case holds.
_NOT_KEPT = frozenset({"report_ids", "assignments"})


def _number(value: Any) -> str | None:
    """A short case number, or None for anything not of its shape (nothing else reaches the board)."""
    return value if isinstance(value, str) and case_numbers.PATTERN.match(value) else None


def parse_time(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        stamp = value
    else:
        return parse_utc(str(value))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return utc_iso(value)
    return list(value) if isinstance(value, tuple) else value  # as JSON reads it back (report_numbers)


def code(value: Any) -> str | None:
    return value if isinstance(value, str) and _CODE.match(value) else None


def ident(value: Any) -> str | None:
    return value if isinstance(value, str) and _IDENT.match(value) else None


def _codes(value: Any) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return [c for c in (code(v) for v in value) if c is not None]


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _time(value: Any) -> str | None:
    stamp = parse_time(value) if isinstance(value, str | datetime) else None
    return utc_iso(stamp) if stamp else None


# Per event type: the fields kept and how each is checked. Everything else is dropped.
_DETAILS: dict[str, dict[str, Callable[[Any], Any]]] = {
    EventType.CASE_OPENED: {"handled_on_site": _flag},
    EventType.CASE_TRIAGED: {"reason": code},
    EventType.CASE_DISPATCHED: {"departments": _codes, "lead": code, "assist": _codes, "routed_by": code},
    EventType.CASE_ACKNOWLEDGED: {"department": code, "role": code, "late": _flag},
    EventType.CASE_PROGRESSED: {"department": code, "role": code, "done": _flag},
    EventType.CASE_RESOLVED: {"department": code, "on_time": _flag},
    EventType.CASE_RETURNED: {"department": code, "role": code, "next_lead": code},
    EventType.CASE_WHISTLED: {"departments": _codes},
    EventType.CASE_ESCALATED: {"level": _int, "grade": code, "to": code, "reason": code, "department": code},
    EventType.CASE_EXTENDED: {
        "approved": _flag,
        "requested": _flag,
        "rejected": _flag,
        "until": _time,
        "department": code,
    },
    EventType.CASE_REOPENED: {"rework_count": _int, "departments": _codes},
    EventType.CASE_CLOSED: {"resolution": code},
    EventType.CASE_MERGED: {"into": ident, "merged_case_id": ident, "whistle_count": _int},
    EventType.CASE_CANCELLED: {},
    EventType.CASE_HANDED_TO_COMMUNITY: {"community": code, "department": code},  # 点单响应 (no reason: free text)
}


def public_details(event_type: str, data: Mapping[str, Any]) -> dict[str, Any]:
    checks = _DETAILS.get(event_type, {})
    kept = {name: check(data.get(name)) for name, check in checks.items()}
    return {k: v for k, v in kept.items() if v is not None}


@dataclass(frozen=True)
class AssignmentView:
    department: str
    role: str
    status: str
    ack_due_at: datetime | None
    acknowledged_at: datetime | None
    done_at: datetime | None

    @property
    def active(self) -> bool:
        return self.status in ASSIGNMENT_LIVE

    @classmethod
    def from_snapshot(cls, raw: Mapping[str, Any]) -> AssignmentView:
        return cls(
            department=code(raw.get("department")) or "UNKNOWN",
            role="lead" if raw.get("role") == "lead" else "assist",
            status=code(raw.get("status")) or PENDING,
            ack_due_at=parse_time(raw.get("ack_due_at")),
            acknowledged_at=parse_time(raw.get("acknowledged_at")),
            done_at=parse_time(raw.get("done_at")),
        )

    def to_json(self) -> dict[str, Any]:
        return {name: _json(getattr(self, name)) for name in AssignmentSnapshot.model_fields}


@dataclass(frozen=True)
class CaseView:
    """The public state of a case as one event left it (the contract's CaseSnapshot, minus report ids)."""

    id: str
    status: str
    category: str
    major: str
    grid: str
    community: str
    severity: str
    whistle_count: int
    rework_count: int
    escalation_level: int
    resolve_due_at: datetime | None
    opened_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution: str | None
    assignments: tuple[AssignmentView, ...]
    triage_due_at: datetime | None = None  # while in triage: the dispatcher's deadline
    # The short number a resident was given (五阳-1205-0012), and those of reports joined later: public
    # (a community, a day, a count), and only ever in that shape (`_number`).
    number: str | None = None
    report_numbers: tuple[str, ...] = ()

    @classmethod
    def from_snapshot(cls, raw: Mapping[str, Any]) -> CaseView:
        resolution = raw.get("resolution")
        return cls(
            id=ident(raw.get("id")) or "unknown",
            status=code(raw.get("status")) or TRIAGE,
            category=code(raw.get("category")) or "UNKNOWN",
            major=code(raw.get("major")) or "UNKNOWN",
            grid=code(raw.get("grid")) or "UNKNOWN",
            community=code(raw.get("community")) or "UNKNOWN",
            severity=code(raw.get("severity")) or "minor",
            whistle_count=_int(raw.get("whistle_count")) or 1,
            rework_count=_int(raw.get("rework_count")) or 0,
            escalation_level=min(max(_int(raw.get("escalation_level")) or 0, 0), 3),
            resolve_due_at=parse_time(raw.get("resolve_due_at")),
            opened_at=parse_time(raw.get("opened_at")) or datetime.fromtimestamp(0, UTC),
            resolved_at=parse_time(raw.get("resolved_at")),
            closed_at=parse_time(raw.get("closed_at")),
            resolution=None if resolution is None else (code(resolution) or "other"),
            assignments=tuple(AssignmentView.from_snapshot(a) for a in raw.get("assignments") or ()),
            triage_due_at=parse_time(raw.get("triage_due_at")),
            number=_number(raw.get("number")),
            report_numbers=tuple(n for n in map(_number, raw.get("report_numbers") or ()) if n),
        )

    def to_json(self) -> dict[str, Any]:
        """The contract's `CaseSnapshot` shape, without what tracking does not keep (the report ids)."""
        values = {name: _json(getattr(self, name)) for name in CaseSnapshot.model_fields if name not in _NOT_KEPT}
        return {**values, "assignments": [a.to_json() for a in self.assignments]}

    def current(self, department: str) -> AssignmentView | None:
        """The department's current assignment: its latest one that was not returned, else its latest."""
        mine = [a for a in self.assignments if a.department == department]
        live = [a for a in mine if a.status != RETURNED]
        chosen = live or mine
        return chosen[-1] if chosen else None

    @property
    def lead_department(self) -> str | None:
        lead = next((a for a in reversed(self.assignments) if a.role == "lead" and a.status != RETURNED), None)
        return lead.department if lead else None

    @property
    def is_open(self) -> bool:
        return self.status in LIVE

    @property
    def next_deadline_at(self) -> datetime | None:
        """The earliest deadline the departments still owe (as dispatch's escalation clock sees it)."""
        if self.status == TRIAGE:
            return next_deadline(self.status, [self.triage_due_at])  # the dispatcher's, no department's
        owed = [a.ack_due_at for a in self.assignments if a.status == PENDING]
        return next_deadline(self.status, [*owed, self.resolve_due_at])

    def overdue(self, now: datetime) -> bool:
        return is_overdue(self.status, self.next_deadline_at, now)


@dataclass(frozen=True)
class CaseRecord:
    """One case event as tracking keeps it: public details plus the case as the event left it."""

    case_id: str
    sequence: int
    type: str
    at: datetime
    actor_role: str
    details: dict[str, Any]
    case: CaseView

    @classmethod
    def from_event(cls, event_type: str, sequence: int, at: datetime, data: Mapping[str, Any]) -> CaseRecord:
        view = CaseView.from_snapshot(data["case"])
        role = data.get("actor_role")
        return cls(
            case_id=view.id,
            sequence=sequence,
            type=event_type,
            at=parse_time(at) or at,
            actor_role=role if role in _ROLES else "system",
            details=public_details(event_type, data),
            case=view,
        )
