"""Personal data kept out of error text, and the platform tables purged after their retention, on
a real PostgreSQL; tracking's metrics on their own listener."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chuishao_shared.devstack import free_port
from chuishao_shared.observability import JsonFormatter
from chuishao_shared.redaction import describe_error
from chuishao_shared.retention import purge_expired, run_retention
from chuishao_tracking.bootstrap import MIGRATIONS as TRACKING_MIGRATIONS
from chuishao_tracking.bootstrap import TrackingSettings
from chuishao_tracking.bootstrap import build_app as build_tracking
from support.infra import Infra
from support.services import RunningService, running, start_service


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT CAST(:value AS integer)",  # asyncpg refuses the argument, quoting it
        "SELECT CAST(CAST(:value AS text) AS integer)",  # PostgreSQL refuses it, quoting it
    ],
)
async def test_database_errors_reach_logs_and_dead_letters_without_the_values(
    intake: RunningService, statement: str
) -> None:
    engine = intake.app.state.runtime.engine
    contact = {"value": "张三 " + "138" + "00138000"}  # not literal: traceback source lines show code
    with pytest.raises(DBAPIError) as raised:
        async with engine.connect() as conn:
            await conn.execute(text(statement), contact)
    assert "parameters hidden" in str(raised.value)  # SQLAlchemy's own [parameters: …] is gone
    described = describe_error(raised.value)
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "unhandled", None, (DBAPIError, raised.value, None))
    logged = JsonFormatter("intake").format(record)
    for text_out in (described, logged):
        assert "13800138000" not in text_out and "张三" not in text_out, text_out
    assert "DBAPIError" in described or "DataError" in described
    assert "Traceback" in json.loads(logged)["exception"]


async def test_idempotency_keys_and_processed_events_are_purged_after_their_retention(
    intake: RunningService,
) -> None:
    settings = intake.settings.model_copy(
        update={"idempotency_retention_hours": 48.0, "processed_events_retention_days": 30.0}
    )
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        for age, key in ((timedelta(hours=49), "old"), (timedelta(hours=47), "recent")):
            await conn.execute(
                "INSERT INTO idempotency_keys (subject, key, request_hash, response, created_at) "
                "VALUES ('w1', $1, 'h', '{\"resident\": {\"phone\": \"13800138000\"}}', now() - $2::interval)",
                key,
                age,
            )
        for age in (timedelta(days=31), timedelta(days=29)):
            await conn.execute(
                "INSERT INTO processed_events (consumer, event_id, processed_at) "
                "VALUES ('c', $1, now() - $2::interval)",
                uuid.uuid4(),
                age,
            )
        purged = await purge_expired(intake.app.state.runtime.engine, settings)
        assert purged == {"idempotency_keys": 1, "processed_events": 1}
        keys = [r["key"] for r in await conn.fetch("SELECT key FROM idempotency_keys WHERE subject = 'w1'")]
        assert keys == ["recent"]
        remaining = await conn.fetchval("SELECT count(*) FROM processed_events WHERE consumer = 'c'")
        assert remaining == 1
        # The service's own sweeper does the same on its schedule.
        await conn.execute(
            "INSERT INTO idempotency_keys (subject, key, request_hash, created_at) "
            "VALUES ('w1', 'later', 'h', now() - interval '3 days')"
        )
        stop = asyncio.Event()
        sweeper = asyncio.create_task(
            run_retention(
                intake.app.state.runtime.engine, settings.model_copy(update={"retention_sweep_seconds": 0.1}), stop
            )
        )
        deadline = asyncio.get_running_loop().time() + 10
        while await conn.fetchval("SELECT count(*) FROM idempotency_keys WHERE key = 'later'"):
            assert asyncio.get_running_loop().time() < deadline, "the sweeper never purged"
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(sweeper, 5)
    finally:
        await conn.close()


@pytest.fixture
async def tracking_private_metrics(infra: Infra) -> AsyncIterator[tuple[RunningService, int]]:
    port = free_port()
    settings, app = await start_service(
        infra,
        TrackingSettings,
        build_tracking,
        TRACKING_MIGRATIONS,
        metrics_port=port,
        public_docs=False,
    )
    async with running(app, settings) as service:
        yield service, port


async def test_tracking_serves_metrics_on_its_own_port_and_no_docs(
    tracking_private_metrics: tuple[RunningService, int],
) -> None:
    tracking, port = tracking_private_metrics
    for path in ("/metrics", "/openapi.json", "/docs"):
        assert (await tracking.client.get(path)).status_code == 404, path
    assert (await tracking.client.get("/v1/stats/communities")).status_code == 200
    async with httpx.AsyncClient(timeout=5) as client:
        scraped = await client.get(f"http://127.0.0.1:{port}/metrics")
    assert scraped.status_code == 200 and "chuishao_http_requests_total" in scraped.text
