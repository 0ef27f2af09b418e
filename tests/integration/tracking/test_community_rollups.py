"""The community figures read from rollups (migration 0009: the needs' tally kept by a trigger, the hours
per community and day and per member and year kept with every hours.recorded) equal the same figures
summed from the raw rows, over random needs moving through their states (some events arriving late and
changing nothing) and a year and a half of hours entries, for periods of every shape: under a day,
across midnights and the year's turn, ending in June (the months summed) and in December (the year less
its last month)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_tracking.adapters import community_queries as q
from chuishao_tracking.adapters import community_store
from chuishao_tracking.adapters.community_queries import NeedFilter
from chuishao_tracking.domain.community import HoursRecord, MemberRecord, NeedRecord

COMMUNITIES = ("XY-WQ-WY", "LX-DC-BH", "TN-CS-FQXC")
KINDS = ("elderly_care", "errand", "repair")
PATH = ("open", "claimed", "in_progress", "done", "confirmed")
START = datetime(2025, 6, 1, tzinfo=UTC)


def need(need_id: str, sequence: int, status: str, at: datetime, community: str, kind: str) -> NeedRecord:
    kinds = {"open": "need.recorded", "claimed": "need.claimed", "confirmed": "need.confirmed"}
    return NeedRecord(
        need_id=need_id,
        sequence=sequence,
        type=kinds.get(status, f"need.{status}"),
        at=at,
        community=community,
        grid=f"{community}-G01",
        kind=kind,
        status=status,
        urgency="normal",
        helpers=1,
        skills=(),
        wanted_by=at + timedelta(days=7),
        claimant_kind=None,
        claim_id=None,
        claim_status=None,
        satisfaction="satisfied" if status == "confirmed" else None,
        release_count=0,
        lapse_count=0,
    )


async def _load(engine: AsyncEngine, rng: random.Random) -> None:
    async with engine.begin() as conn:
        for i in range(300):
            community, kind = rng.choice(COMMUNITIES), rng.choice(KINDS)
            at = START + timedelta(minutes=rng.randrange(0, 540 * 24 * 60))
            steps = PATH[: rng.randrange(1, len(PATH) + 1)]
            if rng.random() < 0.1:
                steps = (*steps[:2], "cancelled")
            records = [
                need(f"n-{i}", s, status, at + timedelta(hours=s), community, kind) for s, status in enumerate(steps, 1)
            ]
            late = records[:-1]
            rng.shuffle(late)
            for record in (*records, *late[:2]):  # two stale events after the last: no change
                await community_store.save_need(conn, record)
        for m in range(40):
            record = MemberRecord.from_event(
                f"m-{m}",
                1,
                {
                    "member_id": f"m-{m}",
                    "community": COMMUNITIES[m % 3],
                    "status": "active",
                    "party_member": m % 2 == 0,
                    "at": (START - timedelta(days=10)).isoformat(),
                },
            )
            assert record is not None
            await community_store.save_member(conn, record)
        for e in range(4000):
            at = START + timedelta(seconds=rng.randrange(0, 540 * 24 * 3600))
            entry = HoursRecord(
                f"h-{e}",
                f"m-{e % 40}",
                COMMUNITIES[(e % 40) % 3],
                rng.choice((0.5, 1.0, 2.5)),
                rng.choice(("need", "activity", "granted")),
                at,
            )
            await community_store.save_hours(conn, entry)
            if e % 97 == 0:
                await community_store.save_hours(conn, entry)  # delivered twice: counted once


async def _rows(engine: AsyncEngine, sql: str, params: dict[str, Any]) -> set[tuple[Any, ...]]:
    async with engine.connect() as conn:
        return {tuple(r) for r in (await conn.execute(text(sql), params)).all()}


async def test_figures_from_rollups_equal_figures_from_the_rows(engine: AsyncEngine) -> None:
    await _load(engine, random.Random(21))

    # The wish wall's counts: the tally equals a count over the needs, with and without a filter.
    for flt in (NeedFilter(), NeedFilter(community="LX-DC-BH"), NeedFilter(kind="repair")):
        async with engine.connect() as conn:
            tallied = {tuple(r) for r in await q.wall_counts(conn, flt)}
        where, params = ["true"], {"under_way": ["claimed", "in_progress", "done"]}
        if flt.community:
            where.append(f"community = '{flt.community}'")
        if flt.kind:
            where.append(f"kind = '{flt.kind}'")
        counted = await _rows(
            engine,
            "SELECT community, count(*), count(*) FILTER (WHERE status = 'open'), "
            "count(*) FILTER (WHERE status = ANY(:under_way)), count(*) FILTER (WHERE status = 'confirmed') "
            f"FROM community_needs WHERE {' AND '.join(where)} GROUP BY community",
            params,
        )
        assert tallied == counted and tallied

    periods = [
        (datetime(2025, 12, 31, 10, 0, tzinfo=UTC), datetime(2026, 1, 2, 3, 4, tzinfo=UTC)),  # the year's turn
        (datetime(2026, 3, 5, 1, 0, tzinfo=UTC), datetime(2026, 3, 5, 9, 0, tzinfo=UTC)),  # under a day
        (datetime(2026, 5, 17, 16, 0, tzinfo=UTC), datetime(2026, 6, 16, 16, 0, tzinfo=UTC)),  # June: months
        (datetime(2026, 11, 10, 7, 30, tzinfo=UTC), datetime(2026, 11, 20, 5, 0, tzinfo=UTC)),  # December is next
        (datetime(2025, 11, 20, 0, 0, tzinfo=UTC), datetime(2025, 12, 20, 13, 13, tzinfo=UTC)),  # December: the year
    ]
    for start, end in periods:
        span = {"start": start, "end": end}
        async with engine.connect() as conn:
            rolled = {
                (r.community, r.source, float(r.hours), int(r.entries))
                for r in await conn.execute(q._HOURS_FIGURES, {**span, **q.day_span(start, end)})
            }
        raw = {
            (r[0], r[1], float(r[2]), int(r[3]))
            for r in await _rows(
                engine,
                "SELECT community, source, sum(hours), count(*) FROM community_hours "
                "WHERE at >= :start AND at < :end GROUP BY 1, 2",
                span,
            )
        }
        assert rolled == raw and raw, (start, end, rolled ^ raw)

        year_start = datetime(end.year, 1, 1, tzinfo=UTC) - timedelta(hours=8)  # the local year (UTC+8)
        first_month, last_month = q.month_edges(year_start, end)
        members = {**span, "year_start": year_start, "due_hours": 30.0, "first_month": first_month}
        members.update({"last_month": last_month, **q.year_sum_plan(first_month, last_month)})
        async with engine.connect() as conn:
            figures = {tuple(r) for r in await conn.execute(q._MEMBER_FIGURES, members)}
        expected = await _rows(
            engine,
            "WITH reporting AS (SELECT member_id, community, party_member FROM community_members "
            "WHERE active_since < :end AND (left_at IS NULL OR left_at >= :end)), "
            "active AS (SELECT DISTINCT member_id FROM community_hours WHERE at >= :start AND at < :end), "
            "year AS (SELECT member_id, sum(hours) AS hours FROM community_hours "
            "WHERE at >= :year_start AND at < :end GROUP BY member_id) "
            "SELECT r.community, count(*), count(a.member_id), count(*) FILTER (WHERE r.party_member), "
            "count(*) FILTER (WHERE r.party_member AND COALESCE(y.hours, 0) >= :due_hours) "
            "FROM reporting r LEFT JOIN active a USING (member_id) LEFT JOIN year y USING (member_id) "
            "GROUP BY r.community",
            {**span, "year_start": year_start, "due_hours": 30.0},
        )
        assert figures == expected, (start, end)
    # Both ways of summing the year were taken.
    assert q.year_sum_plan(*q.month_edges(datetime(2024, 12, 31, 16, tzinfo=UTC), periods[4][1]))["by_year"]
    assert not q.year_sum_plan(*q.month_edges(datetime(2025, 12, 31, 16, tzinfo=UTC), periods[2][1]))["by_year"]
