"""The SLA clock: deadlines in calendar time or in working hours with a holiday calendar.

All instants going in and out are timezone-aware; results are in UTC. Working hours are read in the
calendar's own timezone (a city office in Asia/Shanghai opens at 09:00 Beijing time whatever the
server's clock says) and all arithmetic is done on UTC instants, so DST zones are handled too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Literal["calendar", "working_hours"]
CLOCKS: tuple[str, ...] = ("calendar", "working_hours")
# Past the holiday data: refuse (the default), or count the plain working week (a provisional deadline
# the caller must mark as such; see `CaseState._due`).
PastCoverage = Literal["error", "plain_week"]

# A calendar with no working day for this long is a data error, not a reason to loop forever.
_MAX_IDLE_DAYS = 400


@dataclass(frozen=True)
class WorkCalendar:
    """Office hours `[start, end)` on `weekdays` (0 = Monday … 6 = Sunday, as `date.weekday()`),
    except `holidays`; `extra_workdays` are make-up working days (调休) that count even on a weekend.
    """

    timezone: str
    start: time
    end: time
    weekdays: frozenset[int]
    holidays: frozenset[date]
    extra_workdays: frozenset[date] = field(default=frozenset())
    # The last day the holiday data knows; None means unlimited (a calendar with no holidays to learn).
    covered_until: date | None = None
    # Past `covered_until`: the statutory holidays computed from the lunar calendar, which a provisional
    # deadline skips (the notice's bridging days and 调休 are not known yet).
    estimated_holidays: frozenset[date] = field(default=frozenset())

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {self.timezone!r}") from exc
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("start and end are local wall-clock times; give them without a timezone")
        if not self.start < self.end:
            raise ValueError(f"start {self.start} must be before end {self.end}")
        for name in ("weekdays", "holidays", "extra_workdays", "estimated_holidays"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        if not all(isinstance(d, int) and 0 <= d <= 6 for d in self.weekdays):
            raise ValueError("weekdays are integers 0 (Monday) to 6 (Sunday)")
        if not self.weekdays and not self.extra_workdays:
            raise ValueError("a calendar needs at least one working day")
        both = self.holidays & self.extra_workdays
        if both:
            raise ValueError(f"dates are both holiday and make-up working day: {sorted(both)}")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    def hours_of(self, day: date) -> tuple[datetime, datetime]:
        """Opening and closing instants (UTC) of `day`, whether or not it is a working day."""
        tz = self.tz
        return (
            datetime.combine(day, self.start, tzinfo=tz).astimezone(UTC),
            datetime.combine(day, self.end, tzinfo=tz).astimezone(UTC),
        )

    def from_day(self, first: date) -> WorkCalendar:
        """The same calendar without the holidays and make-up days before `first`. A case keeps the
        calendar its deadlines were set with; it only ever counts forward from the day it opened, and
        years of past holidays in every stored case would be weight with no use."""
        return replace(
            self,
            holidays=frozenset(d for d in self.holidays if d >= first),
            extra_workdays=frozenset(d for d in self.extra_workdays if d >= first),
            estimated_holidays=frozenset(d for d in self.estimated_holidays if d >= first),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "timezone": self.timezone,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weekdays": sorted(self.weekdays),
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "extra_workdays": [d.isoformat() for d in sorted(self.extra_workdays)],
            "covered_until": self.covered_until.isoformat() if self.covered_until else None,
            "estimated_holidays": [d.isoformat() for d in sorted(self.estimated_holidays)],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkCalendar:
        return cls(
            timezone=data["timezone"],
            start=time.fromisoformat(data["start"]),
            end=time.fromisoformat(data["end"]),
            weekdays=frozenset(int(d) for d in data["weekdays"]),
            holidays=frozenset(_dates(data.get("holidays", ()))),
            extra_workdays=frozenset(_dates(data.get("extra_workdays", ()))),
            covered_until=date.fromisoformat(data["covered_until"]) if data.get("covered_until") else None,
            estimated_holidays=frozenset(_dates(data.get("estimated_holidays", ()))),
        )


class CalendarExhausted(ValueError):
    """A working-hours deadline would fall past the holiday data: an explicit error, never a guess
    that 元旦 or 春节 of an unknown year is a working day."""

    def __init__(self, covered_until: date, first: date) -> None:
        self.covered_until = covered_until
        super().__init__(
            f"no holiday calendar after {covered_until}: a working-hours deadline counted from {first} "
            "cannot be computed exactly: it counts the working week less the statutory holidays computed from the "
            "lunar calendar, without the notice's 调休 (upgrade chinese-calendar or list the holidays in "
            "sla_policies.yaml)"
        )


def _dates(values: Iterable[Any]) -> Iterable[date]:
    return (v if isinstance(v, date) else date.fromisoformat(v) for v in values)


def _require_aware(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return value.astimezone(UTC)


def _working_days(
    calendar: WorkCalendar, first: date, past_coverage: PastCoverage = "error"
) -> Iterable[tuple[datetime, datetime]]:
    """Opening hours of each working day from `first` on, in order."""
    day, idle = first, 0
    while True:
        beyond = calendar.covered_until is not None and day > calendar.covered_until
        if beyond and past_coverage == "error":
            raise CalendarExhausted(calendar.covered_until, first)  # type: ignore[arg-type]
        past_data_working = day.weekday() in calendar.weekdays and day not in calendar.estimated_holidays
        if past_data_working if beyond else calendar.is_working_day(day):
            idle = 0
            yield calendar.hours_of(day)
        else:
            idle += 1
            if idle > _MAX_IDLE_DAYS:
                raise ValueError(f"the calendar has no working day within {_MAX_IDLE_DAYS} days of {first}")
        day += timedelta(days=1)


def add_duration(
    start: datetime,
    minutes: float,
    *,
    clock: Clock,
    calendar: WorkCalendar,
    past_coverage: PastCoverage = "error",
) -> datetime:
    """The instant `minutes` after `start` on the given clock (UTC).

    On the working-hours clock only minutes inside opening hours count; a start outside them begins
    counting at the next opening (so 0 minutes from Saturday is Monday's opening). Past the holiday
    data it raises `CalendarExhausted`, unless `past_coverage="plain_week"` asks for the ordinary
    working week there, less the statutory holidays computed for those years (no 调休 make-up days).
    """
    start = _require_aware(start, "start")
    # Fractions of a minute are allowed so test configurations can shorten SLAs to seconds.
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes < 0:
        raise ValueError(f"minutes must be a non-negative number, got {minutes!r}")
    if clock == "calendar":
        return start + timedelta(minutes=minutes)
    if clock != "working_hours":
        raise ValueError(f"clock must be one of {CLOCKS}, got {clock!r}")
    remaining = timedelta(minutes=minutes)
    first_day = start.astimezone(calendar.tz).date()
    for opens, closes in _working_days(calendar, first_day, past_coverage):
        cursor = max(start, opens)
        if cursor >= closes:
            continue
        available = closes - cursor
        if remaining <= available:
            return cursor + remaining
        remaining -= available
    raise AssertionError("unreachable")  # pragma: no cover


def working_time_between(start: datetime, end: datetime, *, calendar: WorkCalendar) -> timedelta:
    """Working time inside opening hours between two instants (zero if `end` is not after `start`)."""
    start = _require_aware(start, "start")
    end = _require_aware(end, "end")
    total = timedelta()
    if end <= start:
        return total
    for opens, closes in _working_days(calendar, start.astimezone(calendar.tz).date()):
        if opens >= end:
            return total
        lo, hi = max(start, opens), min(end, closes)
        if hi > lo:
            total += hi - lo
    raise AssertionError("unreachable")  # pragma: no cover
