"""Duty rosters (值班表): rotations as iCalendar recurrences, overrides, gaps, ending a started layer."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chuishao_notify.domain.rosters import (
    SHANGHAI,
    Layer,
    Override,
    Roster,
    RosterError,
    end_layer,
    level_timeline,
    on_duty,
    validate_layer,
)

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=SHANGHAI)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def day_layer(**kw: object) -> Layer:
    values: dict = dict(
        id="day",
        level=1,
        name="白班",
        rrule="FREQ=DAILY",
        starts=T0,
        shift=timedelta(hours=12),
        members=("u1", "u2", "u3"),
        valid_from=T0,
    )
    values.update(kw)
    return Layer(**values)


def test_members_take_the_occurrences_in_turn() -> None:
    roster = Roster("d", [day_layer()])
    assert [on_duty(roster, at(d, 9))[0].now.member for d in (1, 2, 3, 4, 5)] == ["u1", "u2", "u3", "u1", "u2"]


def test_a_night_with_no_layer_is_a_gap_and_next_names_the_morning() -> None:
    [level] = on_duty(Roster("d", [day_layer()]), at(5, 21))
    assert level.now.gap and level.now.member is None
    assert level.now.ends == at(6, 8)
    assert level.next is not None and (level.next.member, level.next.starts) == ("u3", at(6, 8))


def test_an_override_replaces_the_person_for_its_window_only() -> None:
    roster = Roster("d", [day_layer()], [Override("o", 1, "u9", at(5, 10), at(5, 12))])
    timeline = level_timeline(roster, 1, at(5, 8), at(5, 20))
    assert [(s.member, s.starts.hour, s.ends.hour if s.ends else None) for s in timeline] == [
        ("u2", 8, 10),
        ("u9", 10, 12),
        ("u2", 12, 20),
    ]
    assert on_duty(roster, at(5, 11))[0].now.override_id == "o"


def test_weekly_rule_in_shanghai_time_and_a_second_layer() -> None:
    weekdays = day_layer(rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    nights = day_layer(id="night", level=2, starts=at(1, 20), valid_from=at(1, 20), members=("n1",))
    roster = Roster("d", [weekdays, nights])
    # 2026-12-05 is a Saturday: nobody on level 1, n1 on level 2 from 20:00.
    duty = {d.level: d for d in on_duty(roster, at(5, 9))}
    assert duty[1].now.gap and duty[1].next is not None and duty[1].next.starts == at(7, 8)
    assert duty[2].now.gap and duty[2].next is not None and duty[2].next.member == "n1"
    assert on_duty(roster, at(5, 21))[1].now.member == "n1"


def test_ending_a_started_layer_keeps_its_past_and_the_new_one_takes_over() -> None:
    old = end_layer(day_layer(), at(3, 12))
    new = day_layer(id="new", members=("x1",), starts=at(3, 8), valid_from=at(3, 12))
    roster = Roster("d", [old, new])
    assert on_duty(roster, at(2, 9))[0].now.member == "u2"  # history unchanged
    assert on_duty(roster, at(3, 9))[0].now.member == "u3"
    assert on_duty(roster, at(3, 13))[0].now.member == "x1"
    assert on_duty(roster, at(4, 9))[0].now.member == "x1"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rrule": "FREQ=SOMETIMES"}, "rrule"),
        ({"rrule": "RRULE:FREQ=DAILY"}, "rrule"),
        ({"rrule": "FREQ=MINUTELY"}, "rrule"),
        ({"rrule": "FREQ=DAILY;INTERVAL=0"}, "rrule"),
        ({"rrule": "FREQ=DAILY;COUNT=-1"}, "rrule"),
        ({"starts": datetime(9999, 12, 31, 8, tzinfo=SHANGHAI)}, "starts"),
        ({"members": ()}, "members"),
        ({"shift": timedelta(minutes=5)}, "shift_minutes"),
        ({"level": 0}, "level"),
        ({"starts": datetime(2026, 12, 1, 8)}, "starts"),
    ],
)
def test_bad_layers_name_the_field(change: dict, field: str) -> None:
    with pytest.raises(RosterError) as error:
        validate_layer(day_layer(**change))
    assert error.value.field == field
