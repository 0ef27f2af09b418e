"""Growth phase of `make bench`: the reads of a wall screen, a dispatcher and the duplicate check,
measured on a read model and a dispatch database holding N cases of history (N = 10,000 and
1,000,000 by default).

The history is written straight into the databases by set-based SQL on the server (one
`INSERT … SELECT … FROM generate_series` per table in one transaction, the way COPY loads a dump:
no per-row round trip, indexes built by the real migrations), from one template case made by the
real domain code (tracking's projection of a scripted case; dispatch's `Case.open`). Cases arrive
at a constant rate (`--per-day`, default 300 a day) ending now, so a larger N means a longer history,
not a busier month: 10k cases is a month, 1M about nine years. About 2 % (the last week) is open.

Each read is timed around the same code the HTTP handler awaits (service layer for tracking, the
repository and `best_match` for dispatch), `samples` times after a warm-up, on a fresh connection
pool; the figures are p50/p99 in ms. Usable alone: python bench/growth.py --sizes 10000 100000."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the scripted case of the tracking tests is the template

BUSY_SHARE = 0.3  # the busiest department leads this share of all cases
OPEN_DAYS = 7  # cases opened in the last week are still open


def percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, min(len(ordered), -(-int(pct * len(ordered)) // 100))) - 1]


# ------------------------------------------------------------------------------------ templates


def tracking_template() -> dict[str, Any]:
    """One closed case as tracking's projection stores it: the board view, events and facts."""
    from unit.tracking.tracking_events import T0, CaseScript

    from chuishao_tracking.adapters.store import fact_rows
    from chuishao_tracking.domain.projection import project
    from chuishao_tracking.domain.records import CaseRecord

    script = CaseScript().open(T0, "XY-ZJJ")
    script.acknowledge("XY-ZJJ", T0 + timedelta(minutes=30)).progress("XY-ZJJ", T0 + timedelta(hours=2), "已到场")
    script.resolve("XY-ZJJ", T0 + timedelta(hours=10)).verify(T0 + timedelta(hours=12), fixed=True)
    records = [CaseRecord.from_event(e.type, e.sequence, e.time, e.data) for e in script.events]
    projection = project(records)
    opened = records[0].at

    def offset(value: Any) -> float | None:
        return None if value is None else (value - opened).total_seconds()

    events = [
        {
            "sequence": r.sequence,
            "type": r.type,
            "offset": offset(r.at),
            "actor_role": r.actor_role,
            "details": json.dumps(r.details, ensure_ascii=False, default=str),
        }
        for r in records
    ]
    facts = [
        {
            **row,
            "started_at": offset(row["started_at"]),
            "due_at": offset(row["due_at"]),
            "done_at": offset(row["done_at"]),
            "ended_at": offset(row["ended_at"]),
        }
        for row in fact_rows("template", projection.facts)
    ]
    view = json.dumps(projection.case.to_json(), ensure_ascii=False, default=str)
    return {"view": view, "events": events, "facts": facts, "sequence": projection.sequence}


def dispatch_template() -> tuple[str, list[str]]:
    """A dispatched case as dispatch stores it (its document) and its jurisdiction chain."""
    from datetime import time as clock

    from chuishao_dispatch.domain import Actor, Case, ReportFacts, RoutingDecision, SlaTerms, WorkCalendar
    from chuishao_shared.reference import load_reference

    reference = load_reference()
    grid = reference.grids()[0].code
    calendar = WorkCalendar("Asia/Shanghai", clock(9), clock(17, 30), frozenset(range(5)), frozenset())
    calendar_terms = SlaTerms(acknowledge_minutes=60, resolve_minutes=1440, clock="calendar", calendar=calendar)
    at = datetime.now(UTC)
    facts = ReportFacts(
        report_id="template-report",
        category="ENV-STAIRWELL-DIRTY",
        major="ENV",
        grid=grid,
        community=reference.community_of(grid).code,
        severity="minor",
        building="5号楼",
        description="楼道堆放杂物严重，影响消防通道通行",
        handled_on_site=False,
        reporter_sub="bench",
        reported_at=at,
    )
    decision = RoutingDecision(rule_id="R1", rule_version=1, lead="XY-ZJJ", assist=(), explanation="bench")
    case, _ = Case.open("template", facts, decision, calendar_terms, Actor("bench", "system"), at)
    return json.dumps(case.to_dict(), ensure_ascii=False, default=str), reference.chain(grid)


# ------------------------------------------------------------------------------------ loading


