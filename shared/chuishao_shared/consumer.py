"""The consuming side: every event's id (dedupe) is recorded in the same transaction as the handler's
state change; offsets are committed only after the database commit. Transient errors are retried in
place with backoff; anything else, or a message that keeps failing, goes to the dead-letter topic with
its original bytes and the error, and the partition moves on.

A poll is applied in one transaction (at most `batch_max_events` events, every partition's in its order):
under load that is one commit, one WAL flush and one connection checkout for many events instead of one
each. If anything in that transaction fails, it is rolled back and the same records are handled one
transaction per event, so a poison message is dead-lettered alone and every other event of the poll still
applies (a deadlock between two replicas' polls, which PostgreSQL breaks by failing one, ends the same way).

A service may also give a poll handler: the poll's fresh events (duplicates removed) at once, so that it
can apply them with set-based statements, a constant number of round trips per poll rather than some per
event. The one-by-one path always uses the per-event handler, so the poll handler must leave the same
state as the per-event handler applied to the same events in order."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from chuishao_shared.events.envelope import Envelope
from chuishao_shared.events.topics import dead_letter_topic
from chuishao_shared.observability import (
    CONSUMER_LAG,
    DEAD_LETTERED,
    EVENTS_CONSUMED,
    trace_id_from,
    trace_id_var,
)
from chuishao_shared.redaction import describe_error
from chuishao_shared.transient import TransientError, is_transient

log = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = ["AfterCommit", "EventConsumer", "Handler", "PollHandler", "TransientError", "is_transient"]

# A handler changes state in the consumer's transaction; it may return work to run once that
# transaction has committed (a service's unit of work returns its metrics this way).
AfterCommit = Callable[[], None]
Handler = Callable[[AsyncConnection, Envelope], Awaitable[AfterCommit | None]]
# The same for a poll's fresh events, in partition order (the consumer's docstring says what it must keep).
PollHandler = Callable[[AsyncConnection, list[Envelope]], Awaitable[AfterCommit | None]]

# A whole poll's event ids in one statement: the ids returned are this transaction's to apply.
_CLAIM_EVENTS = text(
    "INSERT INTO processed_events (consumer, event_id) SELECT :consumer, unnest(CAST(:event_ids AS uuid[])) "
    "ON CONFLICT DO NOTHING RETURNING event_id"
)
_CLAIM_EVENT = text(
    "INSERT INTO processed_events (consumer, event_id) VALUES (:consumer, :event_id) "
    "ON CONFLICT DO NOTHING RETURNING event_id"
)


class _Stopping(Exception):
    """The service began to stop while the consumer waited on the broker."""


async def _unless_stopping(work: Awaitable[T], stopping: asyncio.Future[Any]) -> T:
    """`work`'s result, or `_Stopping` as soon as the service stops: a shutdown does not wait out a poll's
    500 ms or a group join (a rolling restart; a test suite that starts and stops services hundreds of
    times). Cutting a poll short loses nothing: its records were not handled, so no offset was committed."""
    task = asyncio.ensure_future(work)
    await asyncio.wait((task, stopping), return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):  # its outcome no longer matters
        await task
    raise _Stopping


class EventConsumer:
    def __init__(
        self,
        *,
        name: str,
        engine: AsyncEngine,
        consumer_factory: Callable[[], AIOKafkaConsumer],
        producer_factory: Callable[[], AIOKafkaProducer],
        handler: Handler,
        retry_base_seconds: float = 0.2,
        max_backoff_seconds: float = 10.0,
        crash_after_commits: int = 0,
        batch_max_events: int = 100,
        linger_seconds: float = 0.0,
        poll_handler: PollHandler | None = None,
    ) -> None:
        self.name = name
        self.engine = engine
        self.consumer_factory = consumer_factory
        self.producer_factory = producer_factory
        self.handler = handler
        self.max_backoff_seconds = max_backoff_seconds
        self.retry_base_seconds = retry_base_seconds
        self.ready = asyncio.Event()
        self._lag_reported: set[TopicPartition] = set()
        # Fault injection for the e2e suite only (refused in production): SIGKILL this process right
        # after the database commit of the Nth event it processed, before its offset is committed.
        self.crash_after_commits = crash_after_commits
        self._committed = 0
        self.batch_max_events = max(batch_max_events, 1)
        self.linger_seconds = linger_seconds
        self.poll_handler = poll_handler

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._run_once(stop)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("consumer %s failed; restarting", self.name)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 2.0)

    async def _run_once(self, stop: asyncio.Event) -> None:
        consumer = self.consumer_factory()
        producer = self.producer_factory()
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await _unless_stopping(producer.start(), stopping)
            await _unless_stopping(consumer.start(), stopping)
            while not stop.is_set():
                batches = await _unless_stopping(consumer.getmany(timeout_ms=500), stopping)
                if batches and self.linger_seconds:
                    batches = await self._linger(consumer, batches, stopping)
                if consumer.assignment():
                    self.ready.set()
                await self._apply(consumer, batches, producer)
                await self._observe_lag(consumer)
        except _Stopping:
            pass
        finally:
            stopping.cancel()
            try:
                await consumer.stop()  # (also one that never started: it holds a client to close)
            finally:
                await producer.stop()

    async def _apply(
        self,
        consumer: AIOKafkaConsumer,
        batches: dict[TopicPartition, list[ConsumerRecord]],
        producer: AIOKafkaProducer,
    ) -> None:
        """A poll's records, each partition's in its order, in transactions of at most `batch_max_events`
        (all partitions together: a transaction's fixed cost is paid once per poll, not once per partition);
        then every partition's offset in one commit, once all are in the database."""
        records = [record for partition in batches.values() for record in partition]
        for start in range(0, len(records), self.batch_max_events):
            await self.process_poll(records[start : start + self.batch_max_events], producer)
        offsets = {tp: records[-1].offset + 1 for tp, records in batches.items() if records}
        if offsets:
            await consumer.commit(offsets)

    async def _linger(
        self,
        consumer: AIOKafkaConsumer,
        batches: dict[TopicPartition, list[ConsumerRecord]],
        stopping: asyncio.Future[Any],
    ) -> dict[TopicPartition, list[ConsumerRecord]]:
        """A poll short of a batch waits `linger_seconds` once, then takes what arrived meanwhile."""
        if sum(len(records) for records in batches.values()) >= self.batch_max_events:
            return batches
        await _unless_stopping(asyncio.sleep(self.linger_seconds), stopping)
        for tp, records in (await consumer.getmany(timeout_ms=0)).items():
            batches.setdefault(tp, []).extend(records)
        return batches

    async def _observe_lag(self, consumer: AIOKafkaConsumer) -> None:
        assigned = consumer.assignment()
        # Partitions moved to another member in a rebalance must not keep reporting their old lag.
        for tp in self._lag_reported - assigned:
            with contextlib.suppress(KeyError):
                CONSUMER_LAG.remove(self.name, tp.topic, str(tp.partition))
        self._lag_reported = set(assigned)
        for tp in assigned:
            end = consumer.highwater(tp)
            if end is None:
                continue
            with contextlib.suppress(Exception):
                lag = max(end - await consumer.position(tp), 0)
                CONSUMER_LAG.labels(self.name, tp.topic, str(tp.partition)).set(lag)

    async def process_poll(self, records: list[ConsumerRecord], producer: AIOKafkaProducer) -> list[str]:
        """Handle records of a poll (each partition's in order); returns each one's outcome, in order."""
        if len(records) > 1:
            together = await self._try_together(records)
            if together is not None:
                return together
        return [await self.process(record, producer) for record in records]

    async def _try_together(self, records: list[ConsumerRecord]) -> list[str] | None:
        """All records in one transaction, or None (rolled back: handle them one by one)."""
        try:
            envelopes = [(_trace_id(record), Envelope.from_bytes(record.value or b"")) for record in records]
        except Exception:
            return None  # an undecodable record: the one-by-one path dead-letters it alone
        outcomes: list[str] = []
        after: list[tuple[object, AfterCommit]] = []
        try:
            async with self.engine.begin() as conn:
                ids = [str(envelope.id) for _, envelope in envelopes]
                claimed = await conn.execute(_CLAIM_EVENTS, {"consumer": self.name, "event_ids": ids})
                unapplied = {str(row.event_id) for row in claimed}
                fresh: list[Envelope] = []
                for trace_id, envelope in envelopes:
                    if str(envelope.id) not in unapplied:  # applied before, or earlier in this same poll
                        outcomes.append("duplicate")
                        continue
                    unapplied.discard(str(envelope.id))
                    outcomes.append("processed")
                    fresh.append(envelope)
                    if self.poll_handler is None:
                        trace_id_var.set(trace_id)
                        after_commit = await self.handler(conn, envelope)
                        if after_commit is not None:
                            after.append((envelope.id, after_commit))
                if self.poll_handler is not None and fresh:
                    trace_id_var.set(envelopes[0][0])
                    after_commit = await self.poll_handler(conn, fresh)
                    if after_commit is not None:
                        after.append((fresh[-1].id, after_commit))
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.info("a poll of %d events did not apply together (%s); one by one", len(records), describe_error(error))
            return None
        self._count_commits(outcomes.count("processed"), envelopes[-1][1].id)
        for event_id, work in after:
            _run_after_commit(event_id, work)
        for (_, envelope), outcome in zip(envelopes, outcomes, strict=True):
            EVENTS_CONSUMED.labels(self.name, envelope.type, outcome).inc()
        return outcomes

    async def process(self, record: ConsumerRecord, producer: AIOKafkaProducer) -> str:
        """Handle one record; returns the outcome: processed, duplicate or dead_lettered."""
        trace_id_var.set(_trace_id(record))
        try:
            envelope = Envelope.from_bytes(record.value or b"")
        except Exception as error:
            await self.dead_letter(record, producer, error)
            EVENTS_CONSUMED.labels(self.name, "unknown", "dead_lettered").inc()
            return "dead_lettered"
        attempt = 0
        while True:
            try:
                outcome = await self._handle_once(envelope)
                EVENTS_CONSUMED.labels(self.name, envelope.type, outcome).inc()
                return outcome
            except Exception as error:
                if not is_transient(error):
                    await self.dead_letter(record, producer, error)
                    EVENTS_CONSUMED.labels(self.name, envelope.type, "dead_lettered").inc()
                    return "dead_lettered"
                # A database outage must not empty the partition into the dead-letter topic: retry in
                # place, backing off to a ceiling, while lag and logs tell operators something is wrong.
                attempt += 1
                log.warning(
                    "transient failure handling %s (attempt %d): %s", envelope.id, attempt, describe_error(error)
                )
                await asyncio.sleep(min(self.retry_base_seconds * 2 ** min(attempt, 10), self.max_backoff_seconds))

    async def _handle_once(self, envelope: Envelope) -> str:
        async with self.engine.begin() as conn:
            claimed = await conn.execute(_CLAIM_EVENT, {"consumer": self.name, "event_id": envelope.id})
            if claimed.first() is None:
                return "duplicate"
            after_commit = await self.handler(conn, envelope)
        self._count_commits(1, envelope.id)
        if after_commit is not None:
            _run_after_commit(envelope.id, after_commit)
        return "processed"

    def _count_commits(self, events: int, last_event_id: object) -> None:
        before, self._committed = self._committed, self._committed + events
        if before < self.crash_after_commits <= self._committed:
            log.warning("fault injection: killed after the database commit of %s, before its offset", last_event_id)
            os.kill(os.getpid(), signal.SIGKILL)

    async def dead_letter(self, record: ConsumerRecord, producer: AIOKafkaProducer, error: BaseException) -> None:
        topic = dead_letter_topic(record.topic)
        described = describe_error(error)  # never the values: they may be a resident's contact
        log.error("dead-lettering %s[%d]@%d: %s", record.topic, record.partition, record.offset, described)
        headers = list(record.headers or ()) + [
            ("error", described[:2000].encode()),
            ("error_type", type(error).__name__.encode()),
            ("original_topic", record.topic.encode()),
            ("original_partition", str(record.partition).encode()),
            ("original_offset", str(record.offset).encode()),
            ("consumer", self.name.encode()),
        ]
        await producer.send_and_wait(topic, value=record.value, key=record.key, headers=headers)
        DEAD_LETTERED.labels(self.name, record.topic).inc()


def _trace_id(record: ConsumerRecord) -> str | None:
    headers = dict(record.headers or ())
    return trace_id_from((headers.get("traceparent") or b"").decode(errors="replace"))


def _run_after_commit(event_id: object, work: AfterCommit) -> None:
    try:
        work()
    except Exception:  # committed already: never retry or dead-letter the event for a metric
        log.exception("after-commit work for %s failed", event_id)
