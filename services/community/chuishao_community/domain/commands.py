"""The community's commands: imperative dataclasses, one handler each (service_layer/handlers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chuishao_community.domain.values import Actor


@dataclass(frozen=True)
class Request:
    """The Idempotency-Key of the HTTP request (None without one) and the request's fingerprint."""

    key: str | None
    fingerprint: str


@dataclass(frozen=True)
class Command:
    actor: Actor
    request: Request


# ------------------------------------------------------------------------------------- members


@dataclass(frozen=True)
class RegisterMember(Command):
    name: str
    phone: str
    work_unit: str
    party_member: bool
    community: str
    grid: str
    skills: tuple[str, ...]
    branch: str | None = None
    availability: tuple[str, ...] = ()
    sub: str | None = None


@dataclass(frozen=True)
class ConfirmMember(Command):
    member_id: str


@dataclass(frozen=True)
class PauseMember(Command):
    member_id: str


@dataclass(frozen=True)
class LeaveMember(Command):
    member_id: str


# --------------------------------------------------------------------------------------- needs


@dataclass(frozen=True)
class RecordNeed(Command):
    kind: str
    title: str
    description: str
    grid: str
    building: str | None
    resident: dict[str, str]
    urgency: str
    wanted_by: datetime
    skills: tuple[str, ...]
    helpers: int
    hours_wanted: float | None
    privacy: str


@dataclass(frozen=True)
class NeedCommand(Command):
    need_id: str


@dataclass(frozen=True)
class ClaimNeed(NeedCommand):
    unit: str | None = None


@dataclass(frozen=True)
class ConfirmClaim(NeedCommand):
    claim_id: str


@dataclass(frozen=True)
class ReleaseNeed(NeedCommand):
    reason: str


@dataclass(frozen=True)
class StartNeed(NeedCommand):
    pass


@dataclass(frozen=True)
class ReportNeedDone(NeedCommand):
    note: str
    photos: tuple[str, ...]
    hours: float


@dataclass(frozen=True)
class ConfirmNeed(NeedCommand):
    satisfaction: str
    note: str


@dataclass(frozen=True)
class CancelNeed(NeedCommand):
    reason: str


@dataclass(frozen=True)
class WhistleNeed(NeedCommand):
    category: str
    description: str


# ------------------------------------------------------------------------- time and the relay


@dataclass(frozen=True)
class TickNeed:
    """The sweep: let time act on one need (a claim lapses, an open need expires)."""

    need_id: str
    now: datetime


@dataclass(frozen=True)
class NoteWhistleFiled:
    """The whistle relay filed the need's report with intake."""

    need_id: str
    report_id: str
    case_id: str | None


@dataclass(frozen=True)
class NoteWhistleFailed:
    """Intake refused the report or could not be reached: try again at `retry_at`."""

    need_id: str
    error: str
    retry_at: datetime
