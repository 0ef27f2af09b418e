"""The facts the published numbers are computed from (docs/statistics.md defines each number).

Plain values: the projection derives them from a case's events; the statistics calculator reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class AckRequest:
    """A department asked to report in (报到) on a case by a deadline: one per dispatch, whistle or
    rework that leaves the department's assignment pending."""

    case_id: str
    department: str
    role: str
    community: str
    category: str
    requested_at: datetime
    due_at: datetime | None
    acknowledged_at: datetime | None = None
    ended_at: datetime | None = None  # left without acknowledging: returned or withdrawn
    ended_by: str | None = None  # "returned" (退单 by the department) | "withdrawn" (re-routed, merged, cancelled)


@dataclass
class ResolveCycle:
    """One round of work on a case towards its resolve deadline: from opening (or a rework) to the
    lead department's resolution."""

    case_id: str
    community: str
    category: str
    started_at: datetime
    department: str | None = None  # the lead: at resolution, else the current one
    due_at: datetime | None = None  # the latest deadline (extensions move it)
    resolved_at: datetime | None = None
    ended_at: datetime | None = None  # the case was merged or cancelled before resolution
    reworked: bool = False  # verification found it not fixed (返工)


@dataclass(frozen=True)
class Closure:
    case_id: str
    community: str
    category: str
    department: str | None  # the lead department; none for a matter handled on site
    closed_at: datetime
    resolution: str


@dataclass(frozen=True)
class Whistle:
    """A dispatcher's 吹哨 summoning further departments to a case."""

    case_id: str
    community: str
    category: str
    at: datetime
    departments: tuple[str, ...]


@dataclass(frozen=True)
class Escalation:
    case_id: str
    community: str
    category: str
    department: str | None  # whose acknowledge deadline was missed, else the lead
    at: datetime
    level: int


@dataclass(frozen=True)
class Feedback:
    """A resident's satisfaction recorded on a report (回访), attributed to its case."""

    report_id: str
    case_id: str
    community: str
    category: str
    department: str | None
    recorded_at: datetime
    satisfaction: str


@dataclass(frozen=True)
class ReportFiled:
    """A grid worker's report (one whistle from the grid)."""

    report_id: str
    community: str
    category: str
    received_at: datetime


@dataclass
class CaseFacts:
    acks: list[AckRequest] = field(default_factory=list)
    cycles: list[ResolveCycle] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    whistles: list[Whistle] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)


@dataclass
class Facts(CaseFacts):
    """Everything the calculator needs for a period: case facts of many cases, plus report facts."""

    feedback: list[Feedback] = field(default_factory=list)
    reports: list[ReportFiled] = field(default_factory=list)

    def add(self, case_facts: CaseFacts) -> None:
        self.acks += case_facts.acks
        self.cycles += case_facts.cycles
        self.closures += case_facts.closures
        self.whistles += case_facts.whistles
        self.escalations += case_facts.escalations
