"""Figure 5 (issue 3): report → case dispatched latency, p50/p99 over 200 reports.

Runs only when dispatch is there: `chuishao_dispatch` importable with a `__main__`, and the started
process answers `GET /v1/cases/{id}`. Reports are filed at intake at a steady pace (not a flood),
each for a (category, grid) pair the reference routing rules send to a department, with its own
building so none merges into another. A consumer on the cases topic notes when each report's case
is first seen `dispatched`; then every case is read back with `GET /v1/cases/{id}`."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import time
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer
from common import DESCRIPTION, Stack, bench_settings, percentile

from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import create_databases, free_port
from chuishao_shared.events.topics import CASES_TOPIC, REPORTS_TOPIC
from chuishao_shared.kafka import consumer_config
from chuishao_shared.launcher import wait_ready
from chuishao_shared.reference import load_reference


def dispatch_missing() -> str | None:
    try:
        if importlib.util.find_spec("chuishao_dispatch") is None:
            return "chuishao_dispatch is not installed"
        if importlib.util.find_spec("chuishao_dispatch.__main__") is None:
            return "chuishao_dispatch has no __main__ (no service entry point yet)"
    except ImportError as error:
        return f"chuishao_dispatch does not import: {error}"
    return None


def routed_pairs() -> list[tuple[str, str]]:
    """(category, grid) pairs the reference rule set routes to a department (not to triage)."""
    ref = load_reference()
    pairs = [(c, g.code) for g in ref.grids() for c in ref.categories]
    try:
        from chuishao_dispatch.domain import RoutingRule, RuleSet, route

        rules = RuleSet(ref.routing.version, tuple(RoutingRule.from_dict(r.model_dump()) for r in ref.routing.rules))
        return [
            (c, g)
            for c, g in pairs
            if route(rules, category=c, major=ref.categories[c].major, jurisdiction_chain=ref.chain(g)) is not None
        ]
    except Exception:  # the domain API moved: fall back to every pair and count the triaged ones
        return pairs


def _body(category: str, grid: str, index: int) -> bytes:
    return json.dumps(
        {
            "category": category,
            "grid": grid,
            "description": f"{DESCRIPTION} #{index}",
            "severity": "minor",
            "place": {"building": f"bench-{uuid.uuid4().hex[:8]}"},
        },
        ensure_ascii=False,
    ).encode()


async def _watch(
    bootstrap: str,
    seen: dict[str, dict[str, Any]],
    progress: asyncio.Event,
    stop: asyncio.Event,
    fetch_wait_ms: int = 20,
) -> None:
    """Note, for every report id, when its case is first seen `dispatched` on the cases topic."""
    # A short fetch wait so our own consumer adds little to "seen on topic" (Tansu answers a fetch when its
    # wait is up, not when data arrives). A caller that times nothing by "seen" asks for a longer one: each
    # fetch costs the broker CPU that the chain's figures would count.
    async with _topic_consumer(bootstrap, CASES_TOPIC, fetch_wait_ms) as consumer:
        while not stop.is_set():
            batches = await consumer.getmany(timeout_ms=200)
            now = time.time()
            for records in batches.values():
                for record in records:
                    event = json.loads(record.value)
                    case = (event.get("data") or {}).get("case") or {}
                    for report_id in case.get("report_ids", []):
                        if report_id not in seen and case.get("status") == "dispatched":
                            seen[report_id] = {
                                "seen": now,
                                "case_id": case["id"],
                                "type": event["type"],
                                "event_time": datetime.fromisoformat(event["time"].replace("Z", "+00:00")).timestamp(),
                                # when dispatch's relay handed the event to the broker (the producer's timestamp)
                                "produced": record.timestamp / 1000,
                            }
            if batches:
                progress.set()


async def watch_reports(bootstrap: str, produced: dict[str, float], stop: asyncio.Event, fetch_wait_ms: int) -> None:
    """Note, for every report id, when intake's relay handed its event to the broker (the record's timestamp)."""
    async with _topic_consumer(bootstrap, REPORTS_TOPIC, fetch_wait_ms) as consumer:
        while not stop.is_set():
            for records in (await consumer.getmany(timeout_ms=200)).values():
                for record in records:
                    report_id = (json.loads(record.value).get("data") or {}).get("report_id")
                    if report_id:
                        produced.setdefault(report_id, record.timestamp / 1000)


@contextlib.asynccontextmanager
async def _topic_consumer(bootstrap: str, topic: str, fetch_wait_ms: int) -> AsyncIterator[AIOKafkaConsumer]:
    """A started consumer of `topic` in a group of its own, from the topic's start."""
    settings = bench_settings(bootstrap, kafka_session_timeout_ms=2000, kafka_heartbeat_interval_ms=500)
    group = f"bench-{topic.rsplit('.', 2)[-2]}-{uuid.uuid4().hex[:8]}"
    config = consumer_config(settings, group) | {"fetch_max_wait_ms": fetch_wait_ms}
    consumer = AIOKafkaConsumer(settings.topic(topic), **config)  # type: ignore[arg-type]
    await consumer.start()
    try:
        yield consumer
    finally:
        await consumer.stop()


