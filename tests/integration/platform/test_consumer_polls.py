"""A poll is applied in one transaction; a record that fails sends the poll back to one
transaction per event, so only that record is dead-lettered and every other one still applies once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from aiokafka import AIOKafkaProducer, ConsumerRecord
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from chuishao_shared.consumer import EventConsumer, PollHandler
from chuishao_shared.db import PLATFORM_DDL
from chuishao_shared.devstack import create_databases, database_dsn
from chuishao_shared.events import REPORTS_TOPIC, Envelope, dead_letter_topic, new_envelope
from chuishao_shared.kafka import ensure_topics, make_producer
from chuishao_shared.settings import Settings
from support.dead_letters import dead_letters
from support.factories import report_received_data
from support.infra import Infra, unique

POISON = "r-poison"


@pytest.fixture
async def engine(infra: Infra) -> AsyncIterator[AsyncEngine]:
    database = unique("polls")
    await create_databases(infra.admin_dsn, [database])
    engine = create_async_engine(
        database_dsn(infra.admin_dsn, database).replace("postgresql://", "postgresql+asyncpg://")
    )
    async with engine.begin() as conn:
        for statement in PLATFORM_DDL:
            await conn.execute(text(statement))
        await conn.execute(text("CREATE TABLE applied (subject text PRIMARY KEY, tx bigint NOT NULL)"))
    yield engine
    await engine.dispose()


@pytest.fixture
async def settings(infra: Infra) -> Settings:
    settings = Settings(kafka_bootstrap_servers=infra.bootstrap, topic_prefix=unique("t") + ".")
    await ensure_topics(settings, partitions=1)
    return settings


@pytest.fixture
async def producer(settings: Settings) -> AsyncIterator[AIOKafkaProducer]:
    producer = make_producer(settings)
    await producer.start()
    yield producer
    await producer.stop()


async def _apply(conn: AsyncConnection, envelope: Envelope) -> None:
    if envelope.subject == POISON:
        raise ValueError("cannot handle this report")
    await conn.execute(
        text("INSERT INTO applied (subject, tx) VALUES (:subject, txid_current())"), {"subject": envelope.subject}
    )


def _consumer(
    engine: AsyncEngine, batch_max_events: int = 100, poll_handler: PollHandler | None = None
) -> EventConsumer:
    return EventConsumer(
        name="polls",
        engine=engine,
        consumer_factory=lambda: None,  # type: ignore[arg-type,return-value]  # process_poll is driven directly
        producer_factory=lambda: None,  # type: ignore[arg-type,return-value]
        handler=_apply,
        batch_max_events=batch_max_events,
        poll_handler=poll_handler,
    )


def _records(settings: Settings, subjects: list[str], first_offset: int = 0) -> list[ConsumerRecord]:
    topic = settings.topic(REPORTS_TOPIC)
    records = []
    for offset, subject in enumerate(subjects, start=first_offset):
        envelope = new_envelope(
            "report.received",
            source="/test",
            subject=subject,
            sequence=1,
            data=report_received_data(subject),
        )
        value = envelope.to_bytes()
        records.append(
            ConsumerRecord(topic, 0, offset, 0, 0, subject.encode(), value, None, len(subject), len(value), ())
        )
    return records


async def _applied(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        return {row.subject: row.tx for row in await conn.execute(text("SELECT subject, tx FROM applied"))}


async def test_a_poll_is_applied_in_one_transaction_and_a_redelivered_poll_changes_nothing(
    engine: AsyncEngine, settings: Settings, producer: AIOKafkaProducer
) -> None:
    consumer = _consumer(engine)
    records = _records(settings, [f"r-{i}" for i in range(5)])

    assert await consumer.process_poll(records, producer) == ["processed"] * 5
    applied = await _applied(engine)
    assert sorted(applied) == [f"r-{i}" for i in range(5)]
    assert len(set(applied.values())) == 1  # one transaction for the whole poll

    # The broker delivers the same poll again (offset commit lost): every event is a duplicate.
    assert await consumer.process_poll(records, producer) == ["duplicate"] * 5
    assert await _applied(engine) == applied


async def test_a_poll_larger_than_the_limit_is_applied_in_transactions_of_at_most_the_limit(
    engine: AsyncEngine, settings: Settings, producer: AIOKafkaProducer
) -> None:
    consumer = _consumer(engine, batch_max_events=2)
    records = _records(settings, [f"r-{i}" for i in range(5)])
    for start in range(0, len(records), consumer.batch_max_events):
        await consumer.process_poll(records[start : start + consumer.batch_max_events], producer)
    applied = await _applied(engine)
    assert len(applied) == 5 and len(set(applied.values())) == 3  # 2 + 2 + 1


async def test_a_failing_record_is_dead_lettered_alone_and_the_rest_of_its_poll_applies(
    engine: AsyncEngine, settings: Settings, producer: AIOKafkaProducer, infra: Infra
) -> None:
    consumer = _consumer(engine)
    records = _records(settings, ["r-before", POISON, "r-after"])

    assert await consumer.process_poll(records, producer) == ["processed", "dead_lettered", "processed"]
    applied = await _applied(engine)
    assert sorted(applied) == ["r-after", "r-before"]
    assert len(set(applied.values())) == 2  # the fallback: one transaction per event

    letters = await dead_letters(infra.bootstrap, dead_letter_topic(settings.topic(REPORTS_TOPIC)), at_least=1)
    assert [m.value for m in letters] == [records[1].value]
    async with engine.connect() as conn:  # the poison's event id was never claimed: nothing half-applied
        claimed = await conn.scalar(text("SELECT count(*) FROM processed_events WHERE consumer = 'polls'"))
    assert claimed == 2


async def test_an_event_twice_in_one_poll_is_applied_once(
    engine: AsyncEngine, settings: Settings, producer: AIOKafkaProducer
) -> None:
    consumer = _consumer(engine)
    first, second = _records(settings, ["r-1", "r-2"])
    again = ConsumerRecord(*[getattr(first, f) for f in ConsumerRecord.__dataclass_fields__])
    again.offset = 2  # the relay sent it again (a crash between the broker's ack and the mark)

    assert await consumer.process_poll([first, second, again], producer) == ["processed", "processed", "duplicate"]
    assert sorted(await _applied(engine)) == ["r-1", "r-2"]


class _SetBased:
    """A poll handler that applies a poll's events in one statement, and counts its calls."""

    def __init__(self) -> None:
        self.polls: list[list[str]] = []
        self.committed = 0

    async def __call__(self, conn: AsyncConnection, envelopes: list[Envelope]) -> Callable[[], None]:
        subjects = [e.subject for e in envelopes]
        self.polls.append(subjects)
        if POISON in subjects:
            raise ValueError("cannot handle this report")
        await conn.execute(
            text("INSERT INTO applied (subject, tx) SELECT unnest(CAST(:subjects AS text[])), txid_current()"),
            {"subjects": subjects},
        )

        def committed() -> None:
            self.committed += len(subjects)

        return committed


