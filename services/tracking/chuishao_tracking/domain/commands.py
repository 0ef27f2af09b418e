"""The consumed events tracking acts on, as commands for its handlers (built by the consumer), and the
rebuild's wipe."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, kw_only=True)
class ProjectCaseEvent:
    """A `case.*` event: keep its public part and re-derive the case from all its events."""

    event_id: uuid.UUID
    type: str
    sequence: int
    at: datetime
    data: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ProjectCaseEvents:
    """A consumer's poll of `case.*` events, projected together: each case once, from all its events."""

    events: tuple[ProjectCaseEvent, ...]


@dataclass(frozen=True, kw_only=True)
class RecordReport:
    """`report.received`: the structured facts the statistics count (never the text or the reporter)."""

    subject: str
    data: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class RecordReports:
    """A consumer's poll of `report.received` events, kept together."""

    reports: tuple[RecordReport, ...]


@dataclass(frozen=True, kw_only=True)
class RecordFeedback:
    """`report.feedback`: the satisfaction of one report's resident (never the comment)."""

    subject: str
    sequence: int
    data: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class WipeReadModel:
    """The rebuild's first step: empty the read model and this consumer's dedupe rows."""

    consumer: str


@dataclass(frozen=True, kw_only=True)
class ProjectCommunityEvent:
    """A `need.*`, `member.*` or `hours.recorded` event of chuishao.community.v1: keep its public part
    (domain/community.py) in the wish wall's and the community figures' tables."""

    type: str
    subject: str
    sequence: int
    data: dict[str, Any]


Command = (
    ProjectCaseEvent
    | ProjectCaseEvents
    | RecordReport
    | RecordReports
    | RecordFeedback
    | ProjectCommunityEvent
    | WipeReadModel
)