async def _file(
    client: httpx.AsyncClient, pairs: list[tuple[str, str]], first: int, count: int, rate: float, sent: dict[str, float]
) -> list[str]:
    failures: list[str] = []

    async def one(index: int) -> None:
        category, grid = pairs[index % len(pairs)]
        t0 = time.time()
        response = await client.post(
            "/v1/reports", content=_body(category, grid, index), headers={"Idempotency-Key": uuid.uuid4().hex}
        )
        if response.status_code == 201:
            sent[response.json()["id"]] = t0
        else:
            failures.append(f"{response.status_code} {response.text[:120]}")

    tasks = []
    for index in range(first, first + count):
        tasks.append(asyncio.create_task(one(index)))
        await asyncio.sleep(1 / rate)
    await asyncio.gather(*tasks)
    return failures


async def _wait_for(wanted: dict[str, float], seen: dict[str, Any], progress: asyncio.Event, within: float) -> None:
    deadline = time.monotonic() + within
    while not all(r in seen for r in wanted) and time.monotonic() < deadline:
        progress.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(progress.wait(), max(deadline - time.monotonic(), 0.01))


async def measure(stack: Stack, intake_url: str, count: int = 200, rate: float = 25.0) -> dict[str, Any]:
    missing = dispatch_missing()
    if missing:
        return {"skipped": f"not measured: dispatch not available ({missing})"}
    settings = bench_settings(stack.bootstrap)
    await create_databases(stack.admin_dsn, ["chuishao_dispatch"])
    port = free_port()
    process = stack.launch(
        "dispatch",
        port,
        {
            "CHUISHAO_RATE_LIMIT_PER_SECOND": "1000000",
            "CHUISHAO_RATE_LIMIT_BURST": "1000000",
            "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "1000000",
            "CHUISHAO_RATE_LIMIT_USER_BURST": "1000000",
        },
    )
    dispatch_url = f"http://127.0.0.1:{port}"
    try:
        await asyncio.to_thread(wait_ready, dispatch_url, 90, process)
        admin = mint_token(settings, sub="bench-admin", role="admin", ttl_seconds=3600)
        async with httpx.AsyncClient(
            base_url=dispatch_url, timeout=10, headers={"Authorization": f"Bearer {admin}"}
        ) as client:
            probe = await client.get(f"/v1/cases/{uuid.uuid4()}")
            paths = (await client.get("/openapi.json")).json().get("paths", {})
        if not any(p.startswith("/v1/cases/{") for p in paths) or probe.status_code not in (200, 404):
            return {"skipped": f"not measured: dispatch does not answer GET /v1/cases/{{id}} ({probe.status_code})"}
        pairs = routed_pairs()
        grids = sorted({g for _, g in pairs})
        token = mint_token(settings, sub="bench-dispatch-worker", role="grid_worker", grids=grids, ttl_seconds=3600)
        sent: dict[str, float] = {}
        seen: dict[str, dict[str, Any]] = {}
        stop, progress = asyncio.Event(), asyncio.Event()
        watcher = asyncio.create_task(_watch(stack.bootstrap, seen, progress, stop))
        try:
            async with httpx.AsyncClient(
                base_url=intake_url,
                timeout=30,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            ) as client:
                # Warm-up: the consumer groups (dispatch's and ours) join before anything is timed.
                await _file(client, pairs, 0, 3, rate, sent)
                await _wait_for(sent, seen, progress, 60)
                warm = set(sent)
                sent.clear()
                failures = await _file(client, pairs, 3, count, rate, sent)
                await _wait_for(sent, seen, progress, 60)
        finally:
            stop.set()
            await watcher
        measured = {r: seen[r] for r in sent if r in seen}
        observed = [seen[r]["seen"] - t for r, t in sent.items() if r in seen]
        committed = [seen[r]["event_time"] - t for r, t in sent.items() if r in seen]
        statuses: dict[str, int] = {}
        async with httpx.AsyncClient(
            base_url=dispatch_url, timeout=10, headers={"Authorization": f"Bearer {admin}"}
        ) as client:
            for info in measured.values():
                response = await client.get(f"/v1/cases/{info['case_id']}")
                key = response.json().get("status", "?") if response.status_code == 200 else str(response.status_code)
                statuses[key] = statuses.get(key, 0) + 1
        return {
            "reports": count,
            "filed": len(sent),
            "filing_failures": failures[:5],
            "dispatched": len(measured),
            "rate_per_second": rate,
            "warmup_reports": len(warm),
            "p50_ms": 1000 * (percentile(committed, 50) or 0),
            "p99_ms": 1000 * (percentile(committed, 99) or 0),
            "seen_p50_ms": 1000 * (percentile(observed, 50) or 0),
            "seen_p99_ms": 1000 * (percentile(observed, 99) or 0),
            "case_statuses_via_get": statuses,
        }
    finally:
        from chuishao_shared.launcher import stop_processes

        stop_processes([process])