def _case_columns(n: int, per_day: int) -> str:
    """A derived table of N cases: id, when, department, category, grid, open or not (deterministic)."""
    step = 86400.0 / per_day
    return f"""
        SELECT i, 'bench-' || lpad(i::text, 8, '0') AS id,
               now() - make_interval(secs => ({n} - i) * {step} + 60) AS opened_at,
               CASE WHEN i % 10 < {int(BUSY_SHARE * 10)} THEN CAST(:busy AS text)
                    ELSE (CAST(:departments AS text[]))[1 + (i / 10) % CAST(:n_departments AS int)] END AS department,
               (CAST(:categories AS text[]))[1 + i % CAST(:n_categories AS int)] AS category,
               (CAST(:grids AS text[]))[1 + (i / 7) % CAST(:n_grids AS int)] AS grid,
               ({n} - i) * {step} < {OPEN_DAYS} * 86400 AS is_open
        FROM generate_series(1, {n}) AS i
    """


def _named(sql: str, params: dict[str, Any]) -> tuple[str, list[Any]]:
    """:name placeholders to asyncpg's $n (longest names first)."""
    values: list[Any] = []
    for name in sorted(params, key=len, reverse=True):
        token = f":{name}"
        if token in sql:
            values.append(params[name])
            sql = sql.replace(token, f"${len(values)}")
    return sql, values


async def load_tracking(dsn: str, n: int, per_day: int, pools: dict[str, Any], template: dict[str, Any]) -> float:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await conn.execute("SET LOCAL synchronous_commit = off")
            cases = _case_columns(n, per_day)

            async def run(sql: str, **extra: Any) -> None:
                text, values = _named(sql, {**pools, **extra})
                await conn.execute(text, *values)

            await run(
                f"""INSERT INTO board_cases (id, sequence, status, is_open, category, grid, community,
                    lead_department, departments, escalation_level, next_deadline_at, opened_at, updated_at, view)
                SELECT id, CAST(:sequence AS int), CASE WHEN is_open THEN 'dispatched' ELSE 'closed' END, is_open,
                    category, grid,
                    CAST(:community AS text), department, ARRAY[department], 0,
                    CASE WHEN is_open THEN opened_at + interval '1 hour' END, opened_at,
                    opened_at + interval '12 hours',
                    CAST(:view AS jsonb) || jsonb_build_object('id', id, 'category', category, 'grid', grid)
                FROM ({cases}) c""",
                sequence=template["sequence"],
                view=template["view"],
            )
            for event in template["events"]:
                await run(
                    f"""INSERT INTO case_events (case_id, sequence, event_id, type, at, actor_role, details, snapshot)
                    SELECT id, CAST(:seq AS int), gen_random_uuid(), CAST(:type AS text),
                        opened_at + make_interval(secs => CAST(:offset AS float8)), CAST(:role AS text),
                        CAST(:details AS jsonb), '{{}}'::jsonb
                    FROM ({cases}) c WHERE NOT is_open OR CAST(:seq AS int) <= 2""",
                    seq=event["sequence"],
                    type=event["type"],
                    offset=event["offset"],
                    role=event["actor_role"],
                    details=event["details"],
                )
            for fact in template["facts"]:

                def moment(key: str, fact: dict[str, Any] = fact) -> str:
                    return (
                        "NULL::timestamptz" if fact[key] is None else f"opened_at + make_interval(secs => {fact[key]})"
                    )

                await run(
                    f"""INSERT INTO case_facts (case_id, ordinal, kind, department, community, category, started_at,
                        due_at, done_at, ended_at, label, flag, detail)
                    SELECT id, CAST(:ordinal AS int), CAST(:kind AS text), department, CAST(:community AS text),
                        category,
                        {moment("started_at")},
                        {moment("due_at")}, {moment("done_at")}, {moment("ended_at")}, CAST(:label AS text),
                        CAST(:flag AS boolean),
                        CAST(:detail AS jsonb)
                    FROM ({cases}) c""",
                    ordinal=fact["ordinal"],
                    kind=fact["kind"],
                    label=fact["label"],
                    flag=fact["flag"],
                    detail=fact["detail"],
                )
            await run(
                f"""INSERT INTO reports (report_id, category, grid, community, handled_on_site, received_at)
                SELECT 'r-' || id, category, grid, CAST(:community AS text), false, opened_at - interval '1 minute'
                FROM ({cases}) c"""
            )
            await run(
                f"""INSERT INTO feedback (report_id, case_id, sequence, satisfaction, recorded_at)
                SELECT 'r-' || id, id, 2, (ARRAY['satisfied', 'basically_satisfied', 'unsatisfied'])[1 + i % 3],
                    opened_at + interval '13 hours' FROM ({cases}) c WHERE NOT is_open AND i % 3 = 0"""
            )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def load_dispatch(dsn: str, n: int, per_day: int, pools: dict[str, Any], doc: str, chain: list[str]) -> float:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await conn.execute("SET LOCAL synchronous_commit = off")
            cases = _case_columns(n, per_day)
            sql, values = _named(
                f"""INSERT INTO cases (id, status, category, grid, community, building, jurisdiction_chain,
                    departments, active_departments, opened_at, resolve_due_at, next_timer_at, next_deadline_at,
                    escalation_level, sequence, version, doc)
                SELECT id, CASE WHEN is_open THEN 'dispatched' ELSE 'closed' END, category, grid,
                    CAST(:community AS text), '5号楼', CAST(:chain AS text[]), ARRAY[department],
                    CASE WHEN is_open THEN ARRAY[department] ELSE '{{}}' END, opened_at,
                    opened_at + interval '1 day', CASE WHEN is_open THEN opened_at + interval '1 hour' END,
                    CASE WHEN is_open THEN opened_at + interval '1 hour' END, 0, 2, 2,
                    CAST(:doc AS jsonb) || jsonb_build_object('id', id, 'category', category, 'grid', grid,
                        'opened_at', to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                FROM ({cases}) c""",
                {**pools, "doc": doc, "chain": chain},
            )
            await conn.execute(sql, *values)
            sql, values = _named(
                f"INSERT INTO report_cases (report_id, case_id) SELECT 'r-' || id, id FROM ({cases}) c", pools
            )
            await conn.execute(sql, *values)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return time.perf_counter() - started


