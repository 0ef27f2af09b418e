"""The words every service shares, spelled out once: case, assignment and report statuses and their
sets, event types, severities, and what "overdue" means (as a pure function and as SQL).

Everything else imports from here; `tests/unit/platform/test_vocabulary.py` fails if a module spells
out a list of statuses again. Standard library only, so pure domain code may import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final, Literal, get_args

# ------------------------------------------------------------------------------------- the case

CaseStatus = Literal[
    "triage",  # no rule matched (or the lead returned it with no next rule): the dispatcher routes it
    "dispatched",
    "acknowledged",  # the lead department reported in (报到)
    "in_progress",
    "resolved",  # waiting for the grid worker's verification (核查)
    "closed",
    "reopened",  # verification found it not fixed: rework (返工)
    "merged",
    "cancelled",
]
CASE_STATUSES: Final[tuple[CaseStatus, ...]] = get_args(CaseStatus)
(TRIAGE, DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED, MERGED, CANCELLED) = CASE_STATUSES

# A finished case never changes again; every other case is live.
FINISHED: Final = frozenset({CLOSED, MERGED, CANCELLED})
LIVE: Final = frozenset(CASE_STATUSES) - FINISHED
# Departments owe work: deadlines run, escalation timers are armed. Only these can be overdue.
AT_WORK: Final = frozenset({DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, REOPENED})
# Still a matter in hand (not yet resolved): it can take duplicate reports, be merged or cancelled.
UNSETTLED: Final = AT_WORK | {TRIAGE}

# ------------------------------------------------------------------------------ the assignment

AssignmentStatus = Literal["pending", "acknowledged", "in_progress", "done", "returned"]
ASSIGNMENT_STATUSES: Final[tuple[AssignmentStatus, ...]] = get_args(AssignmentStatus)
(PENDING, ASSIGNMENT_ACKNOWLEDGED, ASSIGNMENT_IN_PROGRESS, DONE, RETURNED) = ASSIGNMENT_STATUSES
# The department is (still) expected to work on the case.
ASSIGNMENT_LIVE: Final = frozenset({PENDING, ASSIGNMENT_ACKNOWLEDGED, ASSIGNMENT_IN_PROGRESS})
ASSIGNMENT_FINISHED: Final = frozenset(ASSIGNMENT_STATUSES) - ASSIGNMENT_LIVE
# The department has reported in (报到), now or earlier.
ASSIGNMENT_REPORTED_IN: Final = frozenset({ASSIGNMENT_ACKNOWLEDGED, ASSIGNMENT_IN_PROGRESS, DONE})

AssignmentRole = Literal["lead", "assist"]
ASSIGNMENT_ROLES: Final[tuple[AssignmentRole, ...]] = get_args(AssignmentRole)

# ---------------------------------------------------------------------------------- the report

# As a grid worker sees a report: received → in_case (dispatch opened or joined a case) → closed.
ReportStatus = Literal["received", "in_case", "closed"]
REPORT_STATUSES: Final[tuple[ReportStatus, ...]] = get_args(ReportStatus)
(RECEIVED, IN_CASE, REPORT_CLOSED) = REPORT_STATUSES
REPORT_OPEN: Final = frozenset({RECEIVED, IN_CASE})

Severity = Literal["minor", "major", "emergency"]
SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)

VerificationResult = Literal["fixed", "not_fixed"]
# How a closed case ended: verified fixed on site, or handled on site when it was reported.
FIXED, HANDLED_ON_SITE = "fixed", "handled_on_site"
FIXED_RESOLUTIONS: Final = frozenset({FIXED, HANDLED_ON_SITE})
Satisfaction = Literal["satisfied", "basically_satisfied", "unsatisfied"]
SATISFACTIONS: Final[tuple[Satisfaction, ...]] = get_args(Satisfaction)

# ---------------------------------------------------------------------------------- event types

ReportEventType = Literal["report.received", "report.verified", "report.feedback"]
REPORT_EVENT_TYPES: Final[tuple[ReportEventType, ...]] = get_args(ReportEventType)
CaseEventType = Literal[
    "case.opened",
    "case.triaged",
    "case.dispatched",
    "case.acknowledged",
    "case.progressed",
    "case.resolved",
    "case.returned",
    "case.whistled",
    "case.escalated",
    "case.extended",
    "case.reopened",
    "case.closed",
    "case.merged",
    "case.cancelled",
]
CASE_EVENT_TYPES: Final[tuple[CaseEventType, ...]] = get_args(CaseEventType)
EVENT_TYPES: Final = REPORT_EVENT_TYPES + CASE_EVENT_TYPES

# -------------------------------------------------------------------------------------- overdue
#
# A case is overdue when it is at work and the earliest deadline its departments still owe has
# passed: an acknowledge deadline of a department that has not reported in, or the case's resolve
# deadline (as an approved extension moved it). The escalation level does not enter into it: a level
# once reached stays, but a case whose owed deadlines are all met again is no longer overdue.

OVERDUE_MEANING: Final = (
    "Overdue: the case is at work (dispatched, acknowledged, in_progress or reopened) and the earliest "
    "deadline its departments still owe has passed: the acknowledge deadline of a department that has not "
    "reported in (报到), or the case's resolve deadline (moved by an approved extension). Triage, resolved "
    "and finished cases are never overdue; the escalation level does not count, so a case whose owed "
    "deadlines are met again is no longer overdue."
)


def next_deadline(status: str, owed: Iterable[datetime | None]) -> datetime | None:
    """The earliest of the deadlines still owed, or None when nothing is owed (or the case is not at work)."""
    if status not in AT_WORK:
        return None
    return min((d for d in owed if d is not None), default=None)


def is_overdue(status: str, next_deadline_at: datetime | None, now: datetime) -> bool:
    return status in AT_WORK and next_deadline_at is not None and next_deadline_at < now


# The same rule over a table with `status` and `next_deadline_at` columns; bind `overdue_params(now)`.
OVERDUE_SQL: Final = "(status = ANY(:overdue_statuses) AND next_deadline_at < :overdue_now)"
NOT_OVERDUE_SQL: Final = f"NOT coalesce({OVERDUE_SQL}, false)"


def overdue_params(now: datetime) -> dict[str, Any]:
    return {"overdue_statuses": sorted(AT_WORK), "overdue_now": now}
