"""Who hears of which case event. One case event becomes at most one notice (kept under the event's
own id, so receivers can dedupe) addressed to departments or to duty desks (jurisdictions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import ASSIGNMENT_LIVE, DISPATCHED, REOPENED, RETURNED

REMINDER, TEST = "reminder", "test"
# What a subscription can ask for (its `events`); the default is all of them. Most are named after
# the case event they come from (dispatched, returned and reopened share the status words).
NOTICE_KINDS = (DISPATCHED, "whistled", REMINDER, "escalated", RETURNED, REOPENED)
# The type a receiver sees (header `Chuishao-Event-Type`, body `type`): the case event's own type, and
# notify's own names for a reminder and a test message.
WIRE_TYPES: dict[str, str] = {
    DISPATCHED: EventType.CASE_DISPATCHED,
    "whistled": EventType.CASE_WHISTLED,
    REMINDER: "case.reminder",
    "escalated": EventType.CASE_ESCALATED,
    RETURNED: EventType.CASE_RETURNED,
    REOPENED: EventType.CASE_REOPENED,
    TEST: "webhook.test",
}
# The community side (chuishao.community.v1, `domain.community_notices`): what a community's
# subscription (its staff's, a team's or the members' group robot) can ask for.
NEED_RECORDED, NEED_REMINDER, NEED_EXPIRED = "need_recorded", "need_reminder", "need_expired"
ACTION_OVERDUE, TOPIC_MOVED = "action_overdue", "topic_moved"
COMMUNITY_KINDS = (NEED_RECORDED, NEED_REMINDER, NEED_EXPIRED, ACTION_OVERDUE, TOPIC_MOVED)
WIRE_TYPES |= {
    NEED_RECORDED: EventType.NEED_RECORDED,
    NEED_REMINDER: "need.reminder",
    NEED_EXPIRED: EventType.NEED_EXPIRED,
    ACTION_OVERDUE: EventType.ACTION_OVERDUE,
    TOPIC_MOVED: EventType.TOPIC_MOVED,
}
# Escalation level → index into the duty-desk chain [community, street, district].
LEVEL_DESK = {1: 0, 2: 1, 3: 2}


@dataclass(frozen=True)
class Audience:
    departments: tuple[str, ...] = ()
    # Duty desks; with `nearest`, only the first desk in the tuple that has a subscription hears it
    # (the dispatcher who will handle a returned or reopened case is the nearest one).
    jurisdictions: tuple[str, ...] = ()
    nearest: bool = False


@dataclass(frozen=True)
class Notice:
    event_id: str
    kind: str  # one of NOTICE_KINDS, COMMUNITY_KINDS or TEST
    occurred_at: datetime
    case: dict[str, Any] = field(default_factory=dict)  # the case snapshot as on the event
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def wire_type(self) -> str:
        return WIRE_TYPES[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "kind": self.kind,
            "occurred_at": self.occurred_at.isoformat(),
            "case": self.case,
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Notice:
        return cls(
            event_id=data["event_id"],
            kind=data["kind"],
            occurred_at=datetime.fromisoformat(data["occurred_at"]),
            case=data.get("case") or {},
            details=data.get("details") or {},
        )


def _active_departments(case: dict[str, Any]) -> tuple[str, ...]:
    return tuple(a["department"] for a in case.get("assignments", []) if a.get("status") in ASSIGNMENT_LIVE)


def notice_for(
    event_type: str,
    event_id: str,
    occurred_at: datetime,
    data: dict[str, Any],
    duty_desks: Sequence[str],
) -> tuple[Audience, Notice] | None:
    """The notice a case event gives rise to, and to whom; None for events nobody is told of.

    `duty_desks` is the case's community, street and district codes, nearest first."""
    case = data.get("case") or {}
    desks = tuple(duty_desks)

    def notice(kind: str, **details: Any) -> Notice:
        return Notice(event_id, kind, occurred_at, case, {k: v for k, v in details.items() if v is not None})

    if event_type == EventType.CASE_DISPATCHED:
        departments = tuple(data.get("departments") or ())
        return Audience(departments=departments), notice("dispatched", lead=data.get("lead"))
    if event_type == EventType.CASE_WHISTLED:
        departments = tuple(data.get("departments") or ())
        return Audience(departments=departments), notice("whistled", reason=data.get("reason"))
    if event_type == EventType.CASE_ESCALATED:
        level = int(data.get("level") or 0)
        index = LEVEL_DESK.get(level)
        jurisdictions = (desks[index],) if index is not None and index < len(desks) else ()
        late = data.get("department")
        return Audience(departments=(late,) if late else (), jurisdictions=jurisdictions), notice(
            "escalated",
            level=level,
            grade=data.get("grade"),
            reason=data.get("reason"),
            department=late,
            jurisdiction=jurisdictions[0] if jurisdictions else None,
        )
    if event_type == EventType.CASE_RETURNED:
        return Audience(jurisdictions=desks, nearest=True), notice(
            "returned", department=data.get("department"), reason=data.get("reason"), next_lead=data.get("next_lead")
        )
    if event_type == EventType.CASE_REOPENED:
        # The dispatcher's desk hears of the rework, and so do the departments that must redo it.
        return Audience(departments=_active_departments(case), jurisdictions=desks, nearest=True), notice(
            "reopened", rework_count=data.get("rework_count")
        )
    return None
