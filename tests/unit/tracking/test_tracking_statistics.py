"""Every published number of the scripted scenario equals the value worked out by hand below
(docs/statistics.md gives the rules; the comments show the items each number counts)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from unit.tracking.tracking_events import T0
from unit.tracking.tracking_scenario import (
    DISPUTE,
    EBIKE,
    FUQIANG,
    GPS,
    JWH,
    PCS,
    SEWER,
    STAIRWELL,
    WUYANG,
    WY,
    ZJJ,
    facts_of,
    scenario,
)

from chuishao_tracking.domain import statistics
from chuishao_tracking.domain.facts import AckRequest, ResolveCycle
from chuishao_tracking.domain.statistics import Period, ack_outcome, compute, resolve_outcome

PERIOD = Period(T0 - timedelta(days=1), T0 + timedelta(days=20))
NOW = T0 + timedelta(days=30)  # every deadline of the scenario has passed


@pytest.fixture(scope="module")
def facts():
    return facts_of(scenario().all_events)


def rates(group: statistics.GroupFigures) -> dict[str, float | None]:
    return {
        "响应率": group.response_rate.value,
        "按时办结率": group.on_time_resolution_rate.value,
        "解决率": group.resolution_rate.value,
        "满意率": group.satisfaction_rate.value,
        "返工率": group.rework_rate.value,
        "退单率": group.return_rate.value,
    }


def test_departments(facts) -> None:
    by = compute(facts, "department", PERIOD, NOW)
    # 五阳物业 WY — acknowledge requests: A on time (30 min), B late (2 h), B's rework on time (30 min),
    # F withdrawn by the cancellation before its deadline (left out), G never (late).
    # Resolve rounds: A on time (10 h), B late (30 h, reworked), B's rework on time (8 h), G unresolved past
    # its deadline (late), F cancelled before its deadline (left out). Closed: A and B, both fixed.
    # Feedback: A satisfied, B basically satisfied.
    assert rates(by[WY]) == {
        "响应率": 0.5,
        "按时办结率": 0.5,
        "解决率": 1.0,
        "满意率": 1.0,
        "返工率": 0.3333,
        "退单率": 0.0,
    }
    assert (by[WY].assignments, by[WY].acknowledge_decided, by[WY].acknowledged_on_time) == (5, 4, 2)
    assert (by[WY].due, by[WY].resolved_on_time, by[WY].resolved, by[WY].reworked) == (4, 2, 3, 1)
    assert by[WY].acknowledge_time.mean == 3600.0  # (1800 + 7200 + 1800) / 3
    assert by[WY].acknowledge_time.p90 == 7200.0  # nearest rank 3 of 3
    assert by[WY].resolve_time.mean == 57600.0  # (36000 + 108000 + 28800) / 3
    assert by[WY].resolve_time.p90 == 108000.0
    assert by[WY].escalations == 1  # G's missed acknowledgement
    # 住建局 ZJJ — B on time (assisting), B's rework never acknowledged before the lead resolved it (late),
    # C after GPS returned it: late (due 3h20, acknowledged 5h). C resolved on time, fixed, resident unsatisfied.
    assert rates(by[ZJJ]) == {
        "响应率": 0.3333,
        "按时办结率": 1.0,
        "解决率": 1.0,
        "满意率": 0.0,
        "返工率": 0.0,
        "退单率": 0.0,
    }
    assert by[ZJJ].acknowledge_time.mean == 5700.0  # (1800 + 9600) / 2
    # 供排水 GPS returned C within its deadline: a return, not a late response.
    assert rates(by[GPS]) == {
        "响应率": None,
        "按时办结率": None,
        "解决率": None,
        "满意率": None,
        "返工率": None,
        "退单率": 1.0,
    }
    # 居委会 JWH: acknowledged D in 10 min, resolved it 3 h late; the case closed as not fixable.
    assert rates(by[JWH]) == {
        "响应率": 1.0,
        "按时办结率": 0.0,
        "解决率": 0.0,
        "满意率": None,
        "返工率": 0.0,
        "退单率": 0.0,
    }
    assert by[JWH].escalations == 1  # D's missed resolve deadline, charged to the lead
    # 派出所 PCS: summoned to D by a whistle, acknowledged within 30 min.
    assert rates(by[PCS])["响应率"] == 1.0
    assert by[PCS].whistle_count == 1 and by[WY].whistle_count == 0


def test_communities(facts) -> None:
    by = compute(facts, "community", PERIOD, NOW)
    wuyang = by[WUYANG]
    # Acknowledge requests: 10 made (A1, B2, B'2, C2, D2, F1); GPS's return and F's withdrawal left out of
    # the 8 decided; on time: A-WY, B-ZJJ, B'-WY, D-JWH, D-PCS.
    # Resolve rounds due: A, B, B', C, D (F cancelled before due; E handled on site has none): on time A, B', C.
    # Closed: A, B, C fixed, E handled on site, D not fixable. Feedback: satisfied, basically, unsatisfied.
    assert rates(wuyang) == {
        "响应率": 0.625,
        "按时办结率": 0.6,
        "解决率": 0.8,
        "满意率": 0.6667,
        "返工率": 0.2,
        "退单率": 0.1,
    }
    assert wuyang.acknowledge_time.mean == 3514.3  # 24600 / 7
    assert wuyang.acknowledge_time.p90 == 9600.0
    assert wuyang.resolve_time.mean == 66960.0  # 334800 / 5
    assert wuyang.resolve_time.p90 == 108000.0
    assert wuyang.reports == 6 and wuyang.whistle_count == 7  # 6 reports + 1 dispatcher whistle
    assert wuyang.escalations == 1
    fuqiang = by[FUQIANG]
    assert rates(fuqiang) == {
        "响应率": 0.0,
        "按时办结率": 0.0,
        "解决率": None,
        "满意率": None,
        "返工率": None,
        "退单率": 0.0,
    }
    assert fuqiang.whistle_count == 1 and fuqiang.escalations == 1


def test_categories_and_monthly_top(facts) -> None:
    by = compute(facts, "category", PERIOD, NOW)
    # 楼道卫生脏乱: A, B and E (handled on site).
    assert rates(by[STAIRWELL]) == {
        "响应率": 0.6,
        "按时办结率": 0.6667,
        "解决率": 1.0,
        "满意率": 1.0,
        "返工率": 0.3333,
        "退单率": 0.0,
    }
    # 下水堵塞: C (returned by GPS, resolved on time by ZJJ) and G (never acknowledged).
    assert rates(by[SEWER]) == {
        "响应率": 0.0,
        "按时办结率": 0.5,
        "解决率": 1.0,
        "满意率": 0.0,
        "返工率": 0.0,
        "退单率": 0.3333,
    }
    assert by[DISPUTE].whistle_count == 2  # the report and the dispatcher's whistle
    assert by[EBIKE].due == 0  # cancelled before its deadline
    top = statistics.monthly_top(facts, PERIOD, statistics_tz())
    assert [(m.month, m.categories) for m in top] == [
        ("2025-06", ((STAIRWELL, 3), (SEWER, 2), (EBIKE, 1)))
    ]  # a tie is broken by code


def statistics_tz():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Shanghai")


def test_the_period_selects_items_by_their_own_timestamp(facts) -> None:
    # Only [0 h, 2 h): requests made then are A-WY, B-WY and B-ZJJ (C-GPS came at 2 h, the end is exclusive).
    early = compute(facts, "community", Period(T0, T0 + timedelta(hours=2)), NOW)[WUYANG]
    assert (early.assignments, early.acknowledged_on_time, early.acknowledge_decided) == (3, 2, 3)
    assert early.due == 0 and early.closed == 0  # no deadline and no closure fell in those hours
    assert compute(facts, "community", Period(T0 + timedelta(days=25), NOW), NOW) == {}


def test_undecided_items_are_left_out_until_their_deadline_passes() -> None:
    request = AckRequest("c", "D", "lead", "X", "Y", requested_at=T0, due_at=T0 + timedelta(hours=1))
    assert ack_outcome(request, now=T0 + timedelta(minutes=59)) is None
    assert ack_outcome(request, now=T0 + timedelta(minutes=61)) == "late"
    request.acknowledged_at = T0 + timedelta(hours=1)  # exactly at the deadline is in time
    assert ack_outcome(request, now=T0 + timedelta(days=9)) == "on_time"
    cycle = ResolveCycle("c", "X", "Y", started_at=T0, due_at=T0 + timedelta(hours=24))
    assert resolve_outcome(cycle, now=T0 + timedelta(hours=23)) is None
    assert resolve_outcome(cycle, now=T0 + timedelta(hours=25)) == "late"
    cycle.ended_at = T0 + timedelta(hours=2)  # cancelled before its deadline: not counted at all
    assert resolve_outcome(cycle, now=T0 + timedelta(hours=25)) is None


def test_p90_is_the_nearest_rank() -> None:
    assert statistics.Durations(tuple(float(i) for i in range(1, 11))).p90 == 9.0
    assert statistics.Durations(tuple(float(i) for i in range(1, 12))).p90 == 10.0
    assert statistics.Durations((5.0,)).p90 == 5.0
    assert statistics.Durations(()).p90 is None and statistics.Durations(()).mean is None


def test_league_orders_by_on_time_resolution_then_response(facts) -> None:
    order = [g.key for g in statistics.league(compute(facts, "department", PERIOD, NOW).values())]
    assert order == [ZJJ, WY, JWH, PCS, GPS]
