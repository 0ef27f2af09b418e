"""Feeding real envelopes to the real topics and waiting for tracking's projection to show them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import asyncpg
from aiokafka import AIOKafkaProducer
from prometheus_client import REGISTRY

from chuishao_shared.events import Envelope, topic_for
from chuishao_shared.settings import Settings
from chuishao_tracking.entrypoints.consumer import CONSUMER_NAME
from support.services import serving  # noqa: F401  (re-exported for the tracking tests)

T = TypeVar("T")


async def produce(producer: AIOKafkaProducer, settings: Settings, envelopes: list[Envelope]) -> None:
    """Each event to its topic, keyed by its subject (so one case's events stay in order)."""
    sends = [
        await producer.send(
            settings.topic(topic_for(e.type)), e.to_bytes(), key=e.subject.encode(), headers=[("type", e.type.encode())]
        )
        for e in envelopes
    ]
    await asyncio.gather(*sends)


async def eventually(check: Callable[[], Awaitable[T]], within: float = 30.0, interval: float = 0.05) -> T:
    """Poll until `check` returns something truthy; fail with its last value."""
    deadline = time.monotonic() + within
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {within}s (last: {value!r})")
        await asyncio.sleep(interval)


async def processed_events(settings: Settings) -> int:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM processed_events WHERE consumer = $1", CONSUMER_NAME))
    finally:
        await conn.close()


async def until_processed(settings: Settings, n: int, within: float = 60.0) -> None:
    async def done() -> bool:
        return await processed_events(settings) >= n

    await eventually(done, within)


def consumed(outcome: str) -> float:
    """chuishao_events_consumed_total for tracking's projection and `outcome`, over every event type."""
    return sum(
        s.value
        for metric in REGISTRY.collect()
        if metric.name == "chuishao_events_consumed"
        for s in metric.samples
        if s.name == "chuishao_events_consumed_total"
        and s.labels.get("consumer") == CONSUMER_NAME
        and s.labels.get("outcome") == outcome
    )


async def dump_read_model(settings: Settings) -> str:
    """Every row of every tracking table as text: what tracking stores, for the personal-data check."""
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        tables = [
            r["tablename"] for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        rows = [str(dict(r)) for t in tables for r in await conn.fetch(f'SELECT * FROM "{t}"')]
        return "\n".join(rows)
    finally:
        await conn.close()


def jsonable_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
