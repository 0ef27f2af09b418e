"""Escalation measured (pure, issue 25 item 4): the step reached at 签收, the shares of the chains that
have ended, percentiles as PostgreSQL's percentile_cont, and who may read which department's figures."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chuishao_notify.adapters.escalation_stats import Figure
from chuishao_notify.domain.escalation_stats import REACHED, first_person_share, percentile, reached, shares
from chuishao_notify.domain.rosters import SHANGHAI
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.escalation_stats import departments_of, period, summary
from chuishao_shared.auth import Principal
from chuishao_shared.problems import Problem
from chuishao_shared.reference import load_reference


@pytest.mark.parametrize(
    ("told", "acknowledged", "running", "expected"),
    [
        (["level"], True, False, "first"),
        (["head"], True, False, "first"),  # a gap at level 1: the head was the first person told
        (["level", "level"], True, False, "next_layer"),
        (["level", "head"], True, False, "head"),
        (["level", "head", "desk"], True, False, "desk"),
        (["level", "head", "desk", "level"], True, False, "next_layer"),  # the repeat's level 1
        ([], True, False, "none_told"),
        (["level", "head"], False, False, "never"),
        (["level"], False, True, "waiting"),
    ],
)
def test_the_step_reached(told: list[str], acknowledged: bool, running: bool, expected: str) -> None:
    assert reached(told, acknowledged=acknowledged, running=running) == expected


def test_shares_leave_waiting_chains_out_and_cover_every_step() -> None:
    counts = {"first": 6, "head": 2, "desk": 1, "never": 1, "waiting": 5}
    got = shares(counts)
    assert list(got) == list(REACHED)
    assert got == {"first": 0.6, "next_layer": 0.0, "head": 0.2, "desk": 0.1, "none_told": 0.0, "never": 0.1}
    assert first_person_share(counts) == 0.6
    assert shares({"waiting": 3}) == dict.fromkeys(REACHED)
    assert round(sum(v for v in shares({"first": 1, "head": 1, "desk": 1}).values() if v), 3) == 1.0


def test_percentile_interpolates_as_percentile_cont() -> None:
    assert percentile([], 0.5) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0], 0.9) == pytest.approx(91.0)
    with pytest.raises(ValueError):
        percentile([1.0], 1.5)


def test_summary_counts_acknowledged_waiting_and_never() -> None:
    got = summary(
        Figure(5, 120.0, 300.0),
        {
            "first": Figure(2, 60.0, 90.0),
            "head": Figure(1, 900.0, 900.0),
            "never": Figure(1, None, None),
            "waiting": Figure(1, None, None),
        },
    )
    assert (got["cases"], got["acknowledged"], got["waiting"]) == (5, 3, 1)
    assert got["first_person_share"] == 0.5
    assert [s["step"] for s in got["by_step"]] == list(REACHED)
    assert got["by_step"][0] == {"step": "first", "count": 2, "share": 0.5, "median_seconds": 60.0, "p90_seconds": 90.0}


def _ctx() -> NotifyContext:
    return NotifyContext(reference=load_reference(), names=None, schedule=None)  # type: ignore[arg-type]


def test_a_dispatcher_measures_the_departments_within_their_jurisdiction() -> None:
    ctx = _ctx()
    street = departments_of(ctx, Principal(sub="d", role="dispatcher", jurisdiction="XY-WQ"))
    assert street and all(code.startswith("XY-WQ-") for code in street)
    assert "XY-WQ-WY-WY" in street and "XY-CGJ" not in street
    county = departments_of(ctx, Principal(sub="d", role="dispatcher", jurisdiction="XY"))
    assert set(street) < set(county) and "XY-CGJ" in county and not any(c.startswith("TN") for c in county)
    assert departments_of(ctx, Principal(sub="a", role="admin")) == sorted(ctx.reference.departments)
    assert departments_of(ctx, Principal(sub="l", role="liaison", department="XY-WQ-WY-WY")) == []
    assert departments_of(ctx, Principal(sub="d", role="dispatcher")) == []


def test_the_period_defaults_to_a_week_and_names_the_bad_field() -> None:
    start, end = period(None, None)
    assert end - start == timedelta(days=7)
    naive = period(datetime(2026, 12, 1), datetime(2026, 12, 2))
    assert naive[0].tzinfo is SHANGHAI
    for bad, field in (
        ((datetime(2026, 12, 2), datetime(2026, 12, 1)), "to"),
        ((datetime(2025, 1, 1), datetime(2026, 12, 1)), "from"),
        ((datetime(1, 1, 1), None), "from"),
        ((None, datetime(9999, 12, 31)), "to"),
    ):
        with pytest.raises(Problem) as raised:
            period(*bad)
        assert raised.value.status == 422 and raised.value.errors[0]["field"] == field  # type: ignore[index]
