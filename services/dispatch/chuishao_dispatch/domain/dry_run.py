"""A change set's dry run (PRODUCT.md §9): the last N days of cases replayed through the rules and SLA in
force and through the proposed ones — per department, the cases gained and lost, and the 响应率 and 按时办结率
each SLA would give against the times the cases were actually acknowledged and resolved.

- A case's departments are its lead and assisting departments as the rule set routes its category in its
  grid (a grid or category the data no longer has, or no rule: 派遣员分拨, shown as the department `triage`).
  Gained / lost count cases a department takes part in under the proposal and not today, and the reverse.
- 响应率 (acknowledged in time) and 按时办结率 (resolved in time) are over the cases a department leads:
  the case's actual first acknowledgement by a lead (its resolution) against the deadline the SLA sets from
  the moment the case opened. A case not yet acknowledged (resolved) counts only once its deadline has
  passed `now` (then as late); before that it is still open and left out (it has no outcome yet).
- Working-hours clocks count the calendar of each side (a new 调休 day counts in the proposal); past the
  holiday data they count the plain week less the computed statutory holidays, as a provisional deadline does.

Pure: the caller reads the cases (category, grid, severity, opened, acknowledged, resolved) and passes them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from chuishao_dispatch.domain.routing import RoutingRule, RuleSet, route
from chuishao_dispatch.domain.sla import WorkCalendar, _working_days, add_duration
from chuishao_shared.reference import ReferenceData

TRIAGE = "triage"


@dataclass(frozen=True)
class PastCase:
    category: str
    grid: str
    severity: str
    opened_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None


@dataclass
class _Tally:
    cases: int = 0
    led: int = 0
    ack_counted: int = 0
    ack_in_time: int = 0
    resolve_counted: int = 0
    resolved_in_time: int = 0

    def rates(self) -> dict[str, float | None]:
        return {
            "response_rate": round(self.ack_in_time / self.ack_counted, 4) if self.ack_counted else None,
            "on_time_rate": round(self.resolved_in_time / self.resolve_counted, 4) if self.resolve_counted else None,
        }


class WorkingClock:
    """`add_duration` on the working-hours clock for many starts: the opening hours from `first` for `days`
    days laid out once with the working seconds before each, so a deadline is two binary searches. A start
    or deadline outside the laid-out span falls back to `add_duration` (same answers, slower)."""

    def __init__(self, calendar: WorkCalendar, first: date, days: int) -> None:
        self.calendar = calendar
        self.opens: list[datetime] = []
        self.closes: list[datetime] = []
        self.before: list[float] = []  # working seconds before each opening, from the first
        total, last = 0.0, first + timedelta(days=days)
        for opens, closes in _working_days(calendar, first, "plain_week"):
            if opens.astimezone(calendar.tz).date() > last:
                break
            self.opens.append(opens)
            self.closes.append(closes)
            self.before.append(total)
            total += (closes - opens).total_seconds()

    def add(self, start: datetime, minutes: int) -> datetime:
        i = bisect.bisect_right(self.closes, start)  # the first opening that closes after the start
        if i == 0 and (not self.opens or start < self.opens[0] - timedelta(days=7)) or i >= len(self.opens):
            return add_duration(
                start, minutes, clock="working_hours", calendar=self.calendar, past_coverage="plain_week"
            )
        cursor = max(start, self.opens[i])
        target = self.before[i] + (cursor - self.opens[i]).total_seconds() + minutes * 60
        if minutes <= 0:
            return cursor
        j = bisect.bisect_left(self.before, target) - 1  # the last opening with fewer seconds before it
        if j >= len(self.opens) - 1 and target > self.before[-1] + (self.closes[-1] - self.opens[-1]).total_seconds():
            return add_duration(
                start, minutes, clock="working_hours", calendar=self.calendar, past_coverage="plain_week"
            )
        return self.opens[j] + timedelta(seconds=target - self.before[j])


@dataclass
class _Side:
    """One side of the comparison: a reference data set with its rule set, routes and deadlines memoised."""

    reference: ReferenceData
    rules: RuleSet
    calendar: WorkCalendar
    _routes: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    _limits: dict[tuple[str, str], tuple[str, int, int] | None] = field(default_factory=dict)
    clock: WorkingClock | None = None

    def departments(self, category: str, grid: str) -> tuple[str, tuple[str, ...]]:
        key = (category, grid)
        found = self._routes.get(key)
        if found is None:
            ref = self.reference
            cat = ref.categories.get(category)
            if cat is None or grid not in ref.jurisdictions:
                found = (TRIAGE, ())
            else:
                decision = route(self.rules, category=category, major=cat.major, jurisdiction_chain=ref.chain(grid))
                found = (TRIAGE, ()) if decision is None else (decision.lead, decision.assist)
            self._routes[key] = found
        return found

    def limits(self, category: str, severity: str) -> tuple[str, int, int] | None:
        """(clock, acknowledge minutes, resolve minutes) of the category's policy at this severity."""
        key = (category, severity)
        if key not in self._limits:
            cat = self.reference.categories.get(category)
            policy = self.reference.sla_policies.get(cat.sla_policy) if cat else None
            ack = policy.acknowledge_within_minutes.get(severity) if policy else None  # type: ignore[call-overload]
            res = policy.resolve_within_minutes.get(severity) if policy else None  # type: ignore[call-overload]
            self._limits[key] = None if policy is None or ack is None or res is None else (policy.clock, ack, res)
        return self._limits[key]

    def due(self, opened: datetime, minutes: int, clock: str) -> datetime:
        if clock == "calendar":
            return opened + timedelta(minutes=minutes)
        if self.clock is not None:
            return self.clock.add(opened, minutes)
        return add_duration(opened, minutes, clock="working_hours", calendar=self.calendar, past_coverage="plain_week")


