"""A change set's dry run: cases replayed through the rules and SLA in force and the proposed ones."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from chuishao_dispatch.domain.dry_run import TRIAGE, PastCase, dry_run
from chuishao_shared.reference import load_reference
from chuishao_shared.reference.changes import content_of_dir, validate

pytestmark = pytest.mark.unit

IN_FORCE = content_of_dir()
REFERENCE = load_reference()
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday
GRID = "XY-WQ-WY-G01"


def proposed(**docs: object):  # type: ignore[no-untyped-def]
    _, reference, problems = validate(docs, IN_FORCE, REFERENCE)
    assert problems == [] and reference is not None
    return reference


def case(category: str, ack_min: float | None, res_min: float | None, *, opened_h: float = 48) -> PastCase:
    opened = NOW - timedelta(hours=opened_h)
    return PastCase(
        category=category,
        grid=GRID,
        severity="minor",
        opened_at=opened,
        acknowledged_at=None if ack_min is None else opened + timedelta(minutes=ack_min),
        resolved_at=None if res_min is None else opened + timedelta(minutes=res_min),
    )


def row(result: dict, department: str) -> dict:
    return next(r for r in result["departments"] if r["department"] == department)


def test_same_data_moves_nothing_and_rates_match() -> None:
    cases = [case("ENV-SMALL-ADS", 30, 600), case("ENV-SMALL-ADS", 90, 2000)]
    result = dry_run(cases, REFERENCE, REFERENCE, now=NOW)
    assert result["cases"] == 2 and result["cases_moved"] == 0
    lead = row(result, "XY-CGJ")
    assert lead["gained"] == lead["lost"] == 0 and lead["led_before"] == lead["led_after"] == 2
    # standard minor: acknowledge in 60 min, resolve in 1440 min → one of two each
    assert lead["response_rate_before"] == lead["response_rate_after"] == 0.5
    assert lead["on_time_rate_before"] == lead["on_time_rate_after"] == 0.5


def test_a_shorter_sla_lowers_the_projected_rates() -> None:
    sla = copy.deepcopy(IN_FORCE["sla_policies"])
    standard = next(i for i in sla["items"] if i["code"] == "standard")
    standard["acknowledge_within_minutes"]["minor"] = 20
    standard["resolve_within_minutes"]["minor"] = 500
    cases = [
        case("ENV-SMALL-ADS", 15, 400),
        case("ENV-SMALL-ADS", 30, 600),
        case("ENV-SMALL-ADS", 45, 900),
        case("ENV-SMALL-ADS", 90, 2000),
    ]
    result = dry_run(cases, REFERENCE, proposed(sla_policies=sla), now=NOW)
    lead = row(result, "XY-CGJ")
    assert (lead["response_rate_before"], lead["response_rate_after"]) == (0.75, 0.25)
    assert (lead["on_time_rate_before"], lead["on_time_rate_after"]) == (0.75, 0.25)
    assert result["totals"]["response_rate_after"] == 0.25


def test_open_cases_count_only_once_their_deadline_passed() -> None:
    cases = [
        case("ENV-SMALL-ADS", None, None, opened_h=0.5),  # within both deadlines: no outcome yet
        case("ENV-SMALL-ADS", 20, None, opened_h=3),  # acknowledged in time, resolution still due
        case("ENV-SMALL-ADS", None, None, opened_h=30),  # both deadlines passed: late on both
    ]
    lead = row(dry_run(cases, REFERENCE, REFERENCE, now=NOW), "XY-CGJ")
    assert lead["led_after"] == 3
    assert lead["response_rate_after"] == 0.5  # 1 of the 2 with an outcome
    assert lead["on_time_rate_after"] == 0.0  # only the 30-hour-old case counts


def test_a_rule_moved_to_another_department_shows_gained_and_lost() -> None:
    rules = copy.deepcopy(IN_FORCE["routing_rules"])
    rule = next(r for r in rules["rules"] if r["category"] == "ENV" and r["scope"] == "XY")
    rule["lead"], rule["assist"] = "XY-ZJJ", ["XY-CGJ"]
    rules["rules"].append({"id": "xy.order-dog", "category": "ORDER-DOG", "scope": "XY-WQ", "lead": "XY-WQ-PCS"})
    cases = [case("ENV-SMALL-ADS", 10, 100), case("ENV-GARBAGE-OVERDUE", 10, 100), case("ORDER-DOG", 10, 100)]
    result = dry_run(cases, REFERENCE, proposed(routing_rules=rules), now=NOW)
    assert result["cases_moved"] == 3
    zjj, cgj, pcs, triage = (row(result, d) for d in ("XY-ZJJ", "XY-CGJ", "XY-WQ-PCS", TRIAGE))
    assert zjj["gained"] == 2 and zjj["led_after"] == 2 and zjj["led_before"] == 0
    assert cgj["gained"] == cgj["lost"] == 0 and cgj["cases_after"] == 2 and cgj["led_after"] == 0  # now assists
    assert pcs["gained"] == 1 and triage["lost"] == 1 and triage["cases_after"] == 0
    assert zjj["name"] == "襄垣县住房和城乡建设局"


def test_a_makeup_working_day_counts_on_a_working_hours_clock() -> None:
    # 低保申请 runs on working hours (service_request: acknowledge minor within 60 working minutes).
    saturday = datetime(2027, 2, 20, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai on a Saturday
    ack = saturday + timedelta(minutes=50)
    past = [PastCase("LIFE-DIBAO", GRID, "minor", saturday, ack, None)]
    sla = copy.deepcopy(IN_FORCE["sla_policies"])
    sla["holidays"] = ["2027-02-06", "2027-02-08"]  # the notice for 2027 entered: the year counts as covered
    sla["makeup_workdays"] = ["2027-02-20"]
    now = datetime(2027, 3, 1, tzinfo=UTC)
    category = REFERENCE.categories.get("LIFE-DIBAO")
    assert category is not None and REFERENCE.sla_policies[category.sla_policy].clock == "working_hours"
    result = dry_run(past, REFERENCE, proposed(sla_policies=sla), now=now)
    total = result["totals"]
    assert total["response_rate_before"] == 1.0  # Saturday: the clock starts on Monday, 50 min is early
    assert total["response_rate_after"] == 1.0  # 调休: it runs from 08:30 Saturday, 09:50 is within the hour
    late = [PastCase("LIFE-DIBAO", GRID, "minor", saturday, saturday + timedelta(hours=3), None)]
    total = dry_run(late, REFERENCE, proposed(sla_policies=sla), now=now)["totals"]
    assert total["response_rate_before"] == 1.0 and total["response_rate_after"] == 0.0


def test_the_laid_out_working_clock_gives_add_durations_answers() -> None:
    import random

    from chuishao_dispatch.domain.dry_run import WorkingClock, calendar_of
    from chuishao_dispatch.domain.sla import add_duration

    sla = copy.deepcopy(IN_FORCE["sla_policies"])
    sla["holidays"], sla["makeup_workdays"] = ["2027-02-08", "2027-02-09"], ["2027-02-20"]
    for reference in (REFERENCE, proposed(sla_policies=sla)):
        calendar = calendar_of(reference)
        first = datetime(2026, 12, 20, tzinfo=UTC)
        clock = WorkingClock(calendar, first.date(), 90)
        rng = random.Random(3)
        for _ in range(2000):
            start = first + timedelta(minutes=rng.randrange(0, 80 * 24 * 60))
            minutes = rng.choice([0, 1, 30, 60, 540, 541, 1620, 2700, 5400])
            expected = add_duration(
                start, minutes, clock="working_hours", calendar=calendar, past_coverage="plain_week"
            )
            assert clock.add(start, minutes) == expected, (start, minutes)
