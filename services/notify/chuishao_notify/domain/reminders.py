"""催办: reminders before each acknowledge and resolve deadline while the department still owes it.

A case event's snapshot says which deadlines are open now. Each open deadline gets its reminders
when it is first seen (the event that created it: dispatch, whistle, reopening, extension); a
deadline that is no longer open (acknowledged, done, returned, moved, case closed) loses the
reminders that have not fired yet."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chuishao_shared.vocabulary import ASSIGNMENT_LIVE, AT_WORK, PENDING

ACKNOWLEDGE = "acknowledge"
RESOLVE = "resolve"
# Reminder event ids are derived from what they remind of, so every replica derives the same one.
_NAMESPACE = uuid.UUID("6f3b8c52-4d0e-4b8e-9a53-0c1f2d7e9a11")


@dataclass(frozen=True)
class ReminderSchedule:
    """When to remind: at these fractions of the time from the deadline's start to the deadline, and
    these lengths of time before it. Points outside (start, deadline) are dropped."""

    fractions: tuple[float, ...] = (0.5,)
    before: tuple[timedelta, ...] = (timedelta(minutes=10),)

    def __post_init__(self) -> None:
        if any(not 0 < f < 1 for f in self.fractions):
            raise ValueError("reminder fractions must lie strictly between 0 and 1")
        if any(b <= timedelta(0) for b in self.before):
            raise ValueError("reminder offsets must be positive")

    def fire_times(self, start: datetime, due: datetime) -> list[datetime]:
        if due <= start:
            return []
        window = due - start
        points = {start + window * f for f in self.fractions} | {due - b for b in self.before}
        return sorted(p for p in points if start < p < due)


@dataclass(frozen=True)
class Deadline:
    case_id: str
    department: str
    kind: str  # ACKNOWLEDGE or RESOLVE
    due_at: datetime


@dataclass(frozen=True)
class Reminder:
    deadline: Deadline
    fire_at: datetime

    @property
    def event_id(self) -> str:
        d = self.deadline
        key = f"{d.case_id}|{d.department}|{d.kind}|{d.due_at.isoformat()}|{self.fire_at.isoformat()}"
        return str(uuid.uuid5(_NAMESPACE, key))


@dataclass(frozen=True)
class DueReminder:
    """A reminder whose time has come, as claimed by the reminder sweep."""

    id: int
    event_id: str
    case_id: str
    department: str
    kind: str  # ACKNOWLEDGE or RESOLVE
    due_at: datetime
    fire_at: datetime


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def open_deadlines(case: dict[str, Any]) -> set[Deadline]:
    """The deadlines the departments still owe on this case snapshot."""
    if case.get("status") not in AT_WORK:
        return set()
    case_id = case["id"]
    resolve_due = _time(case.get("resolve_due_at"))
    deadlines: set[Deadline] = set()
    for a in case.get("assignments", []):
        status, department = a.get("status"), a["department"]
        ack_due = _time(a.get("ack_due_at"))
        if status == PENDING and ack_due is not None:
            deadlines.add(Deadline(case_id, department, ACKNOWLEDGE, ack_due))
        if status in ASSIGNMENT_LIVE and resolve_due is not None:
            deadlines.add(Deadline(case_id, department, RESOLVE, resolve_due))
    return deadlines


def reminders_for(deadline: Deadline, seen_at: datetime, schedule: ReminderSchedule) -> list[Reminder]:
    """Reminders for a deadline first seen at `seen_at` (the start of its window)."""
    return [Reminder(deadline, at) for at in schedule.fire_times(seen_at, deadline.due_at)]
