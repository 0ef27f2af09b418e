"""Notify's figures (issue 11), on embedded PostgreSQL + Tansu with intake, dispatch and notify as
processes and real HTTP receivers on loopback:

  1. event → receiver latency, p50/p99 over N dispatched cases (from the `case.dispatched` event's
     time to the receiver reading the request), every receiver healthy;
  2. the same with the lead department's receiver hanging (never answering): the assisting
     department's latency and delivery rate, and what the hanging one cost.

Each report is 楼道卫生脏乱 in 五阳社区第一网格: routed to 五阳物业 (lead) and 五阳社区居委会 (assist),
so every case makes two deliveries. Usage: python bench/notify_bench.py [--cases N] [--rate R]."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
import time
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from common import DESCRIPTION, Stack, bench_settings, dump_json, percentile

from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import create_databases, database_dsn, free_port
from chuishao_shared.kafka import ensure_topics
from chuishao_shared.launcher import wait_ready

HERE = Path(__file__).resolve().parent
LEAD, ASSIST, GRID, CATEGORY = "XY-WQ-WY-WY", "XY-WQ-WY-JWH", "XY-WQ-WY-G01", "ENV-STAIRWELL-DIRTY"
NO_LIMIT = {
    "CHUISHAO_RATE_LIMIT_PER_SECOND": "1000000",
    "CHUISHAO_RATE_LIMIT_BURST": "1000000",
    "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "1000000",
    "CHUISHAO_RATE_LIMIT_USER_BURST": "1000000",
}


class Receiver:
    """Notes (arrival time, event time, case id) per request; answers 200 or never."""

    def __init__(self, hang: bool = False) -> None:
        self.hang = hang
        self.arrivals: list[tuple[float, float, str]] = []
        self.released = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                at = time.time()
                occurred = datetime.fromisoformat(body["occurred_at"]).timestamp()
                receiver.arrivals.append((at, occurred, (body.get("case") or {}).get("id", "")))
                if receiver.hang:
                    receiver.released.wait(300)
                    return
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # type: ignore[attr-defined]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def latency_figures(arrivals: list[tuple[float, float, str]], cases: set[str]) -> dict[str, Any]:
    mine = [(at, occurred) for at, occurred, case in arrivals if case in cases]
    delays = [at - occurred for at, occurred in mine]
    if not mine:
        return {"delivered": 0}
    span = max(at for at, _ in mine) - min(occurred for _, occurred in mine)
    return {
        "delivered": len(mine),
        "p50_ms": round(1000 * (percentile(delays, 50) or 0), 1),
        "p99_ms": round(1000 * (percentile(delays, 99) or 0), 1),
        "max_ms": round(1000 * max(delays), 1),
        "deliveries_per_second": round(len(mine) / span, 1) if span > 0 else None,
    }


async def file_reports(intake: str, token: str, count: int, rate: float) -> float:
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=intake, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:

        async def one(index: int) -> None:
            body = {
                "category": CATEGORY,
                "grid": GRID,
                "description": f"{DESCRIPTION} #{uuid.uuid4().hex}",
                "severity": "minor",
                "place": {"building": f"bench-{uuid.uuid4().hex[:8]}"},
            }
            response = await client.post("/v1/reports", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
            response.raise_for_status()

        tasks = []
        for index in range(count):
            tasks.append(asyncio.create_task(one(index)))
            await asyncio.sleep(1 / rate)
        await asyncio.gather(*tasks)
    return time.perf_counter() - started


async def wait_for(check: Any, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(0.2)
    return False


async def phase(
    stack: Stack,
    notify: str,
    intake: str,
    admin: str,
    worker: str,
    *,
    hang_lead: bool,
    count: int,
    rate: float,
    fan_out: int = 1,
) -> dict[str, Any]:
    lead, assist = Receiver(hang=hang_lead), Receiver()
    try:
        async with httpx.AsyncClient(base_url=notify, timeout=10, headers={"Authorization": f"Bearer {admin}"}) as c:
            # `fan_out` subscriptions of the assisting department on one receiver: fan_out deliveries per case.
            for department, receiver in [(LEAD, lead)] + [(ASSIST, assist)] * fan_out:
                body = {
                    "department": department,
                    "url": receiver.url,
                    "secret": "bench-secret-0123456789",
                    "events": ["dispatched"],
                }
                (await c.post("/v1/webhooks", json=body)).raise_for_status()
        filing = await file_reports(intake, worker, count, rate)
        await wait_for(
            lambda: len(assist.arrivals) >= count * fan_out and (hang_lead or len(lead.arrivals) >= count), 120
        )
        cases = {case for _, _, case in assist.arrivals}
        result = {
            "cases": count,
            "assist_subscriptions": fan_out,
            "filing_seconds": round(filing, 1),
            "assist_receiver": latency_figures(assist.arrivals, cases),
            "lead_receiver": latency_figures(lead.arrivals, cases)
            if not hang_lead
            else {"hanging": True, "requests_received": len(lead.arrivals)},
        }
        result["assist_breakdown"] = await breakdown(stack, ASSIST)
        async with httpx.AsyncClient(base_url=notify, timeout=10, headers={"Authorization": f"Bearer {admin}"}) as c:
            for sub in (await c.get("/v1/webhooks")).json()["items"]:
                (await c.delete(f"/v1/webhooks/{sub['id']}")).raise_for_status()
        return result
    finally:
        lead.close()
        assist.close()


async def breakdown(stack: Stack, department: str) -> dict[str, Any]:
    """Where the time went, from notify's own rows: event → delivery row (consumer), row → first
    attempt (queue), and the HTTP attempt itself."""
    conn = await asyncpg.connect(database_dsn(stack.admin_dsn, "chuishao_notify"))
    try:
        rows = await conn.fetch(
            """
            SELECT extract(epoch FROM d.created_at) - extract(epoch FROM (d.notice->>'occurred_at')::timestamptz)
                     AS decided,
                   extract(epoch FROM a.started_at - d.created_at) AS queued, a.latency_seconds AS http
            FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
            JOIN delivery_attempts a ON a.delivery_id = d.id AND a.attempt = 1
            WHERE s.department = $1 AND s.deleted_at IS NULL
            """,
            department,
        )
    finally:
        await conn.close()

    def ms(values: list[float], pct: float) -> float:
        return round(1000 * (percentile(values, pct) or 0), 1)

    figures: dict[str, Any] = {}
    for column in ("decided", "queued", "http"):
        values = [float(r[column]) for r in rows]
        figures[column] = {"p50_ms": ms(values, 50), "p99_ms": ms(values, 99)}
    return figures


async def run(count: int, rate: float) -> dict[str, Any]:
    stack = Stack().start()
    try:
        settings = bench_settings(stack.bootstrap)
        await create_databases(stack.admin_dsn, ["chuishao_intake", "chuishao_dispatch", "chuishao_notify"])
        await ensure_topics(settings)
        urls = {}
        for name, env in (
            ("intake", NO_LIMIT),
            ("dispatch", {**NO_LIMIT, "CHUISHAO_DUPLICATE_WINDOW_MINUTES": "0"}),
            # The bench's receivers are on loopback, which notify refuses unless allowed.
            ("notify", {"CHUISHAO_REQUEST_TIMEOUT_SECONDS": "5", "CHUISHAO_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.1/32"}),
        ):
            port = free_port()
            process = stack.launch(name, port, env)
            urls[name] = f"http://127.0.0.1:{port}"
            await asyncio.to_thread(wait_ready, urls[name], 90, process)
        admin = mint_token(settings, sub="bench-admin", role="admin", ttl_seconds=3600)
        worker = mint_token(settings, sub="bench-worker", role="grid_worker", grids=[GRID], ttl_seconds=3600)
        # Warm-up: consumer groups join and connections open before anything is timed.
        await phase(stack, urls["notify"], urls["intake"], admin, worker, hang_lead=False, count=5, rate=rate)
        healthy = await phase(
            stack, urls["notify"], urls["intake"], admin, worker, hang_lead=False, count=count, rate=rate
        )
        hanging = await phase(
            stack, urls["notify"], urls["intake"], admin, worker, hang_lead=True, count=count, rate=rate
        )
        # Ten subscriptions on the assisting side: ten deliveries per case, while the lead's receiver hangs.
        fan_out = await phase(
            stack, urls["notify"], urls["intake"], admin, worker, hang_lead=True, count=count, rate=rate, fan_out=10
        )
        return {
            "rate_per_second": rate,
            "all_healthy": healthy,
            "lead_receiver_hanging": hanging,
            "lead_receiver_hanging_fan_out_10": fan_out,
        }
    finally:
        stack.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0, help="reports filed per second")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    results = asyncio.run(run(args.cases, args.rate))
    dump_json(HERE / "notify_results.json", results)
    for name in ("all_healthy", "lead_receiver_hanging", "lead_receiver_hanging_fan_out_10"):
        figures = results[name]["assist_receiver"]
        print(
            f"{name:32} assist receiver: {figures.get('delivered')} delivered, p50 {figures.get('p50_ms')} ms, "
            f"p99 {figures.get('p99_ms')} ms, max {figures.get('max_ms')} ms, "
            f"{figures.get('deliveries_per_second')} deliveries/s"
        )
    lead = results["all_healthy"]["lead_receiver"]
    print(f"{'all_healthy':32} lead receiver:   p50 {lead.get('p50_ms')} ms, p99 {lead.get('p99_ms')} ms")
    print(f"written to {HERE / 'notify_results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