# ------------------------------------------------------------------------------------ measuring


READS = {
    "board_list": "board list, 50 per page, keyset",
    "board_case": "one case with its timeline",
    "stats": "statistics per department, last 30 days",
    "dispatch_queue": "queue of the busiest department (30 %)",
    "duplicate_lookup": "matters of the open cases of the same category and grid, 24 h, matched, the match locked",
}
ROUNDS = 4  # the sizes are measured in turns, so a noisy neighbour weighs on each alike


async def timed(call: Any, samples: int, warmup: int = 5) -> list[float]:
    for _ in range(warmup):
        await call()
    took: list[float] = []
    for _ in range(samples):
        t0 = time.perf_counter()
        await call()
        took.append(1000 * (time.perf_counter() - t0))
    return took


def summary(read: str, took: list[float]) -> dict[str, Any]:
    return {
        "read": READS[read],
        "samples": len(took),
        "p50_ms": round(percentile(took, 50) or 0, 2),
        "p99_ms": round(percentile(took, 99) or 0, 2),
        "max_ms": round(max(took), 2),
    }


async def measure(
    tracking_url: str, dispatch_url: str, n: int, samples: int, pools: dict[str, Any]
) -> dict[str, list[float]]:
    from chuishao_dispatch.adapters.repository import QueueFilter, SqlCaseRepository
    from chuishao_dispatch.domain import Actor
    from chuishao_dispatch.domain.duplicates import MatterKey, best_match
    from chuishao_shared.reference import load_reference
    from chuishao_tracking.adapters.live import Broadcaster
    from chuishao_tracking.adapters.queries import CaseFilter
    from chuishao_tracking.domain.statistics import Period
    from chuishao_tracking.service_layer import queries
    from chuishao_tracking.views import Names

    rng = random.Random()  # other cases each round
    tracking = create_async_engine(tracking_url, pool_size=2)
    dispatch = create_async_engine(dispatch_url, pool_size=2)
    ctx = queries.TrackingContext(
        engine=tracking, names=Names(load_reference()), tz=ZoneInfo("Asia/Shanghai"), broadcaster=Broadcaster(10)
    )
    ids = [f"bench-{i:08d}" for i in (rng.randrange(1, n + 1) for _ in range(samples + 20))]
    figures: dict[str, list[float]] = {}
    try:
        pages: list[Any] = [None]

        async def board_list() -> None:
            items, following = await queries.list_board(ctx, CaseFilter(), limit=50, after=pages[-1])
            assert items or pages[-1] is not None
            pages.append(following if items and following and len(pages) < 20 else None)  # 20 pages, then again

        async def board_case() -> None:
            assert await queries.board_cases(ctx, [ids.pop()])

        async def stats() -> None:
            now = queries.now()
            body = await queries.figures_for(ctx, "department", Period(now - timedelta(days=30), now))
            assert body["items"]

        liaison = Actor("bench-liaison", "liaison", pools["busy"])

        async def dispatch_queue() -> None:
            async with dispatch.connect() as conn:
                assert await SqlCaseRepository(conn).queue(QueueFilter(actor=liaison, limit=50), datetime.now(UTC))

        async def duplicate_lookup() -> None:
            """What the report handler does before opening a case: the matters of the open cases of the
            same category and grid in the window, the similarity match, and the matched case locked."""
            category, grid = rng.choice(pools["categories"]), rng.choice(pools["grids"])
            now = datetime.now(UTC)
            window = timedelta(hours=24)
            async with dispatch.connect() as conn, conn.begin():
                repository = SqlCaseRepository(conn)
                await repository.lock_matter(category, grid)
                found = await repository.matter_candidates(category=category, grid=grid, since=now - window)
                match = best_match(
                    found,
                    MatterKey(category, grid, "5号楼", "楼道堆放杂物严重", now),
                    window=window,
                    min_similarity=0.3,
                )
                if match is not None:
                    await repository.lock(match)
                await conn.rollback()

        calls = {
            "board_list": board_list,
            "board_case": board_case,
            "stats": stats,
            "dispatch_queue": dispatch_queue,
            "duplicate_lookup": duplicate_lookup,
        }
        for read, call in calls.items():
            figures[read] = await timed(call, samples)
    finally:
        await tracking.dispose()
        await dispatch.dispose()
    return figures


