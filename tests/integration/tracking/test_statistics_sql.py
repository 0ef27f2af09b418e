"""The figures the database sums (`adapters.queries.group_figures`, what the API and the board serve)
equal the reference calculator `domain.statistics.compute` (which the unit tests hold to the numbers
worked out by hand) over the same read model: the scripted scenario through the real projection, and
a few hundred random facts with every edge the rules name (no deadline, exactly at the deadline,
returned, withdrawn, ended before or after the deadline, a whistle to several departments, feedback
on a case or only on a report), for every dimension and many periods and clocks."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from unit.tracking.tracking_events import T0
from unit.tracking.tracking_scenario import WUYANG, WY, scenario

from chuishao_tracking.adapters import queries, store
from chuishao_tracking.domain import statistics
from chuishao_tracking.domain.facts import AckRequest, CaseFacts, Closure, Escalation, ResolveCycle, Whistle
from chuishao_tracking.domain.statistics import DIMENSIONS, GroupFigures, Period
from chuishao_tracking.entrypoints.consumer import on_event

TZ = ZoneInfo("Asia/Shanghai")


def published(group: GroupFigures) -> tuple[Any, ...]:
    """Everything the API shows of a group (views.figures reads exactly these)."""
    return (
        group.response_rate.value,
        group.on_time_resolution_rate.value,
        group.resolution_rate.value,
        group.satisfaction_rate.value,
        group.rework_rate.value,
        group.return_rate.value,
        group.acknowledge_time.mean,
        group.acknowledge_time.p90,
        group.resolve_time.mean,
        group.resolve_time.p90,
        group.whistle_count,
        group.escalations,
        group.assignments,
        group.acknowledge_decided,
        group.acknowledged_on_time,
        group.returned,
        group.due,
        group.resolved_on_time,
        group.resolved,
        group.reworked,
        group.closed,
        group.closed_fixed,
        group.feedback,
        group.satisfaction["satisfied"],
        group.satisfaction["basically_satisfied"],
        group.satisfaction["unsatisfied"],
        group.reports,
        group.dispatcher_whistles,
    )


async def assert_sql_equals_reference(engine: AsyncEngine, periods: list[Period], clocks: list[Any]) -> int:
    compared = 0
    async with engine.connect() as conn:
        for period in periods:
            facts = await queries.load_facts(conn, period)
            for now in clocks:
                for dimension in DIMENSIONS:
                    expected = statistics.compute(facts, dimension, period, now)
                    got = await queries.group_figures(conn, dimension, period, now)
                    assert {k: published(g) for k, g in got.items()} == {
                        k: published(g) for k, g in expected.items()
                    }, (dimension, period, now)
                    compared += len(expected)
            assert await queries.monthly_top(conn, period, TZ.key) == statistics.monthly_top(facts, period, TZ)
    return compared


async def test_the_scenario_through_the_projection_gives_the_same_figures(engine: AsyncEngine) -> None:
    for envelope in scenario().all_events:
        async with engine.begin() as conn:
            await on_event(conn, envelope)
    periods = [
        Period(T0 - timedelta(days=1), T0 + timedelta(days=20)),  # the unit tests' period
        Period(T0, T0 + timedelta(hours=2)),
        Period(T0 + timedelta(hours=3), T0 + timedelta(hours=33)),
        Period(T0 + timedelta(days=25), T0 + timedelta(days=30)),  # nothing in it
    ]
    clocks = [T0 + timedelta(hours=h) for h in (1.5, 5, 30, 24 * 30)]
    assert await assert_sql_equals_reference(engine, periods, clocks) > 50
    async with engine.connect() as conn:  # and the hand-worked numbers of the unit tests, directly
        by = await queries.group_figures(conn, "department", periods[0], clocks[-1])
        assert (by[WY].acknowledge_time.mean, by[WY].acknowledge_time.p90) == (3600.0, 7200.0)
        assert (by[WY].resolve_time.mean, by[WY].resolve_time.p90) == (57600.0, 108000.0)
        wuyang = (await queries.group_figures(conn, "community", periods[0], clocks[-1]))[WUYANG]
        assert (wuyang.acknowledge_time.mean, wuyang.response_rate.value, wuyang.whistle_count) == (3514.3, 0.625, 7)


def random_case_facts(rng: random.Random, case_id: str) -> CaseFacts:
    departments, communities, categories = ["D1", "D2", "D3", ""], ["C1", "C2"], ["K1", "K2", "K3"]
    community, category = rng.choice(communities), rng.choice(categories)

    def moment(base: Any = T0, spread_hours: int = 72) -> Any:
        return base + timedelta(seconds=rng.randrange(0, spread_hours * 3600) + rng.random())

    def maybe(value: Any, p: float = 0.5) -> Any:
        return value if rng.random() < p else None

    facts = CaseFacts()
    for _ in range(rng.randrange(0, 4)):
        start = moment()
        due = rng.choice([None, start + timedelta(hours=1)])
        done = maybe(rng.choice([start + timedelta(hours=1), moment(start, 3)]), 0.6)  # exactly at the deadline too
        ended = None if done else maybe(moment(start, 3))
        facts.acks.append(
            AckRequest(
                case_id,
                rng.choice(departments),
                rng.choice(["lead", "assist"]),
                community,
                category,
                start,
                due,
                done,
                ended,
                None if ended is None else rng.choice(["returned", "withdrawn"]),
            )
        )
    for _ in range(rng.randrange(0, 3)):
        start = moment()
        due = maybe(start + timedelta(hours=24), 0.8)
        resolved = maybe(rng.choice([start + timedelta(hours=24), moment(start, 48)]))
        facts.cycles.append(
            ResolveCycle(
                case_id,
                community,
                category,
                start,
                maybe(rng.choice(departments), 0.9),
                due,
                resolved,
                None if resolved else maybe(moment(start, 48)),
                rng.random() < 0.3,
            )
        )
    if rng.random() < 0.5:
        resolution = rng.choice(["fixed", "handled_on_site", "not_fixable", "other", ""])
        facts.closures.append(
            Closure(case_id, community, category, maybe(rng.choice(departments)), moment(), resolution)
        )
    if rng.random() < 0.3:
        summoned = tuple(rng.sample(departments[:3], rng.randrange(1, 4)))
        facts.whistles.append(Whistle(case_id, community, category, moment(), summoned))
    if rng.random() < 0.3:
        facts.escalations.append(Escalation(case_id, community, category, maybe(rng.choice(departments)), moment(), 1))
    return facts


async def test_random_facts_give_the_same_figures(engine: AsyncEngine) -> None:
    rng = random.Random(15)
    async with engine.begin() as conn:
        for i in range(120):
            case_id = f"case-{i}"
            rows = store.fact_rows(case_id, random_case_facts(rng, case_id))
            if rows:
                await conn.execute(
                    text(
                        "INSERT INTO case_facts (case_id, ordinal, kind, department, community, category, "
                        "started_at, due_at, done_at, ended_at, label, flag, detail) VALUES (:case_id, :ordinal, "
                        ":kind, :department, :community, :category, :started_at, :due_at, :done_at, :ended_at, "
                        ":label, :flag, CAST(:detail AS jsonb))"
                    ),
                    rows,
                )
            if i % 2:  # a board row for the feedback's attribution; every other case has none (report only)
                await conn.execute(
                    text(
                        "INSERT INTO board_cases (id, sequence, status, is_open, category, grid, community, "
                        "lead_department, departments, escalation_level, opened_at, updated_at, view) VALUES "
                        "(:id, 1, 'closed', false, 'K1', 'G', :community, :lead, '{}', 0, :t, :t, '{}')"
                    ),
                    {"id": case_id, "community": rng.choice(["C1", "C2"]), "lead": rng.choice(["D1", None]), "t": T0},
                )
            await store.save_reports(
                conn,
                [
                    {
                        "report_id": f"r-{i}",
                        "category": rng.choice(["K1", "K2"]),
                        "grid": "G",
                        "community": rng.choice(["C1", "C2"]),
                        "handled_on_site": False,
                        "received_at": T0 + timedelta(hours=rng.randrange(0, 72)),
                    }
                ],
            )
            if rng.random() < 0.6:
                await store.save_feedback(
                    conn,
                    report_id=f"r-{i}",
                    case_id=case_id,
                    sequence=1,
                    satisfaction=rng.choice(["satisfied", "basically_satisfied", "unsatisfied"]),
                    recorded_at=T0 + timedelta(hours=rng.randrange(0, 72)),
                )
    periods = [
        Period(T0 - timedelta(days=1), T0 + timedelta(days=5)),
        Period(T0 + timedelta(hours=20), T0 + timedelta(hours=44)),
    ]
    clocks = [T0 + timedelta(hours=30), T0 + timedelta(days=10)]
    assert await assert_sql_equals_reference(engine, periods, clocks) > 20


async def test_daily_series_from_sql_counts_equals_the_reference(engine: AsyncEngine) -> None:
    for envelope in scenario().all_events:
        async with engine.begin() as conn:
            await on_event(conn, envelope)
    now = T0 + timedelta(days=3)
    since = now - timedelta(days=31)
    async with engine.connect() as conn:
        counts = await queries.daily_counts(conn, since, TZ.key)
        events = await queries.daily_events(conn, since)
    expected = statistics.daily_series(events, 30, now, TZ)
    assert statistics.daily_from_counts(counts, 30, now, TZ) == expected
    assert sum(d.opened for d in expected) >= 5
