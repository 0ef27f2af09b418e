"""Community phase of `make bench` (issue 21): the community side's figures, side by side in one run.

1. **Needs claimed per second, end to end.** The community service and tracking (API and projector) as
   processes on the bench's PostgreSQL and broker; volunteers registered and confirmed, `--claims` open
   needs recorded; then every need is claimed over HTTP by `--concurrency` clients at once (each claim
   its own Idempotency-Key). Figures: claims answered per second, the claim's p50/p99, and the claims
   per second until tracking's public wish wall (GET /v1/board/needs) counts every one of them claimed.
2. **Growth.** Tracking's community read model at 1k needs / 10k hours entries and at 100k needs / 1M
   hours entries (`--sizes`; ten entries a need), bulk-loaded by set-based SQL on the server (one
   `INSERT … SELECT … FROM generate_series` per table, the way COPY loads a dump; indexes from the real
   migrations; the monthly hours rollup filled as the projection keeps it, the triggers' rollups of
   migrations 0009 and 0010 as the migrations fill them, with the triggers off), then the two public reads
   timed around the code their handlers await (service layer, uncached): the wish wall's first page
   with its counts per community, and GET /v1/stats/community for the last 30 days. p50/p99 in ms,
   the sizes measured in turns.

Alone, reduced: `python bench/community.py --sizes 1000 10000 --claims 100` (writes
bench/results/community.json); `make bench` runs it at the default sizes into latest.json."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx
from sqlalchemy.ext.asyncio import create_async_engine

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

HOURS_PER_NEED = 10
TRIGGERED = ("community_needs", "community_claims", "community_members", "community_hours")
ROUNDS = 4
READS = {
    "wish_wall": "wish wall, first page of 50 with counts per community",
    "community_stats": "community figures per community, last 30 days",
}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, min(len(ordered), -(-int(pct * len(ordered)) // 100))) - 1] if ordered else 0.0


# ------------------------------------------------------------------------------------------ growth


def trigger_rollups() -> tuple[str, ...]:
    """The set-based fill of migration 0010's rollups (the members' tally, active days, local years, the
    needs' and claims' counters per day and hour, the medians' waits, the hours per hour)."""
    import importlib.util

    from chuishao_tracking.bootstrap import MIGRATIONS

    path = next((Path(MIGRATIONS) / "versions").glob("0010_*.py"))
    spec = importlib.util.spec_from_file_location("tracking_0010", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return (*module.ROLLUPS, module.HOUR_HOURS, *module.NEED_ROLLUPS, *module.WAIT_ROLLUPS)


async def load(dsn: str, needs: int, communities: list[str], grids: dict[str, list[str]]) -> float:
    """Needs over a year ending now (70 % confirmed, the rest open, claimed, in progress, done, cancelled,
    expired), their claims, members (one per ten needs) and ten hours entries a need."""
    started = time.perf_counter()
    members = max(100, needs // 10)
    hours = needs * HOURS_PER_NEED
    codes = [c for c in communities for _ in grids[c]]
    grid_codes = [g for c in communities for g in grids[c]]
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            # The rollups the triggers keep (migrations 0009 and 0010) filled set-based below, as the
            # migrations do: row by row they would be most of the load's time.
            for table in TRIGGERED:
                await conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            await conn.execute(
                """
                INSERT INTO community_needs (need_id, sequence, community, grid, kind, status, urgency, helpers,
                    skills, wanted_by, claimant_kind, listed_at, recorded_at, claimed_at, confirmed_at, ended_at,
                    satisfaction, updated_at)
                SELECT 'n-' || i, 5, c.codes[1 + i % c.n], c.grids[1 + i % c.n],
                    (ARRAY['wish', 'living', 'elderly_disabled', 'policy', 'facility'])[1 + i % 5],
                    s.status, CASE WHEN i % 7 = 0 THEN 'urgent' ELSE 'normal' END, 1, ARRAY['errands'],
                    t.at + interval '5 days', CASE WHEN s.claimed THEN 'member' END, t.at, t.at,
                    CASE WHEN s.claimed THEN t.at + interval '3 hours' END,
                    CASE WHEN s.status = 'confirmed' THEN t.at + interval '2 days' END,
                    CASE WHEN s.status IN ('confirmed', 'cancelled', 'expired') THEN t.at + interval '2 days' END,
                    CASE WHEN s.status = 'confirmed' THEN 'satisfied' END, t.at
                FROM generate_series(1, $1::int) AS i
                CROSS JOIN (SELECT $2::text[] AS codes, $3::text[] AS grids, cardinality($2::text[]) AS n) AS c
                CROSS JOIN LATERAL (SELECT now() - (($1::int - i) * interval '365 days') / $1::int AS at) AS t
                CROSS JOIN LATERAL (SELECT st AS status, st NOT IN ('open', 'cancelled', 'expired') AS claimed
                    FROM (SELECT CASE WHEN i % 10 < 7 THEN 'confirmed'
                        ELSE (ARRAY['open', 'claimed', 'in_progress', 'done', 'cancelled', 'expired'])[1 + i % 6]
                        END AS st) AS x) AS s
                """,
                needs,
                codes,
                grid_codes,
            )
            await conn.execute(
                "INSERT INTO community_claims (claim_id, need_id, community, claimed_at, outcome, ended_at) "
                "SELECT 'c-' || substr(need_id, 3), need_id, community, claimed_at, "
                "CASE WHEN status = 'confirmed' THEN 'confirmed' END, confirmed_at "
                "FROM community_needs WHERE claimed_at IS NOT NULL"
            )
            await conn.execute(
                """
                INSERT INTO community_members (member_id, sequence, community, status, party_member, registered_at,
                    active_since, updated_at)
                SELECT 'm-' || i, 2, ($2::text[])[1 + i % cardinality($2::text[])], 'active', i % 10 < 7,
                    now() - interval '400 days', now() - interval '399 days', now() - interval '399 days'
                FROM generate_series(0, $1::int - 1) AS i
                """,
                members,
                communities,
            )
            await conn.execute(
                """
                INSERT INTO community_hours (entry_id, member_id, community, hours, source, at, prev_at, counted_in)
                SELECT 'h-' || i, 'm-' || (i % $2::int), c.code, 1.5, (ARRAY['need', 'activity', 'granted'])[1 + i % 3],
                    now() - (($1::int - i) * interval '365 days') / $1::int,
                    CASE WHEN i > $2::int THEN now() - (($1::int - i + $2::int) * interval '365 days') / $1::int END,
                    c.code
                FROM generate_series(1, $1::int) AS i
                CROSS JOIN LATERAL (SELECT ($3::text[])[1 + (i % $2::int) % cardinality($3::text[])] AS code) AS c
                """,
                hours,
                members,
                communities,
            )
            # The rollups the projector keeps with every hours.recorded.
            await conn.execute(
                "INSERT INTO community_member_months (member_id, month, hours) SELECT member_id, "
                "date_trunc('month', at AT TIME ZONE 'UTC')::date, sum(hours) FROM community_hours GROUP BY 1, 2"
            )
            await conn.execute(
                "INSERT INTO community_member_years (member_id, year, hours) SELECT member_id, "
                "extract(year FROM month)::smallint, sum(hours) FROM community_member_months GROUP BY 1, 2"
            )
            await conn.execute(
                "INSERT INTO community_hour_days (day, community, source, hours, entries) SELECT "
                "(at AT TIME ZONE 'UTC')::date, community, source, sum(hours), count(*) FROM community_hours "
                "GROUP BY 1, 2, 3"
            )
            # Each entry's predecessor is its member's entry `members` before it (prev_at above).
            await conn.execute(
                "INSERT INTO community_need_tally (community, kind, status, n) "
                "SELECT community, kind, status, count(*) FROM community_needs GROUP BY 1, 2, 3"
            )
            for statement in trigger_rollups():
                await conn.execute(statement)
            for table in TRIGGERED:
                await conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        # A bulk load leaves no visibility map; autovacuum would set it in a running system.
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def measure(url: str, samples: int) -> dict[str, list[float]]:
    from chuishao_shared.reference import load_reference
    from chuishao_tracking.adapters.community_queries import NeedFilter
    from chuishao_tracking.adapters.live import Broadcaster
    from chuishao_tracking.domain.statistics import Period
    from chuishao_tracking.service_layer import community as reads
    from chuishao_tracking.service_layer import queries
    from chuishao_tracking.views import Names

    engine = create_async_engine(url, pool_size=2)
    ctx = queries.TrackingContext(
        engine=engine, names=Names(load_reference()), tz=ZoneInfo("Asia/Shanghai"), broadcaster=Broadcaster(10)
    )

    async def wish_wall() -> None:
        wall = await reads.wish_wall(ctx, NeedFilter(), limit=50, after=None)
        assert len(wall["items"]) == 50 and wall["communities"]

    async def community_stats() -> None:
        now = queries.now()
        body = await reads.community_stats(ctx, Period(now - timedelta(days=30), now), community=None, target_hours=50)
        assert body["items"]

    took: dict[str, list[float]] = {}
    try:
        for read, call in (("wish_wall", wish_wall), ("community_stats", community_stats)):
            for _ in range(3):
                await call()
            values = []
            for _ in range(samples):
                t0 = time.perf_counter()
                await call()
                values.append(1000 * (time.perf_counter() - t0))
            took[read] = values
    finally:
        await engine.dispose()
    return took


async def growth_phase(admin_dsn: str, sizes: list[int], samples: int = 200) -> dict[str, Any]:
    from chuishao_shared.devstack import create_databases, database_dsn
    from chuishao_shared.migrations import upgrade_head
    from chuishao_shared.reference import load_reference
    from chuishao_shared.settings import get_settings
    from chuishao_tracking.bootstrap import MIGRATIONS

    ref = load_reference()
    communities = sorted(c.code for c in ref.communities())
    grids = {c: [g.code for g in ref.grids() if ref.community_of(g.code).code == c] for c in communities}
    out: dict[str, Any] = {"hours_per_need": HOURS_PER_NEED, "samples": samples, "sizes": {}}
    urls = {}
    for n in sizes:
        name = f"community_growth_{n}"
        await create_databases(admin_dsn, [name], recreate=True)
        dsn = database_dsn(admin_dsn, name)
        urls[n] = get_settings(database_url=dsn).sqlalchemy_url
        await asyncio.to_thread(upgrade_head, MIGRATIONS, urls[n])
        seconds = await load(dsn, n, communities, grids)
        out["sizes"][str(n)] = {"needs": n, "hours_entries": n * HOURS_PER_NEED, "load_seconds": round(seconds, 1)}
        print(f"community growth: {n} needs, {n * HOURS_PER_NEED} hours entries loaded in {seconds:.1f} s", flush=True)
    took: dict[int, dict[str, list[float]]] = {n: {r: [] for r in READS} for n in sizes}
    for _ in range(ROUNDS):
        for n in sizes:
            for read, values in (await measure(urls[n], max(samples // ROUNDS, 1))).items():
                took[n][read] += values
    for n in sizes:
        for read, values in took[n].items():
            out["sizes"][str(n)][read] = {
                "read": READS[read],
                "samples": len(values),
                "p50_ms": round(percentile(values, 50), 2),
                "p99_ms": round(percentile(values, 99), 2),
                "max_ms": round(max(values), 2),
            }
    small, large = str(min(sizes)), str(max(sizes))
    for read in READS:
        ratio = out["sizes"][large][read]["p99_ms"] / max(out["sizes"][small][read]["p99_ms"], 0.01)
        out[f"{read}_p99_ratio"] = round(ratio, 2)
    conn = await asyncpg.connect(admin_dsn)
    try:
        for n in sizes:
            await conn.execute(f'DROP DATABASE "community_growth_{n}"')
    finally:
        await conn.close()
    return out


# ------------------------------------------------------------------------------ claims end to end


async def on_wall(api: str, community: str, column: str, n: int, within: float = 120.0) -> None:
    """Until tracking's public wish wall counts `n` needs of the community in `column`."""
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=10) as reader:
        while True:
            wall = (await reader.get(f"{api}/v1/board/needs", params={"community": community})).json()
            if next((c for c in wall["communities"] if c["community"] == community), {}).get(column) == n:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the wish wall did not count {n} {column} needs within {within} s")
            await asyncio.sleep(0.05)  # noqa: ASYNC110 - polling another process's public read


async def claims_phase(stack: Any, claims: int, concurrency: int) -> dict[str, Any]:
    from chuishao_shared.auth import mint_token
    from chuishao_shared.db_roles import provision_database
    from chuishao_shared.devstack import free_port
    from chuishao_shared.kafka import ensure_topics
    from chuishao_shared.launcher import wait_ready
    from chuishao_shared.settings import Settings

    prefix = f"bench{uuid.uuid4().hex[:6]}."
    settings = Settings(kafka_bootstrap_servers=stack.bootstrap, topic_prefix=prefix)
    await ensure_topics(settings)
    urls: dict[str, str] = {}
    started: list[tuple[str, Any]] = []
    for service, role in (("community", None), ("tracking", "api"), ("tracking", "projector")):
        database = f"chuishao_{service}_{prefix.rstrip('.')}"
        roles = await provision_database(stack.admin_dsn, database)
        port = free_port()
        env = {
            "DATABASE_URL": roles.runtime,
            "CHUISHAO_MIGRATION_DATABASE_URL": roles.owner,
            "CHUISHAO_TOPIC_PREFIX": prefix,
            "CHUISHAO_ENVIRONMENT": "test",
            "CHUISHAO_RELAY_POLL_SECONDS": "0.2",
            "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "10000",
            "CHUISHAO_RATE_LIMIT_USER_BURST": "10000",
            "CHUISHAO_COMMUNITY_MAX_OPEN_CLAIMS": "1000000",
            **({"CHUISHAO_ROLE": role} if role else {}),
        }
        urls[role or service] = f"http://127.0.0.1:{port}"
        started.append((urls[role or service], stack.launch(service, port, env)))
    await asyncio.gather(*(asyncio.to_thread(wait_ready, url, 90, process) for url, process in started))

    def token(role: str, sub: str, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {mint_token(settings, sub=sub, role=role, ttl_seconds=3600, **claims)}"}

    community, grid = "TN-CS-FQXC", "TN-CS-FQXC-G01"
    staff = token("community_staff", "bench-staff", community=community)
    volunteers = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=urls["community"], timeout=30, limits=limits) as client:

        async def post(path: str, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
            response = await client.post(path, json=body, headers={**headers, "Idempotency-Key": uuid.uuid4().hex})
            assert response.status_code < 300, (path, response.status_code, response.text)
            return response

        for i in range(concurrency):
            headers = token("volunteer", f"bench-volunteer-{i}", community=community)
            body = {"name": f"志愿者{i}", "phone": "13912345678", "work_unit": "县教育局", "party_member": True,
                    "community": community, "grid": grid, "skills": ["errands"]}  # fmt: skip
            member = (await post("/v1/members", body, headers)).json()
            await post(f"/v1/members/{member['id']}/confirm", {}, staff)
            volunteers.append(headers)
        wanted = (datetime.now(UTC) + timedelta(days=3)).isoformat()
        need = {"kind": "wish", "title": "帮老人买米面油", "description": "代购", "grid": grid, "urgency": "normal",
                "resident": {"name": "王秀珍", "phone": "13800001111", "address": "7号楼"}, "wanted_by": wanted,
                "skills": ["errands"], "privacy": "open", "hours_wanted": 1}  # fmt: skip
        ids = [(await post("/v1/needs", need, staff)).json()["id"] for _ in range(claims)]

        await on_wall(urls["api"], community, "open", claims)  # every need recorded is on the wall
        latencies: list[float] = []
        queue = list(enumerate(ids))

        async def worker(w: int) -> None:
            while queue:
                _, nid = queue.pop()
                t0 = time.perf_counter()
                await post(f"/v1/needs/{nid}/claim", {}, volunteers[w])
                latencies.append(1000 * (time.perf_counter() - t0))

        began = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(concurrency)))
        answered = time.perf_counter() - began
    await on_wall(urls["api"], community, "claimed", claims)
    seen = time.perf_counter() - began
    return {
        "claims": claims,
        "concurrency": concurrency,
        "claims_answered_per_s": round(claims / answered, 1),
        "claim_p50_ms": round(percentile(latencies, 50), 1),
        "claim_p99_ms": round(percentile(latencies, 99), 1),
        "claims_on_wish_wall_per_s": round(claims / seen, 1),
        "last_claim_on_wall_seconds": round(seen, 2),
    }


# ------------------------------------------------------------------------------------------- phase


async def community_phase(
    stack: Any, sizes: list[int], *, claims: int = 1000, concurrency: int = 16, samples: int = 200
) -> dict[str, Any]:
    """Both parts side by side; the flat figures for latest.json's top level under `figures`."""
    out: dict[str, Any] = {"claims": await claims_phase(stack, claims, concurrency)}
    out["growth"] = await growth_phase(stack.admin_dsn, sizes, samples)
    small, large = str(min(sizes)), str(max(sizes))
    sizes_out = out["growth"]["sizes"]
    out["figures"] = {
        "community_claims_per_s": out["claims"]["claims_answered_per_s"],
        "community_claims_on_wall_per_s": out["claims"]["claims_on_wish_wall_per_s"],
        "wish_wall_p99_ms_1k": sizes_out[small]["wish_wall"]["p99_ms"],
        "wish_wall_p99_ms_100k": sizes_out[large]["wish_wall"]["p99_ms"],
        "community_stats_p99_ms_1k": sizes_out[small]["community_stats"]["p99_ms"],
        "community_stats_p99_ms_100k": sizes_out[large]["community_stats"]["p99_ms"],
    }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000], help="needs (10 hours each)")
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--output", type=Path, default=HERE / "results" / "community.json")
    args = parser.parse_args(argv)
    from common import Stack

    stack = Stack().start()
    started = time.perf_counter()
    try:
        out = asyncio.run(
            community_phase(stack, args.sizes, claims=args.claims, concurrency=args.concurrency, samples=args.samples)
        )
    finally:
        stack.close()
    out["wall_seconds"] = round(time.perf_counter() - started, 1)
    out["sizes"] = args.sizes
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(out["figures"], indent=2))
    print(f"written {args.output} in {out['wall_seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
