"""What grid workers ask intake to do, and the consumed case events it acts on, as commands. The
routes, Open311 and the case consumer build these; each has one handler in `service_layer.handlers`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Request:
    """An Idempotency-Key and the fingerprint of the request body it was sent with."""

    key: str | None
    fingerprint: str


NO_REQUEST = Request(None, "")


@dataclass(frozen=True, kw_only=True)
class FileReport:
    """吹哨: a grid worker reports a problem in one of their grids."""

    reporter: str
    own_grids: frozenset[str]
    category: str
    grid: str
    description: str
    severity: str
    place: dict[str, Any] = field(default_factory=dict)
    resident: dict[str, Any] | None = None
    photos: tuple[str, ...] = ()
    handled_on_site: bool = False
    topic_id: str | None = None
    request: Request = NO_REQUEST


@dataclass(frozen=True, kw_only=True)
class VerifyReport:
    """核查: the worker checked the resolved case on site."""

    report_id: uuid.UUID
    worker: str
    result: str
    note: str = ""
    photos: tuple[str, ...] = ()
    request: Request = NO_REQUEST


@dataclass(frozen=True, kw_only=True)
class RecordFeedback:
    """回访: the resident's satisfaction, recorded by the worker."""

    report_id: uuid.UUID
    worker: str
    satisfaction: str
    comment: str = ""
    request: Request = NO_REQUEST


@dataclass(frozen=True, kw_only=True)
class FollowCase:
    """A consumed `case.*` event: keep each of its reports' case status, summary and timeline current."""

    event_type: str
    sequence: int
    at: datetime
    data: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class FollowCases:
    """A consumer's poll of `case.*` events, followed together (in rounds of a statement each)."""

    events: tuple[FollowCase, ...]


@dataclass(frozen=True, kw_only=True)
class ResendReports:
    """The operator's lost-whistle resend: send these reports' events again (retained rows queued again,
    a purged one rebuilt from the stored report)."""

    report_ids: tuple[uuid.UUID, ...]


@dataclass(frozen=True, kw_only=True)
class RecordPhotoUpload:
    """A cleaned and stored photo's answer, remembered under the upload's Idempotency-Key."""

    uploader: str
    request: Request
    body: dict[str, Any]


Command = FileReport | VerifyReport | RecordFeedback | FollowCase | FollowCases | ResendReports | RecordPhotoUpload
