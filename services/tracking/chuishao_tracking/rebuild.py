"""Ops command `python -m chuishao_tracking rebuild`: wipe the read model and replay both topics from
their first offset with a fresh consumer group, up to the end offsets seen at the start.

Safe while the service runs: every event still goes through the same consumer name's dedupe table
(wiped together with the read model) and the projection is order-independent, so whichever of the
live consumer and the rebuild projects an event first, the other skips it and the numbers come out
the same. Events produced after the start are left to the live consumer. While it runs the board
shows a partial picture (seconds for a city's year of events); SSE clients are told to resync.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from chuishao_shared.consumer import EventConsumer
from chuishao_shared.db import make_engine
from chuishao_shared.events import CASES_TOPIC, COMMUNITY_TOPIC, REPORTS_TOPIC
from chuishao_shared.kafka import make_consumer, make_producer, metadata_of
from chuishao_shared.migrations import upgrade_head
from chuishao_shared.observability import configure_logging
from chuishao_shared.settings import Settings
from chuishao_tracking.domain.commands import WipeReadModel
from chuishao_tracking.entrypoints.consumer import CONSUMER_NAME, on_event, on_poll
from chuishao_tracking.service_layer.handlers import message_bus
from chuishao_tracking.service_layer.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)
# A partition no fetch has reported a high watermark for after this many empty polls is empty.
IDLE_POLLS_WHEN_EMPTY = 10


@dataclass
class RebuildResult:
    group: str
    partitions: int
    outcomes: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


async def rebuild(settings: Settings, *, give_up_after: float = 3600.0) -> RebuildResult:
    engine = make_engine(settings)
    group = f"chuishao-tracking-rebuild-{uuid.uuid4().hex[:12]}"
    consumer = make_consumer(settings, group_id=group)  # assigned by hand below: no rebalance to wait for
    producer = make_producer(settings)  # for the dead-letter topic, exactly as the live consumer
    started = time.monotonic()
    sink = EventConsumer(  # built as ServiceRuntime.with_consumer builds the live one
        name=CONSUMER_NAME,
        engine=engine,
        consumer_factory=lambda: consumer,
        producer_factory=lambda: producer,
        handler=on_event,
        retry_base_seconds=settings.consumer_retry_base_seconds,
        batch_max_events=settings.consumer_batch_max_events,
        poll_handler=on_poll,
    )
    try:
        await consumer.start()
        await producer.start()
        topics = [settings.topic(t) for t in (CASES_TOPIC, REPORTS_TOPIC, COMMUNITY_TOPIC)]
        cluster = await metadata_of(consumer, topics)
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(cluster.partitions_for_topic(t) or ())]
        result = RebuildResult(group=group, partitions=len(partitions))
        await message_bus(lambda: SqlUnitOfWork(engine, None)).handle(WipeReadModel(consumer=CONSUMER_NAME))
        if not partitions:
            return result
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        await _replay(consumer, producer, sink, partitions, result, started + give_up_after)
        result.seconds = round(time.monotonic() - started, 3)
        return result
    finally:
        await consumer.stop()
        await producer.stop()
        await engine.dispose()


async def _replay(
    consumer: AIOKafkaConsumer,
    producer: AIOKafkaProducer,
    sink: EventConsumer,
    partitions: list[TopicPartition],
    result: RebuildResult,
    deadline: float,
) -> None:
    """Read every partition up to the high watermark its first fetch reported.

    The high watermark comes from fetch responses, not from `end_offsets`: Tansu answers ListOffsets
    (latest) with the last record batch's base offset + 1 (measured: 12 records sent as one batch → 1)."""
    targets: dict[TopicPartition, int] = {}
    remaining, idle_polls = set(partitions), 0
    while remaining:
        if time.monotonic() > deadline:
            raise TimeoutError(f"rebuild did not catch up with {sorted(map(str, remaining))}")
        batches = await consumer.getmany(*remaining, timeout_ms=500)
        idle_polls = 0 if any(batches.values()) else idle_polls + 1
        for tp, records in batches.items():
            for start in range(0, len(records), sink.batch_max_events):  # a transaction per batch, as live
                result.outcomes.update(
                    await sink.process_poll(records[start : start + sink.batch_max_events], producer)
                )
            if records:
                await _commit(consumer, {tp: records[-1].offset + 1})
        for tp in list(remaining):
            highwater = consumer.highwater(tp)
            if highwater is not None:
                targets.setdefault(tp, highwater)
            caught_up = tp in targets and await consumer.position(tp) >= targets[tp]
            if caught_up or (tp not in targets and idle_polls >= IDLE_POLLS_WHEN_EMPTY):
                remaining.discard(tp)


async def _commit(consumer: object, offsets: dict[TopicPartition, int]) -> None:
    # The fresh group's offsets only document how far the rebuild got; failing to store them is harmless.
    try:
        await consumer.commit(offsets)  # type: ignore[attr-defined]
    except Exception:
        log.warning("could not commit the rebuild group's offsets", exc_info=True)


def main(settings: Settings, argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="chuishao-tracking rebuild", description="Wipe tracking's read model and replay the topics from the start."
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up after this many seconds")
    args = parser.parse_args(argv)
    configure_logging(settings.service_name, settings.log_level)
    from chuishao_tracking.bootstrap import MIGRATIONS

    upgrade_head(MIGRATIONS, settings.sqlalchemy_url)
    result = asyncio.run(rebuild(settings, give_up_after=args.timeout))
    print(
        json.dumps(
            {
                "group": result.group,
                "partitions": result.partitions,
                "outcomes": dict(result.outcomes),
                "seconds": result.seconds,
            }
        )
    )
