"""What tracking keeps of order.*, project.*, topic.*, meeting.* and action.* (chuishao.community.v1),
for COMMUNITY.md §5's units', projects' and deliberation figures: a whitelist of codes, statuses, counts
and times, as for needs (domain/community.py). Never an order's description, a progress note, a topic's
title or question, a decision's text, an attendee's or an owner's name or subject.

Each record is one row's worth of facts; the store merges them so any order of arrival converges: a
snapshot column follows the highest sequence, a first time is the earliest seen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from chuishao_tracking.domain.records import code, ident, parse_time

_PROJECT_STATUSES = ("planned", "active", "done", "cancelled")
_STEPS = ("collect", "topic", "deliberate", "implement", "review", "closed")


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10_000_000 else 0


def _day(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _codes(value: Any) -> tuple[str, ...]:
    return tuple(c for c in (code(v) for v in value or ()) if c)[:200] if isinstance(value, list) else ()


@dataclass(frozen=True)
class OrderRecord:
    """order.posted / order.responded / order.closed: the order's asked units, and one unit's answer."""

    order_id: str
    sequence: int
    type: str
    at: datetime
    community: str
    status: str
    units: tuple[str, ...]
    unit: str | None  # the answering unit (order.responded)
    declined: bool
    response_seconds: float | None

    @classmethod
    def from_event(cls, event_type: str, sequence: int, data: Mapping[str, Any]) -> OrderRecord | None:
        order_id, community, at = ident(data.get("order_id")), code(data.get("community")), parse_time(data.get("at"))
        status = data.get("status") if data.get("status") in ("open", "closed") else None
        if not (order_id and community and at and status):
            return None
        seconds = data.get("response_seconds")
        ok = isinstance(seconds, int | float) and not isinstance(seconds, bool) and 0 <= seconds < 1e9
        seconds = float(seconds) if ok else None  # type: ignore[arg-type]
        return cls(
            order_id=order_id,
            sequence=sequence,
            type=event_type,
            at=at,
            community=community,
            status=status,
            units=_codes(data.get("units")),
            unit=code(data.get("unit")) if event_type == "order.responded" else None,
            declined=data.get("declined") is True,
            response_seconds=seconds,
        )


@dataclass(frozen=True)
class ProjectRecord:
    project_id: str
    sequence: int
    at: datetime
    community: str
    status: str
    people_served: int
    period_from: date | None
    period_to: date | None

    @classmethod
    def from_event(cls, sequence: int, data: Mapping[str, Any]) -> ProjectRecord | None:
        project_id, community = ident(data.get("project_id")), code(data.get("community"))
        at = parse_time(data.get("at"))
        status = data.get("status") if data.get("status") in _PROJECT_STATUSES else None
        if not (project_id and community and at and status):
            return None
        return cls(
            project_id,
            sequence,
            at,
            community,
            status,
            _count(data.get("people_served")),
            _day(data.get("period_from")),
            _day(data.get("period_to")),
        )


@dataclass(frozen=True)
class TopicRecord:
    """Any topic.*, meeting.* or action.* event: the topic's step, and what the event adds."""

    topic_id: str
    sequence: int
    type: str
    at: datetime
    community: str
    step: str
    meeting_id: str | None = None
    meeting_at: datetime | None = None
    quorate: bool = False
    decision_id: str | None = None
    action_id: str | None = None
    action_status: str | None = None
    due: datetime | None = None

    @classmethod
    def from_event(cls, event_type: str, sequence: int, data: Mapping[str, Any]) -> TopicRecord | None:
        topic_id, community, at = ident(data.get("topic_id")), code(data.get("community")), parse_time(data.get("at"))
        step = data.get("step") if data.get("step") in _STEPS else None
        if not (topic_id and community and at and step):
            return None
        action_status = data.get("status") if data.get("status") in ("open", "done") else None
        return cls(
            topic_id=topic_id,
            sequence=sequence,
            type=event_type,
            at=at,
            community=community,
            step=step,
            meeting_id=ident(data.get("meeting_id")),
            meeting_at=parse_time(data.get("meeting_at")) if event_type == "meeting.held" else None,
            quorate=data.get("quorate") is True,
            decision_id=ident(data.get("decision_id")),
            action_id=ident(data.get("action_id")) if event_type.startswith("action.") else None,
            action_status=action_status if event_type.startswith("action.") else None,
            due=parse_time(data.get("due")),
        )


_TEAM_KINDS = ("red_armband", "red_cap", "red_vest", "other")


@dataclass(frozen=True)
class TeamRecord:
    """team.created / team.member_added / team.member_ended: the team's kind, and one membership's member
    and dates (for volunteer hours by team). Never the team's name or description."""

    team_id: str
    sequence: int
    community: str
    kind: str
    membership_id: str | None
    member_id: str | None
    start_date: date | None
    end_date: date | None

    @classmethod
    def from_event(cls, sequence: int, data: Mapping[str, Any]) -> TeamRecord | None:
        team_id, community = ident(data.get("team_id")), code(data.get("community"))
        kind = data.get("kind") if data.get("kind") in _TEAM_KINDS else None
        if not (team_id and community and kind):
            return None
        membership_id, member_id = ident(data.get("membership_id")), ident(data.get("member_id"))
        return cls(
            team_id,
            sequence,
            community,
            kind,
            membership_id if member_id else None,
            member_id if membership_id else None,
            _day(data.get("start_date")),
            _day(data.get("end_date")),
        )
