"""A change set's dry run over 30 days of a 3,000-cases-a-day city (issue 24 item 4, `make bench`): 90,000 cases
in dispatch's own case table, replayed through the rules and SLA in force and through a proposed change set,
answered by `POST /v1/reference/changesets/{id}/dry-run` on a real dispatch process (embedded PostgreSQL and
Tansu, as `make run` starts them). The contract: under 10 s.

The cases: the demo data's grids and 小类 drawn at random, opened evenly over the last 30 days, severities
70/25/5 % minor/major/emergency; nine in ten acknowledged (log-normal, median 40 min) and, of those, nine in
ten resolved (log-normal, median 14 h); the rest still open. The change set: two 大类 rules move to another
lead, the standard SLA acknowledges within 45 min instead of 60, a 2027 holiday and 调休 day are added.

Writes bench/results/reference_dry_run.json and prints the figures.
Usage: python bench/reference_dry_run.py [--cases-per-day 3000] [--days 30] [--runs 3]"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import math
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from common import Stack, bench_settings, dump_json

from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import create_databases, database_dsn, free_port
from chuishao_shared.kafka import ensure_topics
from chuishao_shared.launcher import wait_ready
from chuishao_shared.reference import load_reference

RESULT = Path(__file__).parent / "results" / "reference_dry_run.json"
BOUND_SECONDS = 10.0


def cases(per_day: int, days: int, now: datetime, seed: int = 7) -> list[tuple[Any, ...]]:
    rng = random.Random(seed)
    ref = load_reference()
    grids = [g.code for g in ref.grids()]
    categories = list(ref.categories)
    span = days * 86400 - 3600
    rows = []
    for i in range(per_day * days):
        grid = rng.choice(grids)
        opened = now - timedelta(seconds=60 + rng.random() * span)
        severity = rng.choices(("minor", "major", "emergency"), (70, 25, 5))[0]
        ack = opened + timedelta(minutes=math.exp(rng.gauss(math.log(40), 0.9))) if rng.random() < 0.9 else None
        res = ack + timedelta(hours=math.exp(rng.gauss(math.log(14), 0.8))) if ack and rng.random() < 0.9 else None
        ack, res = (None if t is not None and t > now else t for t in (ack, res))
        doc = {
            "report": {"severity": severity},
            "assignments": [{"role": "lead", "acknowledged_at": ack.isoformat() if ack else None}],
            "resolved_at": res.isoformat() if res else None,
        }
        chain = ref.chain(grid)
        community = ref.community_of(grid).code
        rows.append((f"bench-{i}", "closed" if res else "acknowledged", rng.choice(categories), grid, community, chain,
                     opened, json.dumps(doc)))  # fmt: skip
    return rows


def proposal(content: dict[str, Any]) -> dict[str, Any]:
    rules = copy.deepcopy(content["routing_rules"])
    for rule in rules["rules"]:
        if rule["id"] == "xy.env":
            rule["lead"], rule["assist"] = "XY-ZJJ", ["XY-CGJ"]
        if rule["id"] == "xy.fac":
            rule["lead"], rule["assist"] = "XY-CGJ", ["XY-ZJJ"]
    sla = copy.deepcopy(content["sla_policies"])
    next(p for p in sla["items"] if p["code"] == "standard")["acknowledge_within_minutes"]["minor"] = 45
    sla["holidays"], sla["makeup_workdays"] = ["2027-02-08"], ["2027-02-20"]
    return {"routing_rules": rules, "sla_policies": sla}


async def measure(per_day: int, days: int, runs: int) -> dict[str, Any]:
    stack = Stack().start()
    try:
        settings = bench_settings(stack.bootstrap)
        await create_databases(stack.admin_dsn, ["chuishao_dispatch"])
        await ensure_topics(settings)
        port = free_port()
        process = stack.launch("dispatch", port, {})
        url = f"http://127.0.0.1:{port}"
        await asyncio.to_thread(wait_ready, url, 120, process)

        now = datetime.now(UTC)
        started = time.perf_counter()
        rows = cases(per_day, days, now)
        conn = await asyncpg.connect(database_dsn(stack.admin_dsn, "chuishao_dispatch").replace("+asyncpg", ""))
        try:
            await conn.copy_records_to_table(
                "cases",
                records=rows,
                columns=["id", "status", "category", "grid", "community", "jurisdiction_chain", "opened_at", "doc"],
            )
            await conn.execute("ANALYZE cases")
        finally:
            await conn.close()
        loaded = time.perf_counter() - started

        admin = mint_token(settings, sub="bench-admin", role="admin", ttl_seconds=3600)
        headers = {"Authorization": f"Bearer {admin}"}
        async with httpx.AsyncClient(base_url=url, timeout=120, headers=headers) as client:
            current = (await client.get("/v1/reference/versions/current")).raise_for_status().json()
            body = {"reason": "bench: two 大类 rules and the standard SLA", "content": proposal(current["content"])}
            changeset = (await client.post("/v1/reference/changesets", json=body)).raise_for_status().json()
            timings, answer = [], {}
            for _ in range(runs):
                t0 = time.perf_counter()
                response = await client.post(
                    f"/v1/reference/changesets/{changeset['id']}/dry-run",
                    json={"days": days},
                    headers={"Idempotency-Key": uuid.uuid4().hex},
                )
                timings.append(time.perf_counter() - t0)
                answer = response.raise_for_status().json()
        moved = sorted(answer["departments"], key=lambda r: -(r["gained"] + r["lost"]))[:4]
        return {
            "cases": answer["cases"],
            "cases_moved": answer["cases_moved"],
            "days": days,
            "load_seconds": round(loaded, 1),
            "dry_run_seconds": [round(t, 2) for t in timings],
            "dry_run_median_seconds": round(statistics.median(timings), 2),
            "bound_seconds": BOUND_SECONDS,
            "within_bound": max(timings) < BOUND_SECONDS,
            "totals": answer["totals"],
            "most_moved": moved,
        }
    finally:
        stack.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases-per-day", type=int, default=3000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = asyncio.run(measure(args.cases_per_day, args.days, args.runs))
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    dump_json(RESULT, result)
    print(json.dumps({k: v for k, v in result.items() if k != "most_moved"}, ensure_ascii=False, indent=2))
    for row in result["most_moved"]:
        print(f"  {row['department']:<12} gained {row['gained']:>6} lost {row['lost']:>6}")
    return 0 if result["within_bound"] else 1


if __name__ == "__main__":
    sys.exit(main())
