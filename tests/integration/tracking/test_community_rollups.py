"""The community figures read from rollups (migration 0009: the needs' tally kept by a trigger, the hours
per community and day and per member and year kept with every hours.recorded; migration 0010: each
entry's predecessor and the active days, the members' tally, the local years and the party members per
yearly total, kept by triggers) equal the same figures summed from the raw rows, over random needs
moving through their states (some events arriving late and changing nothing) and a year and a half of
hours entries arriving in random order, for periods of every shape: under a day, across midnights and
the year's turn, ending in June (the months summed) and in December (the year less its last month),
starting on a midnight, ending at the local year's start (nothing due yet); and over members who apply,
join, leave, change community or party flag, and whose hours arrive before them or in another
community."""

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
from chuishao_tracking.domain.statistics import Period

COMMUNITIES = ("XY-WQ-WY", "LX-DC-BH", "TN-CS-FQXC")
KINDS = ("elderly_care", "errand", "repair")
PATH = ("open", "claimed", "in_progress", "done", "confirmed")
# Other ways through: released and claimed again, lapsed, expired, whistled (status after a release or a
# lapse: open again).
OTHER_PATHS = (
    ("open", "claimed", "released", "claimed", "in_progress", "done", "confirmed"),
    ("open", "claimed", "lapsed", "expired"),
    ("open", "claimed", "whistled"),
    ("open", "expired"),
)
AGAIN_OPEN = {"released": "need.released", "lapsed": "need.lapsed"}
START = datetime(2025, 6, 1, tzinfo=UTC)


def need(
    need_id: str,
    sequence: int,
    status: str,
    at: datetime,
    community: str,
    kind: str,
    claim: str | None = None,
    satisfaction: str | None = "satisfied",
) -> NeedRecord:
    kinds = {"open": "need.recorded", "claimed": "need.claimed", "confirmed": "need.confirmed", **AGAIN_OPEN}
    return NeedRecord(
        need_id=need_id,
        sequence=sequence,
        type=kinds.get(status, f"need.{status}"),
        at=at,
        community=community,
        grid=f"{community}-G01",
        kind=kind,
        status="open" if status in AGAIN_OPEN else status,
        urgency="normal",
        helpers=1,
        skills=(),
        wanted_by=at + timedelta(days=7),
        claimant_kind=None,
        claim_id=claim,
        claim_status=None,
        satisfaction=satisfaction if status == "confirmed" else None,
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
            elif rng.random() < 0.3:
                steps = rng.choice(OTHER_PATHS)
            satisfaction = rng.choice(("satisfied", "basically_satisfied", "dissatisfied", None))
            records, when, claims = [], at, 0
            for s, status in enumerate(steps, 1):
                claims += status == "claimed"
                claim = f"c-{i}-{claims}" if claims and status not in ("open", "expired") else None
                records.append(need(f"n-{i}", s, status, when, community, kind, claim, satisfaction))
                when += timedelta(minutes=rng.randrange(1, 3 * 24 * 60))  # times to claim and confirm vary
            late = records[:-1]
            rng.shuffle(late)
            arriving = [*records, *late[:2]]  # two stale events after the last: no change
            if rng.random() < 0.3:  # all out of order: a later claim first, the recording last...
                rng.shuffle(arriving)
            for record in arriving:
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
        for e in range(4000):  # in random order: a late entry goes between its member's neighbours
            at = START + timedelta(seconds=rng.randrange(0, 540 * 24 * 3600))
            entry = HoursRecord(
                f"h-{e:04}",
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


# The needs' figures counted over the needs and claims the period touches (before migration 0010).
_IN = "{c} >= :start AND {c} < :end"
_RAW_NEEDS = (
    "SELECT community, "
    + ", ".join(
        f"count(*) FILTER (WHERE {_IN.format(c=c)}) AS {m}"
        for c, m in (("recorded_at", "recorded"), ("claimed_at", "claimed"), ("confirmed_at", "confirmed"))
    )
    + ", "
    + ", ".join(
        f"count(*) FILTER (WHERE status = '{s}' AND {_IN.format(c='ended_at')}) AS {s}"
        for s in ("expired", "whistled", "cancelled")
    )
    + ", count(*) FILTER (WHERE confirmed_at >= :start AND confirmed_at < :end "
    "AND satisfaction IN ('satisfied', 'basically_satisfied')) AS satisfied, "
    "count(*) FILTER (WHERE confirmed_at >= :start AND confirmed_at < :end AND satisfaction IS NOT NULL) "
    "AS satisfaction_recorded, "
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - recorded_at)) "
    "FILTER (WHERE claimed_at >= :start AND claimed_at < :end AND recorded_at IS NOT NULL) AS to_claim, "
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - recorded_at)) "
    "FILTER (WHERE confirmed_at >= :start AND confirmed_at < :end AND recorded_at IS NOT NULL) AS to_confirm "
    "FROM community_needs GROUP BY community"
)
_RAW_CLAIMS = (
    "SELECT community, count(*) AS claims, count(*) FILTER (WHERE outcome = 'released') AS released, "
    "count(*) FILTER (WHERE outcome = 'lapsed') AS lapsed FROM community_claims "
    "WHERE claimed_at >= :start AND claimed_at < :end GROUP BY community"
)
NEED_FIGURES = (
    "recorded", "claimed", "confirmed", "expired", "whistled", "cancelled", "satisfied",
    "satisfaction_recorded", "to_claim", "to_confirm", "claims", "released", "lapsed",
)  # fmt: skip


