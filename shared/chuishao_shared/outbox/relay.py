"""The outbox relay: claims unpublished rows in id order, sends them keyed by aggregate id, awaits the
broker's acks, then marks them. One active relay per service (advisory lock) so one aggregate's
events never reorder; LISTEN/NOTIFY only wakes it early, polling is the safety net.

It selects on `published_at IS NULL`, never on an id cursor, so rows committed out of id order are
not skipped."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import zlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import asyncpg
from aiokafka import AIOKafkaProducer

from chuishao_shared.observability import (
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    OUTBOX_PUBLISHED,
    RELAY_ACTIVE,
)
from chuishao_shared.outbox.writer import notify_channel

log = logging.getLogger(__name__)

_CLAIM = """
    SELECT id, topic, key, payload, headers FROM outbox
    WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
"""
_MARK = "UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])"
_BACKLOG = "SELECT count(*), min(created_at) FROM outbox WHERE published_at IS NULL"
_PURGE = "DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)"


def relay_lock_id(service: str) -> int:
    return zlib.crc32(f"chuishao-outbox-relay:{service}".encode())


class OutboxRelay:
    def __init__(
        self,
        *,
        service: str,
        dsn: str,
        producer_factory: Callable[[], AIOKafkaProducer],
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        retention_hours: int = 24,
        before_mark: Callable[[list[int]], Awaitable[None]] | None = None,
    ) -> None:
        self.service = service
        self.dsn = dsn
        self.producer_factory = producer_factory
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.retention_hours = retention_hours
        # Test seam: runs after the broker acked and before the rows are marked (crash window).
        self.before_mark = before_mark
        self._wake = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        """Run until `stop` is set: wait for the lock, then publish; reconnect after any failure."""
        while not stop.is_set():
            try:
                await self._run_once(stop)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay failed; retrying")
                RELAY_ACTIVE.labels(self.service).set(0)
                await _sleep_or_stop(stop, 2.0)

    async def _run_once(self, stop: asyncio.Event) -> None:
        control = await asyncpg.connect(self.dsn)
        try:
            while not await control.fetchval("SELECT pg_try_advisory_lock($1)", relay_lock_id(self.service)):
                if await _sleep_or_stop(stop, 2.0):
                    return
            RELAY_ACTIVE.labels(self.service).set(1)
            await control.add_listener(notify_channel(self.service), self._on_notify)
            work = await asyncpg.connect(self.dsn)
            producer = self.producer_factory()
            try:
                await producer.start()
                await self._publish_loop(work, producer, stop)
            finally:
                RELAY_ACTIVE.labels(self.service).set(0)
                await producer.stop()
                await work.close()
        finally:
            with contextlib.suppress(Exception):
                await control.close()

    def _on_notify(self, *_: object) -> None:
        self._wake.set()

    async def _publish_loop(self, work: asyncpg.Connection, producer: AIOKafkaProducer, stop: asyncio.Event) -> None:
        cycles = 0
        while not stop.is_set():
            # Clear before claiming: a NOTIFY that arrives while this batch is sent wakes the next cycle.
            self._wake.clear()
            sent = await self.publish_batch(work, producer)
            cycles += 1
            if sent < self.batch_size or cycles % 20 == 0:
                await self._observe_backlog(work)
            if cycles % 600 == 0:
                await work.execute(_PURGE, self.retention_hours)
            if sent < self.batch_size:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def publish_batch(self, work: asyncpg.Connection, producer: AIOKafkaProducer) -> int:
        """One claim → send → await acks → mark cycle, in one transaction. Returns rows published."""
        async with work.transaction():
            rows = await work.fetch(_CLAIM, self.batch_size)
            if not rows:
                return 0
            futures = [
                await producer.send(
                    row["topic"],
                    value=bytes(row["payload"]),
                    key=row["key"].encode(),
                    headers=[(k, str(v).encode()) for k, v in json.loads(row["headers"]).items()],
                )
                for row in rows
            ]
            await asyncio.gather(*futures)
            ids = [row["id"] for row in rows]
            if self.before_mark is not None:
                await self.before_mark(ids)
            await work.execute(_MARK, ids)
        OUTBOX_PUBLISHED.labels(self.service).inc(len(rows))
        return len(rows)

    async def _observe_backlog(self, work: asyncpg.Connection) -> None:
        count, oldest = await work.fetchrow(_BACKLOG)
        OUTBOX_BACKLOG.labels(self.service).set(count)
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
        OUTBOX_OLDEST_AGE.labels(self.service).set(max(age, 0.0))


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to `seconds`; True when stop was set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
    return stop.is_set()
