"""The holiday calendar: China's holidays and 调休 days from `chinese-calendar`, the YAML as local
overrides, the coverage date, and an explicit error for a working-hours deadline past it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from chuishao_dispatch.domain import CalendarExhausted, WorkCalendar, add_duration
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_shared.reference import load_reference
from chuishao_shared.reference.holidays import (
    ChinaCalendar,
    coverage_days,
    coverage_warning,
    library_calendar,
    with_overrides,
)

REFERENCE = load_reference()


def test_the_national_calendar_comes_from_the_library() -> None:
    library = library_calendar()
    assert library.covered_until == date(2026, 12, 31)
    calendar = REFERENCE.calendar
    assert {date(2026, 1, 1), date(2026, 2, 17), date(2026, 10, 1)} <= calendar.holidays
    assert {date(2026, 1, 4), date(2026, 2, 14), date(2026, 10, 10)} <= calendar.makeup_workdays  # 调休
    assert date(2016, 2, 8) in calendar.holidays  # 春节 2016: history is there too
    assert calendar.covered_until == library.covered_until


def test_the_yaml_overrides_the_library_and_can_extend_it() -> None:
    base = ChinaCalendar(frozenset({date(2026, 10, 1)}), frozenset({date(2026, 10, 10)}), date(2026, 12, 31))
    local = with_overrides(base, holidays=[date(2026, 10, 10), date(2027, 1, 1)], makeup_workdays=[date(2026, 10, 1)])
    assert local.holidays == {date(2026, 10, 10), date(2027, 1, 1)}
    assert local.makeup_workdays == {date(2026, 10, 1)}
    assert local.covered_until == date(2027, 12, 31)


def test_coverage_days_and_the_readiness_warning() -> None:
    end = date(2026, 12, 31)
    assert coverage_days(end, date(2026, 11, 30)) == 31 and coverage_days(None, date(2026, 11, 30)) is None
    assert coverage_warning(end, date(2026, 10, 1)) is None
    warning = coverage_warning(end, date(2026, 11, 30))
    assert warning and "2026-12-31" in warning and "31 days" in warning


def _calendar() -> WorkCalendar:
    return DispatchContext(REFERENCE, duplicate_window=None, duplicate_min_similarity=0.5).calendar()  # type: ignore[arg-type]


def test_working_hours_skip_the_libraries_holidays_and_count_make_up_days() -> None:
    calendar = _calendar()
    # Wednesday 30 September 2026, 17:00 Beijing: 30 working minutes are left that day, then 国庆 (1-7
    # October) is skipped: Thursday 8 October opens at 08:30.
    before_national_day = datetime(2026, 9, 30, 9, 0, tzinfo=UTC)
    due = add_duration(before_national_day, 60, clock="working_hours", calendar=calendar)
    assert due == datetime.combine(date(2026, 10, 8), time(1, 0), tzinfo=UTC)  # 09:00 Beijing
    # Friday 9 October, 17:00: Saturday 10 October is a 调休 make-up working day.
    friday = datetime(2026, 10, 9, 9, 0, tzinfo=UTC)
    due = add_duration(friday, 60, clock="working_hours", calendar=calendar)
    assert due == datetime.combine(date(2026, 10, 10), time(1, 0), tzinfo=UTC)


def test_a_deadline_past_the_calendar_is_an_explicit_error() -> None:
    calendar = _calendar()
    start = datetime(2026, 12, 30, 2, 0, tzinfo=UTC)
    assert add_duration(start, 60, clock="working_hours", calendar=calendar).date() == date(2026, 12, 30)
    with pytest.raises(CalendarExhausted, match="2026-12-31"):
        add_duration(start, 3 * 540, clock="working_hours", calendar=calendar)  # would reach 2027
    # The calendar clock needs no holidays.
    assert add_duration(start, 3 * 1440, clock="calendar", calendar=calendar).year == 2027
    again = WorkCalendar.from_dict(calendar.to_dict())
    assert again.covered_until == date(2026, 12, 31)


def test_past_the_calendar_a_plain_working_week_is_counted_only_on_request() -> None:
    calendar = _calendar()
    start = datetime(2026, 12, 30, 2, 0, tzinfo=UTC)  # Wednesday 10:00 Beijing
    due = add_duration(start, 3 * 540, clock="working_hours", calendar=calendar, past_coverage="plain_week")
    # Thursday 31 December is known; Friday 1 January 2027 is 元旦, not in the data but computed as a
    # statutory holiday (reference/statutory.py), the weekend is not worked: the third day of work ends on
    # Tuesday 5 January (it ended on Monday 4 January when 元旦 counted as a weekday).
    assert due.astimezone(calendar.tz).date() == date(2027, 1, 5)


def test_a_case_keeps_the_calendar_from_its_opening_day_and_its_deadlines_do_not_change() -> None:
    context = DispatchContext(REFERENCE, duplicate_window=None, duplicate_min_similarity=0.5)  # type: ignore[arg-type]
    full = context.calendar()
    category = next(
        code
        for code, c in REFERENCE.categories.items()
        if REFERENCE.sla_policies[c.sla_policy].clock == "working_hours"
    )
    opened = datetime(2026, 9, 30, 9, 0, tzinfo=UTC)  # 17:00 Beijing, the eve of 国庆
    terms = context.sla_terms(category, "minor", opened)

    assert terms.calendar.holidays and min(terms.calendar.holidays) >= date(2026, 9, 30)
    assert len(terms.calendar.holidays) < len(full.holidays) / 5  # years of past holidays are left behind
    assert date(2026, 10, 1) in terms.calendar.holidays and terms.calendar.covered_until == full.covered_until
    # Every deadline counted forward from the opening gives the same instant with either calendar.
    for minutes in (15, 60, 8 * 60, 3 * 8 * 60):
        for start in (opened, datetime(2026, 10, 7, 23, 0, tzinfo=UTC), datetime(2026, 12, 1, 2, 0, tzinfo=UTC)):
            assert add_duration(start, minutes, clock="working_hours", calendar=terms.calendar) == add_duration(
                start, minutes, clock="working_hours", calendar=full
            )
