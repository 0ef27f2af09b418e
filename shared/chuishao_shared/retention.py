"""Retention of the platform tables. `idempotency_keys` holds the stored answers of state-changing
requests (a report's answer holds the resident's contact), so it is kept only as long as a client
may still retry; `processed_events` only as long as a redelivery is plausible (Kafka retention)."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_shared.service_layer.periodic import PeriodicTask
from chuishao_shared.settings import Settings

log = logging.getLogger(__name__)

BATCH = 5000
FIRST_SWEEP_SECONDS = 60.0
# (table, timestamp column): deleted in batches so a large backlog never holds one long lock.
_TABLES = {"idempotency_keys": "created_at", "processed_events": "processed_at"}


async def _purge(engine: AsyncEngine, table: str, column: str, older_than_seconds: float) -> int:
    statement = text(
        f"DELETE FROM {table} WHERE ctid IN (SELECT ctid FROM {table} "
        f"WHERE {column} < now() - make_interval(secs => :age) LIMIT {BATCH})"
    )
    total = 0
    while True:
        async with engine.begin() as conn:
            deleted = (await conn.execute(statement, {"age": older_than_seconds})).rowcount
        total += deleted
        if deleted < BATCH:
            return total


async def purge_expired(engine: AsyncEngine, settings: Settings) -> dict[str, int]:
    """Deletes idempotency keys and processed-event rows past their retention; returns the counts."""
    ages = {
        "idempotency_keys": settings.idempotency_retention_hours * 3600,
        "processed_events": settings.processed_events_retention_days * 86400,
    }
    return {table: await _purge(engine, table, column, ages[table]) for table, column in _TABLES.items()}


async def run_retention(engine: AsyncEngine, settings: Settings, stop: asyncio.Event) -> None:
    """Sweeps a minute after start (not while the replica warms up) and then every
    `retention_sweep_seconds` until `stop` is set; a failed sweep is retried at the next one."""

    async def sweep() -> None:
        purged = await purge_expired(engine, settings)
        if any(purged.values()):
            log.info("retention purge", extra={"fields": {"purged": purged}})

    every = settings.retention_sweep_seconds
    task = PeriodicTask(
        "retention purge", sweep, every, first_after=min(FIRST_SWEEP_SECONDS, every), failure_level=logging.ERROR
    )
    await task.run(stop)
