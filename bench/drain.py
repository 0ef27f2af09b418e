"""Figure 3: outbox drain after a broker pause. The broker is stopped (SIGSTOP), M reports are filed
(every one must get 201: the outbox absorbs the outage), the backlog is checked, the broker resumed
(SIGCONT) and the time until the backlog is empty gives the drain rate. A real consumer on the
reports topic then checks that every one of the M report ids arrived."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid
from typing import Any

import asyncpg
from common import Stack, bench_settings
from load import drive

from chuishao_shared.events.topics import REPORTS_TOPIC
from chuishao_shared.kafka import make_consumer

BACKLOG_SQL = "SELECT count(*) FROM outbox WHERE published_at IS NULL"


async def wait_backlog_empty(
    conn: asyncpg.Connection, within: float, interval: float = 0.02, samples: list[tuple[float, int]] | None = None
) -> float | None:
    """Seconds until the backlog is 0, or None on timeout; `samples` collects (seconds, backlog)."""
    started = time.perf_counter()
    while time.perf_counter() - started < within:
        backlog = await conn.fetchval(BACKLOG_SQL)
        if samples is not None:
            samples.append((round(time.perf_counter() - started, 3), backlog))
        if backlog == 0:
            return time.perf_counter() - started
        await asyncio.sleep(interval)
    return None


async def verify_delivery(bootstrap: str, ids: set[str], within: float) -> dict[str, Any]:
    """Read the reports topic from the start with a new consumer group; count the M keys seen."""
    settings = bench_settings(bootstrap, kafka_session_timeout_ms=2000, kafka_heartbeat_interval_ms=500)
    consumer = make_consumer(settings, settings.topic(REPORTS_TOPIC), group_id=f"bench-verify-{uuid.uuid4().hex[:8]}")
    seen: dict[str, int] = {}
    started = time.perf_counter()
    await consumer.start()
    try:
        while time.perf_counter() - started < within and len(seen) < len(ids):
            batches = await consumer.getmany(timeout_ms=500, max_records=5000)
            for records in batches.values():
                for record in records:
                    key = record.key.decode() if record.key else ""
                    if key in ids:
                        seen[key] = seen.get(key, 0) + 1
    finally:
        await consumer.stop()
    return {
        "distinct_keys": len(seen),
        "messages": sum(seen.values()),
        "duplicates": sum(seen.values()) - len(seen),
        "seconds": time.perf_counter() - started,
    }


def _stall(samples: list[tuple[float, int]], backlog: int, drained: float | None) -> dict[str, float | None]:
    """The longest time the backlog stood still after the resume, and the drain rate without it:
    what the relay does once it is working, apart from how soon it notices the broker is back."""
    longest, since, level = 0.0, 0.0, backlog
    for t, b in samples:
        if b != level:
            longest, since, level = max(longest, t - since), t, b
    if not drained:
        return {"longest_stall_seconds": None, "drain_per_second_without_stall": None}
    working = drained - longest
    return {
        "longest_stall_seconds": longest,
        "drain_per_second_without_stall": backlog / working if working > 0 else None,
    }


def _thin(samples: list[tuple[float, int]], keep: int = 40) -> list[tuple[float, int]]:
    """At most `keep` evenly spaced samples, and the last one."""
    if len(samples) <= keep:
        return samples
    step = len(samples) / keep
    return [samples[int(i * step)] for i in range(keep)] + [samples[-1]]


async def outbox_drain(
    stack: Stack, *, url: str, dsn: str, token: str, grids: list[str], categories: list[str], count: int
) -> dict[str, Any]:
    assert stack.broker is not None and stack.broker.process is not None
    broker_pid = stack.broker.process.pid
    conn = await asyncpg.connect(dsn)
    try:
        leftover = await conn.fetchval(BACKLOG_SQL)
        if await wait_backlog_empty(conn, 90) is None:
            raise RuntimeError(f"the outbox backlog ({leftover} rows) from earlier phases did not drain")
        os.kill(broker_pid, signal.SIGSTOP)
        paused_at = time.perf_counter()
        try:
            filed = await drive(
                url,
                token,
                concurrency=64,
                duration=120,
                max_requests=count,
                grids=grids,
                categories=categories,
                first_index=5_000_000,
                collect_ids=True,
            )
            backlog = await conn.fetchval(BACKLOG_SQL)
        finally:
            os.kill(broker_pid, signal.SIGCONT)
        pause = time.perf_counter() - paused_at
        samples: list[tuple[float, int]] = []
        drained = await wait_backlog_empty(conn, 120, interval=0.005, samples=samples)
    finally:
        await conn.close()
    ids = set(filed["ids"])
    delivery = await verify_delivery(stack.bootstrap, ids, within=60)
    return {
        "reports": count,
        "accepted": filed["accepted"],
        "errors": filed["errors"],
        "error_samples": filed["error_samples"],
        "filing_per_second": filed["per_second"],
        "broker_paused_seconds": pause,
        "backlog_before_resume": backlog,
        "drain_seconds": drained,
        "drain_per_second": (backlog / drained) if drained else None,
        "first_progress_seconds": next((t for t, b in samples if b < backlog), None),
        **_stall(samples, backlog, drained),
        "backlog_samples": _thin(samples),
        "delivered_distinct": delivery["distinct_keys"],
        "delivered_messages": delivery["messages"],
        "delivered_duplicates": delivery["duplicates"],
        "verify_seconds": delivery["seconds"],
        "all_delivered": delivery["distinct_keys"] == len(ids) == count,
    }
