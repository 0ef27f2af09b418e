"""A real consuming service in miniature: the shared EventConsumer (dedupe in the same transaction)
writing what it receives into its own database, so tests can count deliveries exactly."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from chuishao_shared.consumer import EventConsumer
from chuishao_shared.db import PLATFORM_DDL
from chuishao_shared.devstack import create_databases, database_dsn
from chuishao_shared.events import Envelope
from chuishao_shared.kafka import make_consumer, make_producer
from chuishao_shared.settings import Settings
from support.infra import unique


class Sink:
    def __init__(self, settings: Settings, consumer: EventConsumer) -> None:
        self.settings = settings
        self.consumer = consumer

    async def rows(self) -> list[tuple[str, int, str]]:
        async with self.consumer.engine.connect() as conn:
            result = await conn.execute(text("SELECT subject, sequence, type FROM received ORDER BY id"))
            return [tuple(r) for r in result.all()]  # type: ignore[misc]


@contextlib.asynccontextmanager
async def sink(
    admin_dsn: str,
    settings: Settings,
    topics: list[str],
    *,
    poison_type: str | None = None,
    name: str = "sink",
) -> AsyncIterator[Sink]:
    database = unique("sink")
    await create_databases(admin_dsn, [database])
    engine = create_async_engine(database_dsn(admin_dsn, database).replace("postgresql://", "postgresql+asyncpg://"))
    async with engine.begin() as conn:
        for statement in PLATFORM_DDL:
            await conn.execute(text(statement))
        await conn.execute(
            text("CREATE TABLE received (id bigserial PRIMARY KEY, subject text, sequence int, type text)")
        )

    async def handle(conn: AsyncConnection, envelope: Envelope) -> None:
        if envelope.type == poison_type:
            raise ValueError(f"cannot handle {envelope.type}")
        await conn.execute(
            text("INSERT INTO received (subject, sequence, type) VALUES (:s, :q, :t)"),
            {"s": envelope.subject, "q": envelope.sequence, "t": envelope.type},
        )

    consumer = EventConsumer(
        name=name,
        engine=engine,
        consumer_factory=lambda: make_consumer(
            settings, *[settings.topic(t) for t in topics], group_id=unique("group")
        ),
        producer_factory=lambda: make_producer(settings),
        handler=handle,
        retry_base_seconds=0.01,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    try:
        yield Sink(settings, consumer)
    finally:
        stop.set()
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(task, 5)
        task.cancel()
        await engine.dispose()
