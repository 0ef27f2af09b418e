"""Database engine construction and the platform tables every service migrates."""

from __future__ import annotations

import re

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from chuishao_shared.settings import Settings

# Outbox, consumer dedupe and idempotency tables: identical in every service's database, created by
# each service's own first Alembic migration through `PLATFORM_DDL`.
PLATFORM_DDL = [
    """
    CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        key text NOT NULL,
        event_type text NOT NULL,
        payload bytea NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
    )
    """,
    "CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL",
    "CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL",
    """
    CREATE TABLE processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
    )
    """,
    """
    CREATE TABLE idempotency_keys (
        subject text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject, key)
    )
    """,
]
PLATFORM_TABLES = ["idempotency_keys", "processed_events", "outbox"]

# The highest broker offset the relay has seen acknowledged per topic partition. A partition whose log
# ends below its mark, or a send acknowledged at or below it, means the broker lost its log: the relay
# then publishes the retained outbox rows again (see outbox/relay.py). Added by a later migration of
# each service that relays.
LOG_MARKS_DDL = [
    """
    CREATE TABLE outbox_log_marks (
        topic text NOT NULL,
        partition integer NOT NULL,
        high_offset bigint NOT NULL,
        PRIMARY KEY (topic, partition)
    )
    """,
]

# The retention sweeps (`retention.py`) delete by these time columns. Added by a later migration of
# each service.
RETENTION_INDEX_DDL = [
    "CREATE INDEX IF NOT EXISTS idempotency_keys_created_at_idx ON idempotency_keys (created_at)",
    "CREATE INDEX IF NOT EXISTS processed_events_processed_at_idx ON processed_events (processed_at)",
]
RETENTION_INDEX_DROP = [
    "DROP INDEX IF EXISTS idempotency_keys_created_at_idx",
    "DROP INDEX IF EXISTS processed_events_processed_at_idx",
]


def make_engine(settings: Settings, *, pool_size: int | None = None) -> AsyncEngine:
    """The service's engine. Every bound is a setting (docs/reliability.md): a connect time-out, so a
    database that cannot be reached answers 503 quickly instead of hanging a request; a pool checkout
    time-out; and statement, lock and idle-in-transaction time-outs set on every session, so a lock
    wait cannot hang a handler or the timer sweep. All of them count as transient (`transient.py`)."""
    server_settings = {
        "statement_timeout": str(settings.db_statement_timeout_ms),
        "lock_timeout": str(settings.db_lock_timeout_ms),
        "idle_in_transaction_session_timeout": str(settings.db_idle_in_transaction_timeout_ms),
    }
    return create_async_engine(
        settings.sqlalchemy_url,
        pool_size=pool_size or settings.db_pool_size,
        # A fixed pool: overflow connections are opened and closed under load, which costs more than
        # waiting for a pooled one. No pre-ping (a round trip per checkout); dead connections are
        # discarded when they fail and recycled hourly.
        max_overflow=0,
        pool_recycle=3600,
        # Error text must not carry bound parameters: they hold residents' names and phones.
        hide_parameters=True,
        pool_timeout=settings.db_pool_timeout_seconds,
        connect_args={"timeout": settings.db_connect_timeout_seconds, "server_settings": server_settings},
    )


# --------------------------------------------------------------- the driver under a hot statement
# SQLAlchemy's execution path (compiled-statement cache, execution context, the greenlet hop) costs
# about as much CPU as asyncpg's for a short statement (docs/performance.md): the statements run once or
# more per event go to the asyncpg connection underneath, in the same transaction.


def positional(sql: str, names: list[str]) -> str:
    """`:name` → `$n` (by the name's place in `names`; `::` casts are left alone), for asyncpg."""
    return re.sub(r"(?<!:):([a-z_]+)", lambda m: f"${names.index(m.group(1)) + 1}", sql)


_BEGIN = text("SELECT 1")


async def transaction_driver(conn: AsyncConnection) -> asyncpg.Connection:
    """The asyncpg connection under `conn`, inside `conn`'s transaction. SQLAlchemy begins a transaction
    at its first statement, so when none has run yet a no-op begins it: a statement sent to the driver
    outside one would commit on its own."""
    driver = await _driver_under(conn)
    if not driver.is_in_transaction():
        await conn.execute(_BEGIN)
    return driver


async def autocommit_driver(conn: AsyncConnection) -> asyncpg.Connection:
    """The asyncpg connection under `conn`, for a statement that is its own transaction (implicit: it
    commits when it ends). `conn` must not have begun one."""
    if conn.in_transaction():
        raise RuntimeError("the connection is in a transaction: its statements commit with it")
    return await _driver_under(conn)


async def _driver_under(conn: AsyncConnection) -> asyncpg.Connection:
    driver = (await conn.get_raw_connection()).driver_connection
    if driver is None:
        raise RuntimeError("the connection is closed")
    return driver  # type: ignore[no-any-return]