async def test_a_poll_handler_gets_the_polls_fresh_events_at_once(
    engine: AsyncEngine, settings: Settings, producer: AIOKafkaProducer
) -> None:
    together = _SetBased()
    consumer = _consumer(engine, poll_handler=together)
    first, second, third = _records(settings, ["r-1", "r-2", "r-3"])
    again = ConsumerRecord(*[getattr(first, f) for f in ConsumerRecord.__dataclass_fields__])
    again.offset = 3

    assert await consumer.process_poll([first, second, again, third], producer) == [
        "processed", "processed", "duplicate", "processed"
    ]  # fmt: skip
    assert together.polls == [["r-1", "r-2", "r-3"]] and together.committed == 3
    applied = await _applied(engine)
    assert sorted(applied) == ["r-1", "r-2", "r-3"] and len(set(applied.values())) == 1
    assert await consumer.process_poll([first, second], producer) == ["duplicate", "duplicate"]
    assert len(together.polls) == 1  # nothing fresh: the poll handler is not called


async def test_a_poll_handler_that_fails_sends_its_poll_one_by_one_to_the_event_handler(
    engine: AsyncEngine, settings: Settings, producer: AIOKafkaProducer, infra: Infra
) -> None:
    together = _SetBased()
    consumer = _consumer(engine, poll_handler=together)
    records = _records(settings, ["r-before", POISON, "r-after"])

    assert await consumer.process_poll(records, producer) == ["processed", "dead_lettered", "processed"]
    assert together.committed == 0  # rolled back: its after-commit work never ran
    applied = await _applied(engine)
    assert sorted(applied) == ["r-after", "r-before"] and len(set(applied.values())) == 2
    letters = await dead_letters(infra.bootstrap, dead_letter_topic(settings.topic(REPORTS_TOPIC)), at_least=1)
    assert [m.value for m in letters] == [records[1].value]