def calendar_of(reference: ReferenceData) -> WorkCalendar:
    cal = reference.calendar
    return WorkCalendar(
        timezone=cal.timezone,
        start=cal.start,
        end=cal.end,
        weekdays=frozenset(d - 1 for d in cal.weekdays),  # reference is ISO (Mon=1), the domain Mon=0
        holidays=frozenset(cal.holidays),
        extra_workdays=frozenset(cal.makeup_workdays),
        covered_until=cal.covered_until,
        estimated_holidays=frozenset(cal.estimated_holidays),
    )


def rule_set_of(reference: ReferenceData) -> RuleSet:
    return RuleSet(
        version=reference.routing.version,
        rules=tuple(RoutingRule.from_dict({**r.model_dump(), "note": r.note or ""}) for r in reference.routing.rules),
    )


def _count(side: _Side, case: PastCase, tally: _Tally, now: datetime) -> None:
    tally.led += 1
    limits = side.limits(case.category, case.severity)
    if limits is None:
        return
    clock, ack_minutes, resolve_minutes = limits
    ack_due = side.due(case.opened_at, ack_minutes, clock)
    if case.acknowledged_at is not None or ack_due <= now:
        tally.ack_counted += 1
        tally.ack_in_time += case.acknowledged_at is not None and case.acknowledged_at <= ack_due
    resolve_due = side.due(case.opened_at, resolve_minutes, clock)
    if case.resolved_at is not None or resolve_due <= now:
        tally.resolve_counted += 1
        tally.resolved_in_time += case.resolved_at is not None and case.resolved_at <= resolve_due


def dry_run(
    cases: Iterable[PastCase],
    in_force: ReferenceData,
    proposed: ReferenceData,
    *,
    now: datetime,
    in_force_rules: RuleSet | None = None,
) -> dict[str, Any]:
    """Replay `cases` through both data sets; see the module's docstring for what is counted."""
    cases = list(cases)
    before = _Side(in_force, in_force_rules or rule_set_of(in_force), calendar_of(in_force))
    after = _Side(proposed, rule_set_of(proposed), calendar_of(proposed))
    if cases:
        first = min(c.opened_at for c in cases)
        span = (max(c.opened_at for c in cases) - first).days + 60  # the longest resolve limit is days, not months
        for side in (before, after):
            side.clock = WorkingClock(side.calendar, first.astimezone(side.calendar.tz).date(), span)
    tallies: dict[str, tuple[_Tally, _Tally]] = {}
    gained: dict[str, int] = {}
    lost: dict[str, int] = {}
    moved = total = 0

    def tally(department: str) -> tuple[_Tally, _Tally]:
        if department not in tallies:
            tallies[department] = (_Tally(), _Tally())
        return tallies[department]

    for case in cases:
        total += 1
        lead_b, assist_b = before.departments(case.category, case.grid)
        lead_a, assist_a = after.departments(case.category, case.grid)
        had, has = {lead_b, *assist_b}, {lead_a, *assist_a}
        for d in had:
            tally(d)[0].cases += 1
        for d in has:
            tally(d)[1].cases += 1
        if had != has or lead_a != lead_b:
            moved += 1
            for d in has - had:
                gained[d] = gained.get(d, 0) + 1
            for d in had - has:
                lost[d] = lost.get(d, 0) + 1
        _count(before, case, tally(lead_b)[0], now)
        _count(after, case, tally(lead_a)[1], now)

    def name(code: str) -> str | None:
        dept = proposed.departments.get(code) or in_force.departments.get(code)
        return dept.name if dept else None

    rows: list[dict[str, Any]] = []
    for code, (b, a) in tallies.items():
        rb, ra = b.rates(), a.rates()
        rows.append(
            {
                "department": code,
                "name": name(code),
                "cases_before": b.cases,
                "cases_after": a.cases,
                "gained": gained.get(code, 0),
                "lost": lost.get(code, 0),
                "led_before": b.led,
                "led_after": a.led,
                "response_rate_before": rb["response_rate"],
                "response_rate_after": ra["response_rate"],
                "on_time_rate_before": rb["on_time_rate"],
                "on_time_rate_after": ra["on_time_rate"],
            }
        )
    rows.sort(key=lambda r: (-(gained.get(r["department"], 0) + lost.get(r["department"], 0)), r["department"]))
    return {"cases": total, "cases_moved": moved, "departments": rows, "totals": _totals(tallies.values())}


def _totals(tallies: Iterable[tuple[_Tally, _Tally]]) -> dict[str, float | None]:
    b, a = _Tally(), _Tally()
    for tb, ta in tallies:
        for target, source in ((b, tb), (a, ta)):
            target.ack_counted += source.ack_counted
            target.ack_in_time += source.ack_in_time
            target.resolve_counted += source.resolve_counted
            target.resolved_in_time += source.resolved_in_time
    rb, ra = b.rates(), a.rates()
    return {
        "response_rate_before": rb["response_rate"],
        "response_rate_after": ra["response_rate"],
        "on_time_rate_before": rb["on_time_rate"],
        "on_time_rate_after": ra["on_time_rate"],
    }


def past_cases(rows: Sequence[Any]) -> list[PastCase]:
    """Rows of (category, grid, severity, opened_at, acknowledged_at, resolved_at) as PastCase."""
    return [PastCase(*row) for row in rows]
