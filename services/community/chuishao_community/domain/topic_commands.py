"""议事's commands: imperative dataclasses, one handler each (service_layer/topic_handlers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chuishao_community.domain.commands import Command
from chuishao_community.domain.topics import Evidence, Person


@dataclass(frozen=True)
class RaiseTopic(Command):
    """A staff-recorded candidate (a residents' suggestion): step collect."""

    title: str
    question: str
    community: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TopicCommand(Command):
    topic_id: str


@dataclass(frozen=True)
class SetTopic(TopicCommand):
    question: str
    participants: tuple[Person, ...]
    title: str | None = None
    evidence: tuple[Evidence, ...] | None = None


@dataclass(frozen=True)
class HoldMeeting(TopicCommand):
    at: datetime
    place: str
    agenda: tuple[str, ...]
    attendance: tuple[Person, ...]
    options: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class RecordDecision(TopicCommand):
    item: str
    decision: str
    owner: str
    due: datetime
    review_at: datetime | None = None
    dissent: str = ""
    owner_person: str | None = None
    meeting: str | None = None


@dataclass(frozen=True)
class AddAction(TopicCommand):
    kind: str
    decision: str | None = None
    case: dict[str, Any] | None = None  # {category, grid, description, building}
    need: dict[str, Any] | None = None  # a need create body
    owner: str = ""
    owner_person: str | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class MarkTaskDone(TopicCommand):
    action_id: str


@dataclass(frozen=True)
class ReviewTopic(TopicCommand):
    result: str
    satisfaction: str | None = None
    note: str = ""


# ------------------------------------------------------------------- consumed events and timers


@dataclass(frozen=True)
class SeeCaseEvent:
    """A case event from dispatch's topic (the consumer joined its transaction)."""

    type: str
    data: dict[str, Any]
    at: datetime


@dataclass(frozen=True)
class FlagOverdueActions:
    topic_id: str
    now: datetime


@dataclass(frozen=True)
class NoteActionFiled:
    action_id: str
    topic_id: str
    report_id: str
    case_id: str | None


@dataclass(frozen=True)
class NoteActionFilingFailed:
    action_id: str
    error: str
    retry_at: datetime