async def _needs_equal_raw(engine: AsyncEngine, start: datetime, end: datetime) -> dict[str, dict[str, Any]]:
    """The needs' and claims' figures of community_figures (days, hours, the edges' rows; the medians)
    equal the counts over the rows, for communities with any."""
    span = {"start": start, "end": end}
    raw: dict[str, dict[str, Any]] = {}
    async with engine.connect() as conn:
        for sql in (_RAW_NEEDS, _RAW_CLAIMS):
            for row in (await conn.execute(text(sql), span)).mappings():
                raw.setdefault(row["community"], {}).update({k: v for k, v in row.items() if k != "community"})
        figures = await q.community_figures(conn, Period(start, end), year_start=start, due_hours=1.0)

    def some(by_community: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        picked = {c: {k: f.get(k) or 0 for k in NEED_FIGURES} for c, f in by_community.items()}
        return {c: f for c, f in picked.items() if any(f.values())}

    assert some(figures) == some(raw), (start, end)
    return some(raw)


_RAW_MEMBERS = (
    "WITH reporting AS (SELECT member_id, community, party_member FROM community_members "
    "WHERE active_since < :end AND (left_at IS NULL OR left_at >= :end)), "
    "active AS (SELECT DISTINCT member_id FROM community_hours WHERE at >= :start AND at < :end), "
    "year AS (SELECT member_id, sum(hours) AS hours FROM community_hours "
    "WHERE at >= :year_start AND at < :end GROUP BY member_id) "
    "SELECT r.community, count(*), count(a.member_id), count(*) FILTER (WHERE r.party_member), "
    "count(*) FILTER (WHERE r.party_member AND COALESCE(y.hours, 0) >= :due_hours) "
    "FROM reporting r LEFT JOIN active a USING (member_id) LEFT JOIN year y USING (member_id) "
    "GROUP BY r.community"
)


async def _members_equal_raw(engine: AsyncEngine, start: datetime, end: datetime, due: float = 30.0) -> None:
    """Reporting in, active, party members and on track for [start, end) by both ways of the query code
    (the rollups of 0010 with their corrections, and the monthly sums) equal the count over the rows."""
    # The local calendar year (UTC+8) of the end, as tracking's year_progress takes it.
    year_start = datetime((end + timedelta(hours=8)).year, 1, 1, tzinfo=UTC) - timedelta(hours=8)
    expected = await _rows(
        engine, _RAW_MEMBERS, {"start": start, "end": end, "year_start": year_start, "due_hours": due}
    )
    span = Period(start, end)
    async with engine.connect() as conn:
        rolled = {tuple(r.values()) for r in await q.member_figures(conn, span, year_start=year_start, due_hours=due)}
        # Another timezone's year: the months and the entries.
        monthly = {
            tuple(r.values())
            for r in await q.member_figures(conn, span, year_start=year_start, due_hours=due, tz="UTC")
        }
        # Many entries after the end: the months and the entries too.
        before, q.AFTER_END_MOST = q.AFTER_END_MOST, -1
        try:
            many_after = {
                tuple(r.values()) for r in await q.member_figures(conn, span, year_start=year_start, due_hours=due)
            }
        finally:
            q.AFTER_END_MOST = before
    assert rolled == expected, (start, end, rolled ^ expected)
    assert monthly == expected == many_after, (start, end)


COUNTED = {
    "recorded": "SELECT community, recorded_at AS at FROM community_needs",
    "claimed": "SELECT community, claimed_at FROM community_needs",
    "confirmed": "SELECT community, confirmed_at FROM community_needs",
    **{
        s: f"SELECT community, ended_at FROM community_needs WHERE status = '{s}'"
        for s in ("expired", "whistled", "cancelled")
    },
    "satisfied": "SELECT community, confirmed_at FROM community_needs "
    "WHERE satisfaction IN ('satisfied', 'basically_satisfied')",
    "satisfaction_recorded": "SELECT community, confirmed_at FROM community_needs WHERE satisfaction IS NOT NULL",
    "claims": "SELECT community, claimed_at FROM community_claims",
    "released": "SELECT community, claimed_at FROM community_claims WHERE outcome = 'released'",
    "lapsed": "SELECT community, claimed_at FROM community_claims WHERE outcome = 'lapsed'",
}
COUNTS = ", ".join(COUNTED)
NONZERO = " OR ".join(f"{c} <> 0" for c in COUNTED)
CONTRIBUTIONS = " UNION ALL ".join(
    f"SELECT community, at, '{m}' AS measure FROM ({sql}) s(community, at)" for m, sql in COUNTED.items()
)
RECOUNT = ", ".join(f"count(*) FILTER (WHERE measure = '{m}')" for m in COUNTED)


async def _rollups_equal_rows(engine: AsyncEngine) -> None:
    """Every rollup of migration 0010 equals its recount from the rows (so nothing drifts as rows arrive)."""
    checks = {
        "SELECT entry_id, prev_at, counted_in FROM community_hours": (
            "SELECT h.entry_id, lag(h.at) OVER (PARTITION BY h.member_id ORDER BY h.at, h.entry_id), "
            "COALESCE(m.community, h.community) FROM community_hours h LEFT JOIN community_members m USING (member_id)"
        ),
        "SELECT grain, at_cell, prev_cell, community, n FROM community_active_cells WHERE n <> 0": (
            "SELECT c.grain, c.at_cell, c.prev_cell, h.counted_in, count(*) FROM community_hours h CROSS JOIN LATERAL "
            "(VALUES ('dd', 'day', 'day'), ('hd', 'hour', 'day'), ('dh', 'day', 'hour'), ('hh', 'hour', 'hour')) "
            "g(grain, a, p) CROSS JOIN LATERAL (SELECT g.grain, date_trunc(g.a, h.at AT TIME ZONE 'UTC') AS at_cell, "
            "COALESCE(date_trunc(g.p, h.prev_at AT TIME ZONE 'UTC'), '-infinity') AS prev_cell) c GROUP BY 1, 2, 3, 4"
        ),
        "SELECT community, party_member, n FROM community_member_tally WHERE n <> 0": (
            "SELECT community, party_member, count(*) FROM community_members GROUP BY 1, 2"
        ),
        "SELECT member_id, year, hours FROM community_member_local_years": (
            "SELECT member_id, extract(year FROM at AT TIME ZONE 'Asia/Shanghai')::smallint, sum(hours) "
            "FROM community_hours GROUP BY 1, 2"
        ),
        "SELECT community, year, hours, n FROM community_party_year_totals WHERE n <> 0": (
            "SELECT m.community, y.year, y.hours, count(*) FROM community_member_local_years y "
            "JOIN community_members m USING (member_id) WHERE m.party_member GROUP BY 1, 2, 3"
        ),
        "SELECT hour, community, source, hours, entries FROM community_hour_hours": (
            "SELECT date_trunc('hour', at AT TIME ZONE 'UTC'), community, source, sum(hours), count(*) "
            "FROM community_hours GROUP BY 1, 2, 3"
        ),
        **{
            f"SELECT community, {key}, {COUNTS} FROM {table} WHERE {NONZERO}": (
                f"SELECT community, {bucket}, {RECOUNT} FROM ({CONTRIBUTIONS}) c WHERE at IS NOT NULL GROUP BY 1, 2"
            )
            for table, key, bucket in (
                ("community_need_days", "day", "(at AT TIME ZONE 'UTC')::date"),
                ("community_need_hours", "hour", "date_trunc('hour', at AT TIME ZONE 'UTC')"),
            )
        },
        **{
            f"SELECT day, measure, community, bucket, n, lo, hi FROM community_need_waits WHERE measure = '{m}' "
            "AND n > 0": (
                f"SELECT ({at} AT TIME ZONE 'UTC')::date, '{m}', community, community_wait_bucket({w}), count(*), "
                f"min({w}), max({w}) FROM community_needs WHERE {at} IS NOT NULL AND recorded_at IS NOT NULL "
                "GROUP BY 1, 3, 4"
            )
            for m, at, w in (
                ("claim", "claimed_at", "extract(epoch FROM claimed_at - recorded_at)::float8"),
                ("confirm", "confirmed_at", "extract(epoch FROM confirmed_at - recorded_at)::float8"),
            )
        },
        "SELECT member_id FROM community_unmatched_members": (
            "SELECT DISTINCT member_id FROM community_hours h "
            "WHERE NOT EXISTS (SELECT 1 FROM community_members m WHERE m.member_id = h.member_id)"
        ),
    }
    for kept, recounted in checks.items():
        assert await _rows(engine, kept, {}) == await _rows(engine, recounted, {}), kept


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
    medians = 0
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
        counted = await _needs_equal_raw(engine, start, end)
        medians += sum(1 for f in counted.values() if f["to_claim"] and f["to_confirm"])

        await _members_equal_raw(engine, start, end)
    assert medians >= 3  # the periods hold needs claimed and confirmed
    # Periods of every shape for the needs: within an hour, across one hour's turn, whole hours only,
    # from midnight to midnight, and ragged over weeks.
    for start, end in [
        (datetime(2026, 2, 3, 4, 10, tzinfo=UTC), datetime(2026, 2, 3, 4, 50, tzinfo=UTC)),
        (datetime(2026, 2, 3, 4, 50, tzinfo=UTC), datetime(2026, 2, 3, 5, 20, tzinfo=UTC)),
        (datetime(2026, 2, 3, 4, 0, tzinfo=UTC), datetime(2026, 2, 3, 19, 0, tzinfo=UTC)),
        (datetime(2026, 2, 3, tzinfo=UTC), datetime(2026, 2, 17, tzinfo=UTC)),
        (datetime(2025, 9, 3, 13, 14, 15, tzinfo=UTC), datetime(2026, 4, 1, 2, 3, 4, tzinfo=UTC)),
    ]:
        await _needs_equal_raw(engine, start, end)
    await _rollups_equal_rows(engine)
    # A rebuild wipes every rollup with the rows (a rollup left out would count the replay twice).
    tables = await _rows(engine, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'community%'", {})
    assert {t for (t,) in tables} == set(community_store.COMMUNITY_TABLES)
    # Both ways of summing the year were taken.
    assert q.year_sum_plan(*q.month_edges(datetime(2024, 12, 31, 16, tzinfo=UTC), periods[4][1]))["by_year"]
    assert not q.year_sum_plan(*q.month_edges(datetime(2025, 12, 31, 16, tzinfo=UTC), periods[2][1]))["by_year"]


def _member(member_id: str, sequence: int, at: datetime, community: str, status: str, party: bool) -> MemberRecord:
    return MemberRecord(member_id, sequence, at, community, status, party)


async def test_member_figures_follow_members_joining_leaving_and_moving(engine: AsyncEngine) -> None:
    """Members who apply and are confirmed late, leave, change community or party flag, whose hours arrive
    before them, land in another community's activity, come late (between earlier entries) or are
    negative: the members' figures from the rollups equal the raw count for every period, and every
    rollup its recount, after each step."""
    rng = random.Random(2110)
    day = datetime(2026, 3, 1, tzinfo=UTC)
    periods = [
        (day + timedelta(hours=5, minutes=7), day + timedelta(days=9, hours=11)),  # ragged edges
        (day + timedelta(days=1), day + timedelta(days=6)),  # midnight to midnight
        (day + timedelta(days=2, hours=3), day + timedelta(days=2, hours=20)),  # within a day
        (day + timedelta(hours=23), day + timedelta(days=1, hours=2)),  # across one midnight only
        (day - timedelta(days=70), datetime(2025, 12, 31, 16, tzinfo=UTC)),  # the local year's start: 0 due
        (day, day + timedelta(days=40)),  # past every entry
        (day + timedelta(days=4, minutes=20), day + timedelta(days=7, hours=13, minutes=40)),  # in a day's 1st hour
        (day + timedelta(days=3, hours=7), day + timedelta(days=3, hours=9, minutes=1)),  # an hour and a bit
    ]

    async def hours(entry_id: str, member: str, community: str, hours: float, at: datetime) -> None:
        async with engine.begin() as conn:
            await community_store.save_hours(conn, HoursRecord(entry_id, member, community, hours, "activity", at))

    async def member(record: MemberRecord) -> None:
        async with engine.begin() as conn:
            await community_store.save_member(conn, record)

    async def check(step: str) -> None:
        await _rollups_equal_rows(engine)
        for start, end in periods:
            for due in (0.0, 2.0, 4.5):
                await _members_equal_raw(engine, start, end, due)
        assert step

    joined = day - timedelta(days=100)
    for m in range(6):
        await member(_member(f"m-{m}", 1, joined, COMMUNITIES[m % 2], "active", m % 3 != 2))
    # Entries in random order over ten days, some on the same instant as another.
    times = [day + timedelta(minutes=rng.randrange(0, 10 * 24 * 60)) for _ in range(60)]
    times += times[:5]
    order = list(range(len(times)))
    rng.shuffle(order)
    for e in order:
        await hours(f"e-{e:03}", f"m-{e % 6}", COMMUNITIES[e % 6 % 2], rng.choice((0.5, 1.0, 2.0)), times[e])
    await check("in random order")

    await hours("e-neg", "m-0", COMMUNITIES[0], -1.5, day + timedelta(days=3))  # a correction
    await hours("e-away", "m-1", COMMUNITIES[2], 2.0, day + timedelta(days=4, hours=1))  # another's activity
    await check("a negative entry and one in another community")

    # Hours before the member: counted in the entry's community until the member arrives (applied).
    await hours("e-early-1", "m-late", COMMUNITIES[2], 3.0, day + timedelta(days=2, hours=6))
    await hours("e-early-2", "m-late", COMMUNITIES[2], 3.0, day + timedelta(days=5))
    await check("hours of an unknown member")
    await member(_member("m-late", 1, day + timedelta(days=1), COMMUNITIES[0], "applied", True))
    await check("the member applied")
    await member(_member("m-late", 2, day + timedelta(days=3), COMMUNITIES[0], "active", True))
    await check("confirmed within the periods")

    await member(_member("m-0", 2, day + timedelta(days=4, hours=2), COMMUNITIES[0], "left", True))
    await member(_member("m-1", 2, day + timedelta(days=5), COMMUNITIES[2], "active", False))  # moves, not party
    await member(_member("m-2", 2, day + timedelta(days=5), COMMUNITIES[0], "active", True))  # becomes party
    await member(_member("m-2", 1, joined, COMMUNITIES[0], "active", False))  # an older event: no change
    await check("left, moved, party")

    await hours("e-after", "m-3", COMMUNITIES[1], 5.0, day + timedelta(days=2, hours=4))  # late, mid-chain
    await check("a late entry")
    async with engine.begin() as conn:
        await conn.execute(text("DELETE FROM community_members WHERE member_id = 'm-4'"))
    await check("a member row gone")
