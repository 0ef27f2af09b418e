"""The outbox relay: claims unpublished rows in id order, sends them keyed by aggregate id, awaits the
broker's acks, then marks them. One active relay per service (advisory lock) so one aggregate's
events never reorder; LISTEN/NOTIFY only wakes it early, polling is the safety net.

It selects on `published_at IS NULL`, never on an id cursor, so rows committed out of id order are
not skipped.

Leadership is checked on every batch: the session lock's connection must still be open, and each
batch's transaction also takes a transaction-level advisory lock, so even a relay that lost its session
lock without noticing can never send a batch while another relay sends one.

Healing: published rows are kept for a retention window (7 days by default). The relay remembers, per
partition, an offset the broker acknowledged (`outbox_log_marks`: the first of the latest batch). A
partition whose log now ends at or below its mark, a topic that vanished, or a send acknowledged at or
below the mark means the broker lost its log (memory storage restarted, retention expired, an unclean
election, a cluster rebuilt): every retained row is then marked unpublished and sent again in id order;
consumers' dedupe absorbs what they had already applied."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import zlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from chuishao_shared.kafka import metadata_of
from chuishao_shared.observability import (
    BROKER_LOG_LOST,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    OUTBOX_PUBLISHED,
    OUTBOX_REPUBLISHED,
    RELAY_ACTIVE,
)
from chuishao_shared.outbox.writer import notify_channel
from chuishao_shared.service_layer.periodic import sleep_or_stop
from chuishao_shared.service_layer.waiter import NotifyWaiter

log = logging.getLogger(__name__)

# The batch's transaction lock and its rows in one round trip: no rows (and `held` false) when another
# relay is sending a batch right now. A row that a batch published after this statement's snapshot is
# re-read by FOR UPDATE, found published, and skipped.
_CLAIM = """
    WITH batch_lock AS (SELECT pg_try_advisory_xact_lock($2) AS held)
    SELECT batch_lock.held, o.id, o.topic, o.key, o.payload, o.headers FROM batch_lock
    LEFT JOIN LATERAL (
        SELECT id, topic, key, payload, headers FROM outbox
        WHERE batch_lock.held AND published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
    ) o ON true
"""
# The sent rows marked and each partition's mark raised, in one statement.
_MARK = """
    WITH marked AS (UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]))
    INSERT INTO outbox_log_marks (topic, partition, high_offset)
    SELECT * FROM unnest($2::text[], $3::int[], $4::bigint[])
    ON CONFLICT (topic, partition) DO UPDATE
    SET high_offset = GREATEST(outbox_log_marks.high_offset, EXCLUDED.high_offset)
