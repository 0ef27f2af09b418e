"""The projection is a function of the set of a case's events: any order, any number of duplicates,
any arrival sequence gives the same board view and the same facts. And no free text gets in."""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import timedelta

import pytest
from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE, T0, CaseScript
from unit.tracking.tracking_scenario import WY, facts_of, records_of, scenario

from chuishao_shared.events.types import EventType
from chuishao_tracking.domain.projection import project
from chuishao_tracking.domain.records import CaseRecord
from chuishao_tracking.domain.statistics import Period, compute

NOW = T0 + timedelta(days=30)
PERIOD = Period(T0 - timedelta(days=1), NOW)


def fingerprint(records: list[CaseRecord]) -> tuple:
    projection = project(records)
    return projection.case, projection.sequence, [r.sequence for r in projection.timeline], asdict(projection.facts)


@pytest.mark.parametrize("seed", range(25))
def test_shuffled_and_duplicated_events_give_the_same_projection(seed: int) -> None:
    rng = random.Random(seed)
    for case in scenario().cases.values():
        records = records_of(case.events)
        expected = fingerprint(records)
        shuffled = records + rng.sample(records, k=len(records) // 2 + 1)
        rng.shuffle(shuffled)
        assert fingerprint(shuffled) == expected


def test_arriving_one_by_one_in_any_order_ends_where_in_order_does() -> None:
    rng = random.Random(7)
    case = scenario().cases["b"]
    records = records_of(case.events)
    arrival = records + records[:3]
    rng.shuffle(arrival)
    seen: list[CaseRecord] = []
    for record in arrival:  # the handler re-projects everything known after each arrival
        seen.append(record)
        project(seen)
    assert fingerprint(seen) == fingerprint(records)


def test_the_board_keeps_the_snapshot_of_the_highest_sequence() -> None:
    case = CaseScript().open(T0, WY).acknowledge(WY, T0 + timedelta(minutes=5))
    opened, dispatched, acknowledged = records_of(case.events)
    assert project([acknowledged, opened]).case.status == "acknowledged"
    assert project([acknowledged, dispatched, opened]).sequence == 3
    assert project([dispatched, opened]).case.status == "dispatched"  # the acknowledgement not yet arrived


def published(events: list, dimension: str) -> dict[str, tuple]:
    """What the API publishes per group: every rate with its counts, and the time figures."""
    return {
        key: (
            g.response_rate,
            g.on_time_resolution_rate,
            g.resolution_rate,
            g.satisfaction_rate,
            g.rework_rate,
            g.return_rate,
            g.whistle_count,
            g.escalations,
            g.acknowledge_time.mean,
            g.acknowledge_time.p90,
            g.resolve_time.mean,
            g.resolve_time.p90,
        )
        for key, g in compute(facts_of(events), dimension, PERIOD, NOW).items()
    }  # type: ignore[arg-type]


def test_every_number_is_the_same_whatever_the_order_of_all_events() -> None:
    events = scenario().all_events
    expected = {d: published(events, d) for d in ("department", "community", "category")}
    for seed in range(5):
        shuffled = events + random.Random(seed).sample(events, k=10)
        random.Random(seed + 100).shuffle(shuffled)
        for dimension, figures in expected.items():
            assert published(shuffled, dimension) == figures


def test_no_free_text_or_identity_survives_into_a_record() -> None:
    everything = scenario()
    for record in records_of(everything.case_events):
        kept = repr(record)
        assert RESIDENT_NAME not in kept and RESIDENT_PHONE not in kept
        assert "worker-" not in kept
    # The events themselves did carry the strings: the test would catch a leak.
    assert any(RESIDENT_PHONE in e.model_dump_json() for e in everything.case_events)


def test_a_code_field_that_is_not_a_code_is_dropped() -> None:
    case = CaseScript().open(T0, WY)
    envelope = case.events[-1]
    data = {**envelope.data, "lead": RESIDENT_PHONE, "departments": [WY, f"{RESIDENT_NAME}"]}
    record = CaseRecord.from_event(EventType.CASE_DISPATCHED, 2, envelope.time, data)
    assert "lead" not in record.details and record.details["departments"] == [WY]
