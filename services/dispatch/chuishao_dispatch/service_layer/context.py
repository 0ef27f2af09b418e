"""What dispatch's handlers need besides the unit of work: reference data, SLA terms, the duplicate
window, and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import cast

from chuishao_dispatch.domain import SlaTerms, WorkCalendar
from chuishao_shared.reference import ReferenceData
from chuishao_shared.vocabulary import Severity


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class DispatchContext:
    reference: ReferenceData
    duplicate_window: timedelta
    duplicate_min_similarity: float
    ack_minutes_override: float | None = None
    resolve_minutes_override: float | None = None
    now: Callable[[], datetime] = field(default=utc_now)
    _calendar: WorkCalendar | None = field(default=None, init=False, repr=False)
    _calendar_of: object = field(default=None, init=False, repr=False)

    def calendar(self) -> WorkCalendar:
        # Built once per reference data version (a change set may bring holidays and 调休 days).
        source = self.reference.calendar
        if self._calendar is None or self._calendar_of is not source:
            self._calendar, self._calendar_of = self._build_calendar(), source
        return self._calendar

    def _build_calendar(self) -> WorkCalendar:
        cal = self.reference.calendar
        return WorkCalendar(
            timezone=cal.timezone,
            start=cal.start,
            end=cal.end,
            weekdays=frozenset(d - 1 for d in cal.weekdays),  # reference is ISO (Mon=1), domain Mon=0
            holidays=frozenset(cal.holidays),
            extra_workdays=frozenset(cal.makeup_workdays),
            covered_until=cal.covered_until,
            estimated_holidays=frozenset(cal.estimated_holidays),
        )

    def sla_terms(self, category_code: str, severity: str, opened_at: datetime) -> SlaTerms:
        """The deadlines of this category and severity (a severity the domain has already checked), with
        the calendar from the day the case opens: its deadlines never reach back before it."""
        level = cast(Severity, severity)
        policy = self.reference.sla_policies[self.reference.categories[category_code].sla_policy]
        return SlaTerms(
            acknowledge_minutes=self.ack_minutes_override or policy.acknowledge_within_minutes[level],
            resolve_minutes=self.resolve_minutes_override or policy.resolve_within_minutes[level],
            triage_minutes=policy.triage_minutes(level),
            clock=policy.clock,
            calendar=self.calendar().from_day(opened_at.astimezone(self.calendar().tz).date()),
        )
