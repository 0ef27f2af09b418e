"""The published numbers, computed from plain facts. docs/statistics.md is the
contract: every rule below (which timestamp puts an item in a period, what "in time" means, which
items are left out) is written down there; change both together."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import FIXED_RESOLUTIONS
from chuishao_tracking.domain.facts import AckRequest, Facts, ResolveCycle

Dimension = Literal["department", "community", "category"]
DIMENSIONS: tuple[Dimension, ...] = ("department", "community", "category")
SATISFIED = frozenset({"satisfied", "basically_satisfied"})


@dataclass(frozen=True)
class Period:
    """Half-open: start <= t < end."""

    start: datetime
    end: datetime

    def __contains__(self, moment: object) -> bool:
        return isinstance(moment, datetime) and self.start <= moment < self.end


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return round(self.numerator / self.denominator, 4) if self.denominator else None


@dataclass(frozen=True)
class Durations:
    seconds: tuple[float, ...]

    @property
    def mean(self) -> float | None:
        # fsum: exact, so the mean does not depend on the order the facts were loaded in
        return round(math.fsum(self.seconds) / len(self.seconds), 1) if self.seconds else None

    @property
    def p90(self) -> float | None:
        """Nearest rank: the smallest value at least 90 % of the values are not above."""
        if not self.seconds:
            return None
        ordered = sorted(self.seconds)
        return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)


@dataclass(frozen=True)
class DurationSummary:
    """The same mean and p90 as `Durations`, from an aggregate the database computed: the count, the
    exact sum and the nearest-rank 90th percentile (PostgreSQL's `percentile_disc(0.9)`)."""

    count: int = 0
    total: float = 0.0
    nearest_p90: float | None = None

    @property
    def mean(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None

    @property
    def p90(self) -> float | None:
        return None if self.nearest_p90 is None or not self.count else round(self.nearest_p90, 1)


def ack_outcome(request: AckRequest, now: datetime) -> Literal["on_time", "late"] | None:
    """响应: acknowledged by the deadline, late, or not decided yet (None: left out of 响应率)."""
    due = request.due_at
    if request.acknowledged_at is not None:
        return "on_time" if due is None or request.acknowledged_at <= due else "late"
    if request.ended_at is not None:  # returned or withdrawn: only a deadline already missed counts
        return "late" if due is not None and request.ended_at > due else None
    return "late" if due is not None and now > due else None


def resolve_outcome(cycle: ResolveCycle, now: datetime) -> Literal["on_time", "late"] | None:
    """按时办结: resolved by the (extended) deadline, late, or not due yet (None: left out)."""
    due = cycle.due_at
    if due is None:
        return None
    if cycle.resolved_at is not None:
        return "on_time" if cycle.resolved_at <= due else "late"
    if cycle.ended_at is not None:
        return "late" if cycle.ended_at > due else None
    return "late" if now > due else None


@dataclass
class GroupFigures:
    """Counts for one department, community or category; the rates are derived from them."""

    key: str
    assignments: int = 0
    acknowledged_on_time: int = 0
    acknowledge_decided: int = 0
    returned: int = 0
    due: int = 0
    resolved_on_time: int = 0
    resolved: int = 0
    reworked: int = 0
    closed: int = 0
    closed_fixed: int = 0
    feedback: int = 0
    satisfaction: Counter[str] = field(default_factory=Counter)
    reports: int = 0
    dispatcher_whistles: int = 0
    escalations: int = 0
    acknowledge_seconds: list[float] = field(default_factory=list)
    resolve_seconds: list[float] = field(default_factory=list)
    # set instead of the lists when the database aggregated the durations (adapters/queries.py)
    acknowledge_summary: DurationSummary | None = None
    resolve_summary: DurationSummary | None = None

    @property
    def response_rate(self) -> Ratio:  # 响应率
        return Ratio(self.acknowledged_on_time, self.acknowledge_decided)

    @property
    def on_time_resolution_rate(self) -> Ratio:  # 按时办结率
        return Ratio(self.resolved_on_time, self.due)

    @property
    def resolution_rate(self) -> Ratio:  # 解决率
        return Ratio(self.closed_fixed, self.closed)

    @property
    def satisfaction_rate(self) -> Ratio:  # 满意率
        return Ratio(sum(self.satisfaction[s] for s in SATISFIED), self.feedback)

    @property
    def rework_rate(self) -> Ratio:  # 返工率
        return Ratio(self.reworked, self.resolved)

    @property
    def return_rate(self) -> Ratio:  # 退单率
        return Ratio(self.returned, self.assignments)

    @property
    def whistle_count(self) -> int:  # 吹哨次数: the grid's reports plus the dispatchers' whistles
        return self.reports + self.dispatcher_whistles

    @property
    def acknowledge_time(self) -> Durations | DurationSummary:
        return self.acknowledge_summary or Durations(tuple(self.acknowledge_seconds))

    @property
    def resolve_time(self) -> Durations | DurationSummary:
        return self.resolve_summary or Durations(tuple(self.resolve_seconds))


def _keys(item: object, dimension: Dimension) -> list[str]:
    value = getattr(item, dimension, None)
    return [value] if value else []


def compute(facts: Facts, dimension: Dimension, period: Period, now: datetime) -> dict[str, GroupFigures]:
    """Every published figure for each department, community or category over `period`."""
    groups: dict[str, GroupFigures] = {}

    def group(key: str) -> GroupFigures:
        return groups.setdefault(key, GroupFigures(key))

    for request in facts.acks:
        if request.requested_at not in period:
            continue
        for g in map(group, _keys(request, dimension)):
            g.assignments += 1
            g.returned += request.ended_by == "returned"
            outcome = ack_outcome(request, now)
            g.acknowledge_decided += outcome is not None
            g.acknowledged_on_time += outcome == "on_time"
            if request.acknowledged_at is not None:
                g.acknowledge_seconds.append((request.acknowledged_at - request.requested_at).total_seconds())
    for cycle in facts.cycles:
        outcome = resolve_outcome(cycle, now) if cycle.due_at in period else None
        if outcome is not None:
            for g in map(group, _keys(cycle, dimension)):
                g.due += 1
                g.resolved_on_time += outcome == "on_time"
        if cycle.resolved_at is not None and cycle.resolved_at in period:
            for g in map(group, _keys(cycle, dimension)):
                g.resolved += 1
                g.reworked += cycle.reworked
                g.resolve_seconds.append((cycle.resolved_at - cycle.started_at).total_seconds())
    for closure in facts.closures:
        if closure.closed_at in period:
            for g in map(group, _keys(closure, dimension)):
                g.closed += 1
                g.closed_fixed += closure.resolution in FIXED_RESOLUTIONS
    for feedback in facts.feedback:
        if feedback.recorded_at in period:
            for g in map(group, _keys(feedback, dimension)):
                g.feedback += 1
                g.satisfaction[feedback.satisfaction] += 1
    for whistle in facts.whistles:
        if whistle.at in period:
            keys = list(whistle.departments) if dimension == "department" else _keys(whistle, dimension)
            for g in map(group, keys):
                g.dispatcher_whistles += 1
    for report in facts.reports:
        if report.received_at in period:
            for g in map(group, _keys(report, dimension)):  # a report names no department yet
                g.reports += 1
    for escalation in facts.escalations:
        if escalation.at in period:
            for g in map(group, _keys(escalation, dimension)):
                g.escalations += 1
    return groups


def _rate_key(ratio: Ratio) -> float:
    return -1.0 if ratio.value is None else ratio.value


def league(groups: Iterable[GroupFigures]) -> list[GroupFigures]:
    """The league table's order: 按时办结率, then 响应率, then 满意率 (no data last), then code."""
    return sorted(
        groups,
        key=lambda g: (
            -_rate_key(g.on_time_resolution_rate),
            -_rate_key(g.response_rate),
            -_rate_key(g.satisfaction_rate),
            g.key,
        ),
    )


@dataclass(frozen=True)
class MonthTop:
    month: str  # YYYY-MM in the board's time zone
    categories: tuple[tuple[str, int], ...]  # (category, reports), most reported first


def monthly_top(facts: Facts, period: Period, tz: ZoneInfo, limit: int = 3) -> list[MonthTop]:
    """每月一题 candidates: per month, the categories the grid reported most often."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for report in facts.reports:
        if report.received_at in period:
            counts[report.received_at.astimezone(tz).strftime("%Y-%m")][report.category] += 1
    return top_of_months(counts, limit)


def top_of_months(counts: dict[str, Counter[str]], limit: int = 3) -> list[MonthTop]:
    """The `limit` most reported categories of each month (YYYY-MM) from the per-month counts."""
    return [
        MonthTop(month, tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]))
        for month, counter in sorted(counts.items())
    ]


@dataclass(frozen=True)
class Day:
    day: date
    opened: int
    resolved: int
    closed: int


def daily_series(events: Iterable[tuple[str, datetime]], days: int, now: datetime, tz: ZoneInfo) -> list[Day]:
    """Cases opened, resolved and closed per local day, the last `days` days up to today."""
    tally: Counter[tuple[date, str]] = Counter((at.astimezone(tz).date(), event_type) for event_type, at in events)
    return daily_from_counts(tally, days, now, tz)


def daily_from_counts(counts: Mapping[tuple[date, str], int], days: int, now: datetime, tz: ZoneInfo) -> list[Day]:
    """The same series from counts per (local day, event type), e.g. grouped by the database."""
    today = now.astimezone(tz).date()
    first = today - timedelta(days=days - 1)
    tally: dict[date, Counter[str]] = {first + timedelta(days=i): Counter() for i in range(days)}
    for (day, event_type), n in counts.items():
        if day in tally:
            tally[day][event_type] += n
    return [
        Day(d, c[EventType.CASE_OPENED], c[EventType.CASE_RESOLVED], c[EventType.CASE_CLOSED]) for d, c in tally.items()
    ]
