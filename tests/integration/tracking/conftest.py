from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_shared.kafka import make_producer
from chuishao_shared.settings import Settings
from chuishao_tracking.bootstrap import MIGRATIONS, TrackingSettings, build_app
from support.db import migrated_engine
from support.infra import Infra
from support.services import RunningService, running, serving, start_service

# Each test gets its own database, topic prefix and consumer group; the gauge refreshes quickly.
OVERRIDES = {"open_cases_refresh_seconds": 0.3}


@pytest.fixture
async def engine(infra: Infra) -> AsyncIterator[AsyncEngine]:
    """A fresh, migrated read-model database and an engine on it: for tests of the SQL alone."""
    async with migrated_engine(infra, TrackingSettings, MIGRATIONS, "chuishao_tracking_sql") as engine:
        yield engine


@pytest.fixture
async def tracking(infra: Infra) -> AsyncIterator[RunningService]:
    settings, app = await start_service(infra, TrackingSettings, build_app, MIGRATIONS, **OVERRIDES)
    async with running(app, settings) as service:
        yield service


@dataclass
class ServedTracking:
    url: str
    settings: Settings
    client: httpx.AsyncClient


@pytest.fixture
async def served_tracking(infra: Infra) -> AsyncIterator[ServedTracking]:
    """Tracking behind uvicorn on a real port: for the event stream and the browser."""
    settings, app = await start_service(infra, TrackingSettings, build_app, MIGRATIONS, **OVERRIDES)
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield ServedTracking(url=url, settings=settings, client=client)


@pytest.fixture
async def producer(infra: Infra) -> AsyncIterator[AIOKafkaProducer]:
    producer = make_producer(TrackingSettings(kafka_bootstrap_servers=infra.bootstrap))
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()
