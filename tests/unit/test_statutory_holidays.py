"""The statutory holidays computed from the rules and the lunar calendar (reference/statutory.py), for the
years after the maintained calendar ends: held to every year the maintained calendar knows (each
computed day is a rest day there), to 2027 as the State Council's rules and the almanac give it, and
used by a provisional working-hours deadline past the data (春节 2027 is not a working week)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
from chinese_calendar import constants

from chuishao_dispatch.domain import WorkCalendar, add_duration
from chuishao_shared.reference import load_reference
from chuishao_shared.reference.holidays import estimated_after, library_calendar
from chuishao_shared.reference.statutory import qingming, statutory_holidays

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("year", range(2008, 2027))
def test_every_computed_day_is_a_rest_day_in_the_maintained_calendar(year: int) -> None:
    rest = set(constants.holidays)
    computed = statutory_holidays(year)
    assert len(computed) >= 10
    assert not [d for d in computed if d not in rest and d.weekday() < 5], year


def test_2027_as_the_rules_and_the_almanac_give_it() -> None:
    assert sorted(statutory_holidays(2027)) == [
        date(2027, 1, 1),
        *(date(2027, 2, d) for d in (5, 6, 7, 8)),  # 除夕 to 初三 (春节 is February 6)
        date(2027, 4, 5),  # 清明
        date(2027, 5, 1),
        date(2027, 5, 2),
        date(2027, 6, 9),  # 端午
        date(2027, 9, 15),  # 中秋
        date(2027, 10, 1),
        date(2027, 10, 2),
        date(2027, 10, 3),
    ]
    assert [qingming(y) for y in (2024, 2025, 2026, 2028)] == [
        date(2024, 4, 4),
        date(2025, 4, 4),
        date(2026, 4, 5),
        date(2028, 4, 4),
    ]
    with pytest.raises(ValueError, match="2100"):
        statutory_holidays(2100)


def test_the_reference_calendar_carries_the_years_after_its_data() -> None:
    library = library_calendar()
    calendar = load_reference().calendar
    assert calendar is not None and calendar.covered_until == library.covered_until
    assert calendar.estimated_holidays == estimated_after(library.covered_until)
    assert min(calendar.estimated_holidays) > library.covered_until
    assert {d.year for d in calendar.estimated_holidays} == {
        library.covered_until.year + 1,
        library.covered_until.year + 2,
    }


def test_a_provisional_deadline_past_the_data_skips_the_computed_spring_festival() -> None:
    calendar = WorkCalendar(
        timezone="Asia/Shanghai",
        start=time(9),
        end=time(17),
        weekdays=frozenset(range(5)),
        holidays=frozenset(),
        covered_until=date(2026, 12, 31),
        estimated_holidays=statutory_holidays(2027),
    )
    start = datetime(2027, 2, 4, 8, 0, tzinfo=UTC)  # Thursday 16:00 in Shanghai: one working hour left
    due = add_duration(start, 120, clock="working_hours", calendar=calendar, past_coverage="plain_week")
    # Friday 5 February (除夕) to Monday 8 February (初三) are rest days: the second hour is Tuesday 9–10.
    assert due == datetime(2027, 2, 9, 2, 0, tzinfo=UTC)
    plain = replace(calendar, estimated_holidays=frozenset())
    assert add_duration(start, 120, clock="working_hours", calendar=plain, past_coverage="plain_week") == datetime(
        2027, 2, 5, 2, 0, tzinfo=UTC
    )
    assert WorkCalendar.from_dict(calendar.to_dict()) == calendar