"""
_BACKLOG = "SELECT count(*), min(created_at) FROM outbox WHERE published_at IS NULL"
_PURGE = "DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)"
_MARKS = "SELECT topic, partition, high_offset FROM outbox_log_marks"
_REQUEUE_RETAINED = "UPDATE outbox SET published_at = NULL WHERE published_at IS NOT NULL"
_FORGET_MARKS = "DELETE FROM outbox_log_marks"
BACKLOG_OBSERVE_SECONDS = 1.0


def relay_lock_id(service: str) -> int:
    return zlib.crc32(f"chuishao-outbox-relay:{service}".encode())


def batch_lock_id(service: str) -> int:
    return zlib.crc32(f"chuishao-outbox-batch:{service}".encode())


class LeadershipLost(Exception):
    """The connection holding the relay lock is gone: stop publishing and compete for it again."""


# What the broker reports about a partition the relay has marked: its end offset, or None when the
# topic or partition no longer exists.
EndOffsets = Callable[[list[TopicPartition]], Awaitable[dict[TopicPartition, int | None]]]


class OutboxRelay:
    def __init__(
        self,
        *,
        service: str,
        dsn: str,
        producer_factory: Callable[[], AIOKafkaProducer],
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        retention_hours: int = 24 * 7,
        probe_seconds: float = 2.0,
        probe_factory: Callable[[], AIOKafkaConsumer] | None = None,
        before_mark: Callable[[list[int]], Awaitable[None]] | None = None,
        linger_seconds: float = 0.0,
    ) -> None:
        self.service = service
        self.dsn = dsn
        self.producer_factory = producer_factory
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.retention_hours = retention_hours
        # How often an idle relay asks the broker where each marked partition ends (None: never).
        self.probe_seconds = probe_seconds
        self.probe_factory = probe_factory
        # Test seam: runs after the broker acked and before the rows are marked (crash window).
        self.before_mark = before_mark
        # After a wake-up, wait this long before claiming, so that rows committed just after join the batch.
        self.linger_seconds = linger_seconds
        self.waiter = NotifyWaiter(notify_channel(service))
        self._control: asyncpg.Connection | None = None
        self._marks: dict[tuple[str, int], int] | None = None
        self._last_probe = 0.0
        # Topics that vanished with the log: sending before they are created again would let a broker
        # that creates topics on first use make them with its own partition count.
        self._awaiting_topics: set[str] = set()

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
                await sleep_or_stop(stop, 2.0)

    async def _run_once(self, stop: asyncio.Event) -> None:
        control = await asyncpg.connect(self.dsn)
        try:
            while not await control.fetchval("SELECT pg_try_advisory_lock($1)", relay_lock_id(self.service)):
                if await sleep_or_stop(stop, 2.0):
                    return
            RELAY_ACTIVE.labels(self.service).set(1)
            self._control = control
            self._marks = None  # another relay may have moved them while this one waited
            await self.waiter.listen(control)
            work = await asyncpg.connect(self.dsn)
            producer = self.producer_factory()
            probe = self.probe_factory() if self.probe_factory is not None else None
            try:
                await producer.start()
                if probe is not None:
                    await probe.start()
                    await self.check_broker_log(work, _end_offsets_of(probe))
                await self._publish_loop(work, producer, probe, stop)
            finally:
                RELAY_ACTIVE.labels(self.service).set(0)
                self._control = None
                await producer.stop()
                if probe is not None:
                    await probe.stop()
                await work.close()
        finally:
            with contextlib.suppress(Exception):
                await control.close()

    async def _publish_loop(
        self,
        work: asyncpg.Connection,
        producer: AIOKafkaProducer,
        probe: AIOKafkaConsumer | None,
        stop: asyncio.Event,
    ) -> None:
        cycles = 0
        loop = asyncio.get_running_loop()
        observed = -BACKLOG_OBSERVE_SECONDS
        while not stop.is_set():
            # Clear before claiming: a NOTIFY that arrives while this batch is sent wakes the next cycle.
            self.waiter.clear()
            if probe is not None and loop.time() - self._last_probe >= self.probe_seconds:
                self._last_probe = loop.time()
                await self.check_broker_log(work, _end_offsets_of(probe))
            if probe is not None and self._awaiting_topics:
                if not await self._topics_back(probe):
                    await sleep_or_stop(stop, self.poll_seconds)
                    continue
            sent = await self.publish_batch(work, producer)
            cycles += 1
            # The backlog gauges once a second, not every cycle: under a steady trickle each cycle sends a
            # row or two, and counting the backlog had been one more statement per report.
            if loop.time() - observed >= BACKLOG_OBSERVE_SECONDS:
                observed = loop.time()
                await self._observe_backlog(work)
            if cycles % 600 == 0:
                await work.execute(_PURGE, self.retention_hours)
            if sent < self.batch_size:
                await self.waiter.wait(self.poll_seconds, stop)
                if self.linger_seconds:
                    await sleep_or_stop(stop, self.linger_seconds)

    async def publish_batch(self, work: asyncpg.Connection, producer: AIOKafkaProducer) -> int:
        """One claim → send → await acks → mark cycle, in one transaction. Returns rows published."""
        if self._control is not None and self._control.is_closed():
            raise LeadershipLost(f"{self.service} relay lost its lock connection")
        marks = await self._load_marks(work)
        async with work.transaction():
            rows = [
                row
                for row in await work.fetch(_CLAIM, self.batch_size, batch_lock_id(self.service))
                if row["id"] is not None
            ]
            if not rows:
                return 0  # nothing to send, or another relay is sending a batch right now
            futures = [
                await producer.send(
                    row["topic"],
                    value=bytes(row["payload"]),
                    key=row["key"].encode(),
                    headers=[(k, str(v).encode()) for k, v in json.loads(row["headers"]).items()],
                )
                for row in rows
            ]
            acked = await asyncio.gather(*futures)
            # Per partition, the first offset of this batch: a record the broker says it holds. Not the
            # last: Tansu reports a partition's end as its last batch's base offset + 1.
            first: dict[tuple[str, int], int] = {}
            for meta in acked:
                key = (meta.topic, meta.partition)
                first[key] = min(first.get(key, meta.offset), meta.offset)
            rewound = [key for key, offset in first.items() if offset <= marks.get(key, -1)]
            if rewound:
                # Offsets only grow in a partition: this log started again. Resend everything retained,
                # this batch included, in id order from the next cycle on.
                await self._requeue_retained(work, f"acknowledged at or below the mark on {rewound}")
                return 0
            ids = [row["id"] for row in rows]
            if self.before_mark is not None:
                await self.before_mark(ids)
            await work.execute(_MARK, ids, [t for t, _ in first], [p for _, p in first], list(first.values()))
        for key, offset in first.items():
            marks[key] = max(marks.get(key, -1), offset)
        OUTBOX_PUBLISHED.labels(self.service).inc(len(rows))
        return len(rows)

    async def check_broker_log(self, work: asyncpg.Connection, end_offsets: EndOffsets) -> bool:
        """Ask the broker where each marked partition ends; True (and every retained row queued again)
        when one ends at or below its mark or is gone. An unanswered probe concludes nothing."""
        marks = await self._load_marks(work)
        if not marks:
            return False
        try:
            ends = await asyncio.wait_for(end_offsets([TopicPartition(t, p) for t, p in marks]), 10.0)
        except Exception:
            log.warning("could not read the broker's end offsets; will ask again", exc_info=True)
            return False
        # A mark is the offset of an acknowledged record, so an intact log ends above it.
        short = [
            (tp.topic, tp.partition)
            for tp, end in ends.items()
            if end is None or end <= marks[(tp.topic, tp.partition)]
        ]
        if not short:
            return False
        async with work.transaction():
            await self._requeue_retained(work, f"log ends at or below the mark on {short}")
        self._awaiting_topics = {tp.topic for tp, end in ends.items() if end is None}
        return True

    async def _topics_back(self, probe: AIOKafkaConsumer) -> bool:
        try:
            cluster = await asyncio.wait_for(metadata_of(probe, self._awaiting_topics), 10.0)
        except Exception:
            return False
        missing = {t for t in self._awaiting_topics if not cluster.partitions_for_topic(t)}
        if missing:
            log.warning("%s relay waits for topics to be created again: %s", self.service, sorted(missing))
            return False
        self._awaiting_topics = set()
        return True

    async def _load_marks(self, work: asyncpg.Connection) -> dict[tuple[str, int], int]:
        if self._marks is None:
            self._marks = {(r["topic"], r["partition"]): r["high_offset"] for r in await work.fetch(_MARKS)}
        return self._marks

    async def _requeue_retained(self, work: asyncpg.Connection, why: str) -> None:
        """In the caller's transaction: forget the marks and mark every retained row unpublished."""
        await work.execute(_FORGET_MARKS)
        status = await work.execute(_REQUEUE_RETAINED)
        requeued = int(status.split()[-1])
        self._marks = {}
        self.waiter.wake()
        BROKER_LOG_LOST.labels(self.service).inc()
        OUTBOX_REPUBLISHED.labels(self.service).inc(requeued)
        log.error(
            "%s: the broker lost its log (%s); publishing %d retained outbox rows again", self.service, why, requeued
        )

    async def _observe_backlog(self, work: asyncpg.Connection) -> None:
        count, oldest = await work.fetchrow(_BACKLOG)
        OUTBOX_BACKLOG.labels(self.service).set(count)
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
        OUTBOX_OLDEST_AGE.labels(self.service).set(max(age, 0.0))


def _end_offsets_of(probe: AIOKafkaConsumer) -> EndOffsets:
    async def end_offsets(partitions: list[TopicPartition]) -> dict[TopicPartition, int | None]:
        # Fresh metadata: a cached view would hide a topic that vanished with the log.
        cluster = await metadata_of(probe, {tp.topic for tp in partitions})
        present = [tp for tp in partitions if tp.partition in (cluster.partitions_for_topic(tp.topic) or set())]
        ends: dict[TopicPartition, int | None] = {tp: None for tp in partitions}
        if present:
            ends.update(await probe.end_offsets(present))
        return ends

    return end_offsets
