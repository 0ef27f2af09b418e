"""Board figures on an embedded stack: read throughput of the public API and event-to-board latency.

Starts embedded PostgreSQL and Tansu under /tmp, tracking as its own process (`python -m
chuishao_tracking`, rate limiter lifted: all load comes from one loopback address), seeds it with
cases through the real topic, then
  1. read throughput: N concurrent clients GET each endpoint for D seconds (requests/s, p50/p99);
  2. event-to-board latency: an SSE client on /v1/board/stream; cases opened one at a time; time from
     producing a case's events to its `case` message on the stream (p50/p99).
Usage: python services/tracking/bench/board_bench.py [--cases 300] [--duration 10] [--clients 16]
       [--events 200]. Prints JSON. Everything it starts is stopped on the way out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "tests"))

from unit.tracking.tracking_events import CaseScript  # noqa: E402

from chuishao_shared.devstack import EmbeddedBroker, EmbeddedPostgres, create_databases, free_port  # noqa: E402
from chuishao_shared.events import topic_for  # noqa: E402
from chuishao_shared.kafka import ensure_topics, make_producer  # noqa: E402
from chuishao_shared.launcher import ServiceSpec, start_service, stop_processes, wait_ready  # noqa: E402
from chuishao_shared.settings import get_settings  # noqa: E402

DEPARTMENTS = ["XY-WQ-WY-WY", "XY-ZJJ", "XY-GPS", "XY-WQ-WY-JWH", "XY-WQ-PCS"]
GRIDS = [f"XY-WQ-WY-G0{i}" for i in range(1, 10)]
CATEGORIES = [
    ("ENV-STAIRWELL-DIRTY", "ENV"),
    ("FAC-SEWER-BLOCKED", "FAC"),
    ("ORDER-NOISE", "ORDER"),
    ("SAFE-FLYING-WIRE", "SAFE"),
    ("PEACE-NEIGHBOUR-DISPUTE", "PEACE"),
]


def percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, min(len(ordered), -(-len(ordered) * pct // 100))) - 1]


def a_case(i: int, now: datetime) -> CaseScript:
    category, major = CATEGORIES[i % len(CATEGORIES)]
    case = CaseScript(category=category, major=major, grid=GRIDS[i % len(GRIDS)])
    lead = DEPARTMENTS[i % len(DEPARTMENTS)]
    opened = now - timedelta(hours=(i % 72))
    case.open(opened, lead)
    if i % 3:
        case.acknowledge(lead, opened + timedelta(minutes=20 + i % 90))
    if i % 3 == 2:
        case.resolve(lead, opened + timedelta(hours=3 + i % 30)).verify(opened + timedelta(hours=40), fixed=i % 4 != 0)
    return case


async def produce(producer: Any, settings: Any, envelopes: list) -> None:
    sends = [
        await producer.send(settings.topic(topic_for(e.type)), e.to_bytes(), key=e.subject.encode()) for e in envelopes
    ]
    await asyncio.gather(*sends)


async def read_load(url: str, path: str, clients: int, duration: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    stop_at = time.monotonic() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200

        begun = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.monotonic() - begun
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
    }


async def stream_latency(url: str, producer: Any, settings: Any, n: int) -> dict[str, Any]:
    latencies: list[float] = []
    async with (
        httpx.AsyncClient(base_url=url, timeout=None) as client,
        client.stream("GET", "/v1/board/stream") as response,
    ):
        lines = response.aiter_lines()
        async for line in lines:
            if line.startswith("event: hello") or line.startswith("event:hello"):
                break
        for i in range(n):
            case = CaseScript(grid=GRIDS[i % len(GRIDS)]).open(datetime.now(UTC), DEPARTMENTS[i % len(DEPARTMENTS)])
            sent = time.perf_counter()
            await produce(producer, settings, case.events)
            async for line in lines:
                if line.startswith("data:") and case.id in line and '"sequence":2' in line.replace(" ", ""):
                    latencies.append(time.perf_counter() - sent)
                    break
            await asyncio.sleep(0.02)
    return {
        "events": n,
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
        "max_ms": round(1000 * max(latencies), 1),
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="chuishao-board-bench-", dir="/tmp"))
    postgres = EmbeddedPostgres(root / "pgdata", free_port()).start()
    broker = EmbeddedBroker(free_port(), root / "tansu.log").start()
    processes = []
    try:
        settings = get_settings(kafka_bootstrap_servers=broker.bootstrap)
        await create_databases(postgres.dsn, ["chuishao_tracking"])
        await ensure_topics(settings)
        port = free_port()
        processes.append(
            start_service(
                ServiceSpec("tracking", port),
                admin_dsn=postgres.dsn,
                bootstrap=broker.bootstrap,
                log_dir=root / "logs",
                port=port,
                extra_env={
                    "CHUISHAO_RATE_LIMIT_PER_SECOND": "1000000",
                    "CHUISHAO_RATE_LIMIT_BURST": "1000000",
                    "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "1000000",
                    "CHUISHAO_RATE_LIMIT_USER_BURST": "1000000",
                    "CHUISHAO_LOG_LEVEL": "WARNING",
                },
            )
        )
        url = f"http://127.0.0.1:{port}"
        await asyncio.to_thread(wait_ready, url, 60, processes[0])
        producer = make_producer(settings)
        await producer.start()
        try:
            now = datetime.now(UTC)
            cases = [a_case(i, now) for i in range(args.cases)]
            events = [e for c in cases for e in c.events]
            await produce(producer, settings, events)
            async with httpx.AsyncClient(base_url=url) as client:
                deadline = time.monotonic() + 120
                while len((await client.get("/v1/board/cases", params={"limit": 200})).json()["items"]) < min(
                    200, args.cases
                ):
                    if time.monotonic() > deadline:
                        raise TimeoutError("seeding did not finish")
                    await asyncio.sleep(0.2)
                await asyncio.sleep(2)  # let the tail of the seed land
            reads = [
                await read_load(url, path, args.clients, args.duration)
                for path in (
                    "/v1/board/cases?limit=50",
                    f"/v1/board/cases/{cases[0].id}",
                    "/v1/board/cases?open=true&limit=20",
                    "/v1/stats/departments",
                    "/",
                )
            ]
            latency = await stream_latency(url, producer, settings, args.events)
        finally:
            await producer.stop()
        return {
            "cpus": os.cpu_count(),
            "seeded_cases": args.cases,
            "seeded_events": len(events),
            "clients": args.clients,
            "duration_s": args.duration,
            "reads": reads,
            "event_to_board": latency,
        }
    finally:
        stop_processes(processes)
        broker.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--events", type=int, default=200)
    print(json.dumps(asyncio.run(main(parser.parse_args())), indent=2, ensure_ascii=False))
