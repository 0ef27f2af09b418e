"""What someone asks dispatch to do, in the imperative; the events the case raises answer in the past
tense (`case.acknowledged`). Routes and the report consumer build these; each has one handler in
`service_layer.handlers`.

`request` identifies a retried HTTP request (its Idempotency-Key and body fingerprint); commands built
from consumed events carry none, because the consumer's processed-events table already dedupes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from chuishao_dispatch.domain.values import Actor

if TYPE_CHECKING:
    from chuishao_shared.auth import Principal


@dataclass(frozen=True)
class Request:
    """An Idempotency-Key and the fingerprint of the request body it was sent with."""

    key: str | None
    fingerprint: str


NO_REQUEST = Request(None, "")


@dataclass(frozen=True, kw_only=True)
class Command:
    pass


@dataclass(frozen=True, kw_only=True)
class CaseCommand(Command):
    """A staff member's action on one case: locked, checked for visibility, decided by the domain."""

    case_id: str
    actor: Actor
    request: Request = NO_REQUEST


@dataclass(frozen=True, kw_only=True)
class AcknowledgeCase(CaseCommand):
    """报到/签收: the liaison's department reports in."""


@dataclass(frozen=True, kw_only=True)
class RecordProgress(CaseCommand):
    note: str
    photos: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ResolveCase(CaseCommand):
    note: str
    photos: tuple[str, ...] = ()
    no_photo_reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReturnCase(CaseCommand):
    """退单: the department says the case is not theirs; a lead's return goes to the next rule."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class RequestExtension(CaseCommand):
    until: datetime
    reason: str


@dataclass(frozen=True, kw_only=True)
class ApproveExtension(CaseCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class RejectExtension(CaseCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class RouteCase(CaseCommand):
    departments: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class WhistleCase(CaseCommand):
    """吹哨: summon further departments to a live case."""

    departments: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class CancelCase(CaseCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class MergeCase(CaseCommand):
    into: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class StoreRuleSet(Command):
    """A new rule-set version; it applies to cases opened from now on."""

    actor: Actor
    rules: tuple[dict[str, Any], ...]
    request: Request = NO_REQUEST


@dataclass(frozen=True, kw_only=True)
class EscalateCase(Command):
    """Fire the escalation levels of one case that are due by `now` (the timer sweep's command)."""

    case_id: str
    now: datetime


# Built from consumed report events.


@dataclass(frozen=True, kw_only=True)
class OpenCase(Command):
    """A report arrived: join an open case of the same matter, else open one (routed or in triage)."""

    report_id: str
    category: str
    grid: str
    community: str
    severity: str
    description: str
    building: str | None
    handled_on_site: bool
    reporter: str
    reported_at: datetime
    photos: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    topic_id: str | None = None
    unit: str | None = None
    address: str | None = None
    number: str | None = None  # the report's short number (None: filed before numbers existed)


@dataclass(frozen=True, kw_only=True)
class OpenCases(Command):
    """A consumer's poll of reports, taken together as `OpenCase` would take them one after another."""

    openings: tuple[OpenCase, ...]


@dataclass(frozen=True, kw_only=True)
class VerifyCase(Command):
    """核查: the grid worker checked the resolved case on site."""

    report_id: str
    actor: Actor
    fixed: bool
    note: str = ""
    photos: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RecordFeedback(Command):
    """回访: the resident's satisfaction with the closed case."""

    report_id: str
    satisfaction: str
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class IssueStreamTicket(Command):
    """A single-use ticket for one connection to the live case stream, for this principal."""

    principal: Principal
    ttl: timedelta
    request: Request = NO_REQUEST


@dataclass(frozen=True, kw_only=True)
class RedeemStreamTicket(Command):
    """Use up a stream ticket: its principal, or None when it is unknown, used or expired."""

    ticket: str


# ------------------------------------------------------------------------------- the directory


@dataclass(frozen=True, kw_only=True)
class CreatePerson(Command):
    actor: str
    reason: str
    fields: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class ChangePerson(Command):
    actor: str
    reason: str
    person_id: str
    changes: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class DeactivatePerson(Command):
    actor: str
    reason: str
    person_id: str


@dataclass(frozen=True, kw_only=True)
class ImportPeople(Command):
    """Rows already parsed from the file: (spreadsheet row number, raw fields). All or nothing."""

    actor: str
    reason: str
    rows: tuple[tuple[int, dict[str, Any]], ...]
    dry_run: bool
