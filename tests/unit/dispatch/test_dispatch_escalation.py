"""The escalation ladder: level 1 at a missed deadline D, level 2 at D+W, level 3 at D+2W.

Acknowledge window W = 60 min, resolve window W = 24 h (the Builder's SLA), case opened at T0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from chuishao_dispatch.domain import Case
from chuishao_shared.events.types import EventType
from chuishao_shared.times import utc_iso

if TYPE_CHECKING:
    from conftest import Builder

DAY = 24 * 60


def levels(events: list) -> list[tuple[int, str, str, str]]:
    return [(e.data["level"], e.data["grade"], e.data["to"], e.data["reason"]) for e in events]


def acknowledge_all(build: Builder, case: Case, minutes: float) -> None:
    for department in ("WATER", "PROPERTY", "CITYMGMT"):
        case.acknowledge(build.liaison(department), build.at(minutes))


def test_each_level_fires_once_at_its_time(build: Builder) -> None:
    case = build.open()
    assert case.next_timer_at() == build.at(60)
    assert case.escalate_due(build.at(59)) == []
    first = case.escalate_due(build.at(60))
    assert levels(first) == [(1, "blue", "community_duty_desk", "acknowledge_overdue")]
    assert case.escalation_level == 1
    assert case.escalate_due(build.at(60)) == [] and case.escalate_due(build.at(61)) == []
    assert case.next_timer_at() == build.at(120)
    second = case.escalate_due(build.at(120))
    assert levels(second) == [(2, "yellow", "street_leadership", "acknowledge_overdue")]
    assert case.next_timer_at() == build.at(180)
    third = case.escalate_due(build.at(185))
    assert levels(third) == [(3, "red", "district", "acknowledge_overdue")]
    assert case.escalation_level == 3 and case.next_timer_at() is None
    assert case.escalate_due(build.at(10 * DAY)) == []


def test_a_late_call_fires_every_due_level_in_order(build: Builder) -> None:
    case = build.open()
    events = case.escalate_due(build.at(5 * 60))
    assert [(lvl, grade) for lvl, grade, _, _ in levels(events)] == [(1, "blue"), (2, "yellow"), (3, "red")]
    assert [e.data["due_at"] for e in events] == [utc_iso(build.at(m)) for m in (60, 120, 180)]
    assert [e.data["case"]["escalation_level"] for e in events] == [1, 2, 3]
    assert [t.type for t in case.timeline[-3:]] == [EventType.CASE_ESCALATED] * 3
    assert {t.actor_role for t in case.timeline[-3:]} == {"system"}
    assert case.escalate_due(build.at(5 * 60)) == []


def test_repeated_calls_never_fire_a_level_twice(build: Builder) -> None:
    case = build.open()
    fired = []
    for minute in range(0, 6 * 60, 7):
        fired += case.escalate_due(build.at(minute))
    assert [e.data["level"] for e in fired] == [1, 2, 3]


def test_the_resolve_deadline_takes_over_once_everyone_has_acknowledged(build: Builder) -> None:
    case = build.open()
    acknowledge_all(build, case, 30)
    assert case.next_timer_at() == build.at(DAY)
    assert case.escalate_due(build.at(DAY - 1)) == []
    events = case.escalate_due(build.at(DAY))
    assert levels(events) == [(1, "blue", "community_duty_desk", "resolve_overdue")]
    assert case.next_timer_at() == build.at(2 * DAY)
    assert levels(case.escalate_due(build.at(3 * DAY))) == [
        (2, "yellow", "street_leadership", "resolve_overdue"),
        (3, "red", "district", "resolve_overdue"),
    ]


def test_levels_only_rise_across_deadlines(build: Builder) -> None:
    case = build.open()
    case.escalate_due(build.at(61))  # acknowledge missed: level 1
    acknowledge_all(build, case, 70)
    # the resolve deadline would be level 1 at D; the case is already there, so level 2 is next
    assert case.next_timer_at() == build.at(2 * DAY)
    assert case.escalate_due(build.at(DAY + 1)) == []
    assert levels(case.escalate_due(build.at(2 * DAY))) == [(2, "yellow", "street_leadership", "resolve_overdue")]


def test_an_approved_extension_moves_the_next_timer(build: Builder) -> None:
    case = build.open()
    acknowledge_all(build, case, 30)
    case.request_extension(build.liaison("WATER"), build.at(40), build.at(3 * DAY), "需更换管道")
    assert case.next_timer_at() == build.at(DAY)  # not moved before approval
    case.approve_extension(build.dispatcher, build.at(50))
    assert case.next_timer_at() == build.at(3 * DAY)
    assert case.escalate_due(build.at(2 * DAY)) == []


def test_a_whistled_department_gets_its_own_acknowledge_deadline(build: Builder) -> None:
    case = build.open()
    acknowledge_all(build, case, 10)
    case.whistle(build.dispatcher, build.at(100), ["POLICE"], "需派出所协同")
    assert case.next_timer_at() == build.at(160)
    events = case.escalate_due(build.at(160))
    assert levels(events) == [(1, "blue", "community_duty_desk", "acknowledge_overdue")]
    assert events[0].data["department"] == "POLICE"


def test_a_case_waiting_in_triage_escalates_by_its_triage_deadline(build: Builder) -> None:
    case = build.case_in("triage")  # no rule matched at T0; the Builder's triage window is 60 min
    assert case.triage_due_at == build.at(60) and case.next_deadline_at() == build.at(60)
    assert case.snapshot()["triage_due_at"] == utc_iso(build.at(60))
    assert case.overdue(build.at(59)) is False and case.overdue(build.at(61)) is True
    assert case.next_timer_at() == build.at(60)
    events = case.escalate_due(build.at(125))
    assert levels(events) == [
        (1, "blue", "community_duty_desk", "triage_overdue"),
        (2, "yellow", "street_leadership", "triage_overdue"),
    ]
    assert events[0].data["department"] is None  # the dispatcher's lateness, no department's
    # Routed at last: the triage clock stops; the departments' deadlines run from now.
    case.route(build.dispatcher, build.at(130), ["WATER"], "人工派遣")
    assert case.triage_due_at is None and case.next_deadline_at() == build.at(190)
    assert case.overdue(build.at(131)) is False


def test_cancelling_or_merging_a_case_in_triage_stops_its_clock(build: Builder) -> None:
    case = build.case_in("triage")
    case.cancel(build.dispatcher, build.at(5), "误报")
    assert case.triage_due_at is None and case.next_timer_at() is None


@pytest.mark.parametrize("status", ["resolved", "closed", "merged", "cancelled"])
def test_no_timers_when_nobody_owes_anything(build: Builder, status: str) -> None:
    case = build.case_in(status)
    assert case.next_timer_at() is None
    assert case.escalate_due(build.at(30 * DAY)) == []
    assert case.overdue(build.at(30 * DAY)) is False


def test_a_reopened_case_is_timed_again_from_its_fresh_deadlines(build: Builder) -> None:
    case = build.case_in("reopened")  # verified not fixed at +40, PROPERTY re-acknowledged at +45
    assert case.next_timer_at() == build.at(100)  # WATER and CITYMGMT owe an acknowledgement again
    assert levels(case.escalate_due(build.at(100)))[0][3] == "acknowledge_overdue"


def test_overdue(build: Builder) -> None:
    case = build.open()
    assert case.overdue(build.at(60)) is False
    assert case.overdue(build.at(61)) is True
    acknowledge_all(build, case, 62)
    assert case.overdue(build.at(63)) is False
    assert case.overdue(build.at(DAY + 1)) is True
    case.resolve(build.liaison("WATER"), build.at(DAY + 2), "办结", ["https://i/a.jpg"])
    assert case.overdue(build.at(DAY + 3)) is False


def test_escalation_events_are_json_ready(build: Builder) -> None:
    case = build.open()
    version = case.version
    events = case.escalate_due(build.at(1000))
    build.assert_json_ready(events)
    assert case.version == version + 1  # one call, one version
