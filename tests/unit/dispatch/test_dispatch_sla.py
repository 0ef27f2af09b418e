"""The SLA clock: calendar minutes, and working hours across nights, weekends and holidays.

Calendar: Beijing 09:00–17:00 Monday to Friday, the 2024 Labour Day holiday (1–5 May) and its
make-up working days (Sunday 28 April, Saturday 11 May).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from chuishao_dispatch.domain import WorkCalendar, add_duration, working_time_between

BEIJING = ZoneInfo("Asia/Shanghai")
CALENDAR = WorkCalendar(
    timezone="Asia/Shanghai",
    start=time(9),
    end=time(17),
    weekdays=frozenset(range(5)),
    holidays=frozenset(date(2024, 5, d) for d in range(1, 6)),
    extra_workdays=frozenset({date(2024, 4, 28), date(2024, 5, 11)}),
)


def bj(*args: int) -> datetime:
    """A Beijing wall-clock instant, as the aware UTC datetime the clock takes and gives."""
    return datetime(*args, tzinfo=BEIJING).astimezone(UTC)


def working(start: datetime, minutes: int) -> datetime:
    return add_duration(start, minutes, clock="working_hours", calendar=CALENDAR)


def test_the_calendar_clock_just_adds_minutes() -> None:
    start = bj(2024, 5, 3, 22, 0)  # a holiday night: irrelevant on the calendar clock
    due = add_duration(start, 90, clock="calendar", calendar=CALENDAR)
    assert due == start + timedelta(minutes=90) and due.tzinfo == UTC


@pytest.mark.parametrize(
    ("start", "minutes", "due", "why"),
    [
        (bj(2024, 5, 6, 10, 0), 60, bj(2024, 5, 6, 11, 0), "inside one working day"),
        (bj(2024, 5, 6, 9, 0), 480, bj(2024, 5, 6, 17, 0), "the whole day ends at closing"),
        (bj(2024, 5, 6, 9, 0), 481, bj(2024, 5, 7, 9, 1), "one minute more runs into the next day"),
        (bj(2024, 5, 6, 16, 30), 60, bj(2024, 5, 7, 9, 30), "across a night"),
        (bj(2024, 5, 6, 9, 0), 3 * 480, bj(2024, 5, 8, 17, 0), "three working days"),
        (bj(2024, 5, 17, 16, 0), 120, bj(2024, 5, 20, 10, 0), "across a weekend"),
        (bj(2024, 4, 30, 16, 0), 120, bj(2024, 5, 6, 10, 0), "across the Labour Day holiday"),
        (bj(2024, 5, 10, 16, 0), 120, bj(2024, 5, 11, 10, 0), "into a make-up Saturday (调休)"),
        (bj(2024, 4, 26, 16, 30), 60, bj(2024, 4, 28, 9, 30), "into a make-up Sunday"),
        (bj(2024, 5, 6, 7, 0), 30, bj(2024, 5, 6, 9, 30), "before opening: counts from opening"),
        (bj(2024, 5, 6, 18, 0), 30, bj(2024, 5, 7, 9, 30), "after closing: counts from tomorrow"),
        (bj(2024, 5, 6, 17, 0), 30, bj(2024, 5, 7, 9, 30), "closing time itself is outside"),
        (bj(2024, 5, 18, 11, 0), 30, bj(2024, 5, 20, 9, 30), "on a Saturday"),
        (bj(2024, 5, 2, 11, 0), 30, bj(2024, 5, 6, 9, 30), "on a holiday"),
        (bj(2024, 5, 19, 11, 0), 0, bj(2024, 5, 20, 9, 0), "zero minutes from Sunday is Monday's opening"),
        (bj(2024, 5, 6, 11, 0), 0, bj(2024, 5, 6, 11, 0), "zero minutes inside hours is now"),
    ],
)
def test_working_hours(start: datetime, minutes: int, due: datetime, why: str) -> None:
    result = working(start, minutes)
    assert result == due, why
    assert result.tzinfo == UTC


def test_the_result_does_not_depend_on_the_input_timezone() -> None:
    start = bj(2024, 5, 6, 16, 30)
    elsewhere = start.astimezone(timezone(timedelta(hours=-5)))
    assert working(elsewhere, 60) == working(start, 60) == bj(2024, 5, 7, 9, 30)


def test_opening_hours_are_local_in_a_zone_with_daylight_saving() -> None:
    berlin = WorkCalendar("Europe/Berlin", time(9), time(17), frozenset(range(5)), frozenset())
    friday = datetime(2024, 3, 29, 16, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # CET, +01:00
    due = add_duration(friday, 120, clock="working_hours", calendar=berlin)
    assert due == datetime(2024, 4, 1, 8, 0, tzinfo=UTC)  # Monday 10:00 CEST, +02:00


def test_working_time_between_inverts_add_duration() -> None:
    for start, minutes in [
        (bj(2024, 4, 30, 16, 0), 120),
        (bj(2024, 5, 17, 20, 0), 1000),
        (bj(2024, 5, 6, 9, 0), 0),
    ]:
        due = working(start, minutes)
        assert working_time_between(start, due, calendar=CALENDAR) == timedelta(minutes=minutes)
    assert working_time_between(bj(2024, 5, 7), bj(2024, 5, 6), calendar=CALENDAR) == timedelta()


@pytest.mark.parametrize(
    ("start", "minutes", "clock"),
    [
        (datetime(2024, 5, 6, 9, 0), 60, "working_hours"),  # naive
        (datetime(2024, 5, 6, 9, 0), 60, "calendar"),
        (bj(2024, 5, 6, 9, 0), -1, "working_hours"),
        (bj(2024, 5, 6, 9, 0), 60, "lunar"),
    ],
)
def test_bad_arguments_are_refused(start: datetime, minutes: int, clock: str) -> None:
    with pytest.raises(ValueError):
        add_duration(start, minutes, clock=clock, calendar=CALENDAR)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"timezone": "Mars/Olympus"},
        {"start": time(17), "end": time(9)},
        {"weekdays": frozenset({7})},
        {"weekdays": frozenset()},
        {"holidays": frozenset({date(2024, 5, 11)}), "extra_workdays": frozenset({date(2024, 5, 11)})},
    ],
)
def test_a_calendar_is_validated(kwargs: dict) -> None:
    values = {
        "timezone": "Asia/Shanghai",
        "start": time(9),
        "end": time(17),
        "weekdays": frozenset(range(5)),
        "holidays": frozenset(),
        **kwargs,
    }
    with pytest.raises(ValueError):
        WorkCalendar(**values)


def test_a_calendar_round_trips_through_a_dict() -> None:
    assert WorkCalendar.from_dict(CALENDAR.to_dict()) == CALENDAR