# ------------------------------------------------------------------------------------ the phase


async def growth_phase(
    admin_dsn: str, sizes: list[int], *, per_day: int = 300, samples: int = 200, keep: bool = False
) -> dict[str, Any]:
    from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
    from chuishao_shared.devstack import create_databases, database_dsn
    from chuishao_shared.migrations import upgrade_head
    from chuishao_shared.reference import load_reference
    from chuishao_shared.settings import get_settings
    from chuishao_tracking.bootstrap import MIGRATIONS as TRACKING_MIGRATIONS

    reference = load_reference()
    departments = sorted(reference.departments)
    pools = {
        "busy": departments[0],
        "departments": departments[1:],
        "n_departments": len(departments) - 1,
        "categories": sorted(reference.categories)[:20],
        "n_categories": min(20, len(reference.categories)),
        "grids": [g.code for g in reference.grids()],
        "n_grids": len(reference.grids()),
        "community": reference.grids()[0].parent,
    }
    template = tracking_template()
    doc, chain = dispatch_template()
    out: dict[str, Any] = {"per_day": per_day, "samples": samples, "sizes": {}}
    databases: dict[int, tuple[str, str]] = {}
    for n in sizes:
        names = [f"growth_tracking_{n}", f"growth_dispatch_{n}"]
        await create_databases(admin_dsn, names, recreate=True)
        tracking_dsn, dispatch_dsn = (database_dsn(admin_dsn, name) for name in names)
        tracking_url = get_settings(database_url=tracking_dsn).sqlalchemy_url
        dispatch_url = get_settings(database_url=dispatch_dsn).sqlalchemy_url
        await asyncio.to_thread(upgrade_head, TRACKING_MIGRATIONS, tracking_url)
        await asyncio.to_thread(upgrade_head, DISPATCH_MIGRATIONS, dispatch_url)
        load_tracking_s = await load_tracking(tracking_dsn, n, per_day, pools, template)
        load_dispatch_s = await load_dispatch(dispatch_dsn, n, per_day, pools, doc, chain)
        databases[n] = (tracking_url, dispatch_url)
        out["sizes"][str(n)] = {
            "load_seconds": {"tracking": round(load_tracking_s, 1), "dispatch": round(load_dispatch_s, 1)},
            "history_days": round(n / per_day, 1),
        }
        print(f"growth: {n} cases loaded in {load_tracking_s + load_dispatch_s:.1f} s", flush=True)
    took: dict[int, dict[str, list[float]]] = {n: {read: [] for read in READS} for n in sizes}
    for _ in range(ROUNDS):
        for n in sizes:
            for read, values in (await measure(*databases[n], n, max(samples // ROUNDS, 1), pools)).items():
                took[n][read] += values
    for n in sizes:
        figures = {read: summary(read, values) for read, values in took[n].items()}
        out["sizes"][str(n)].update(figures)
        print(f"growth n={n}: " + ", ".join(f"{k} p99 {v['p99_ms']} ms" for k, v in figures.items()), flush=True)
    if not keep:
        conn = await asyncpg.connect(admin_dsn)
        try:
            for n in sizes:
                await conn.execute(f'DROP DATABASE "growth_tracking_{n}"')
                await conn.execute(f'DROP DATABASE "growth_dispatch_{n}"')
        finally:
            await conn.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import Stack

    stack = Stack().start()
    try:
        result = asyncio.run(growth_phase(stack.admin_dsn, args.sizes, per_day=args.per_day, samples=args.samples))
    finally:
        stack.close()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
