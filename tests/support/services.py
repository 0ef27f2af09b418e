"""Run a service in-process (its real app, real database, real broker) for integration tests."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx
import uvicorn
from aiokafka.admin import AIOKafkaAdminClient
from fastapi import FastAPI

from chuishao_shared.db_roles import (
    grant_runtime_sql,
    owner_role,
    provision_database,
    role_urls,
    runtime_role,
    with_database,
)
from chuishao_shared.devstack import free_port
from chuishao_shared.kafka import all_topics, ensure_topics, security_config
from chuishao_shared.migrations import upgrade_head
from chuishao_shared.settings import Settings
from support.infra import Infra, unique


def service_settings(infra: Infra, settings_cls: type[Settings], database: str, **overrides: Any) -> Settings:
    # The service connects as its runtime role; migrations run as the database's owner role.
    urls = role_urls(infra.admin_dsn, database)
    values: dict[str, Any] = {
        "database_url": urls.runtime,
        "migration_database_url": urls.owner,
        "kafka_bootstrap_servers": infra.bootstrap,
        "topic_prefix": unique("t") + ".",
        # A group of its own: Tansu rebalances a group across every member's topics, so a member left
        # behind by another test (same group id, other topics) could hold this service's consumer back.
        "consumer_group": unique("group"),
        "environment": "test",
        "relay_poll_seconds": 0.2,
        # No linger in-process: a test waits on one event at a time, and 20 ms per hop adds up over the tier
        # (the e2e tier, the bench smoke run and tests/unit/platform/test_consumer_linger.py keep it on).
        "consumer_linger_ms": 0,
        "relay_linger_ms": 0,
        "consumer_retry_base_seconds": 0.05,
        # Tansu holds a group join for half the session timeout: keep joins fast in tests.
        "kafka_session_timeout_ms": 2000,
        "kafka_heartbeat_interval_ms": 500,
        "shutdown_grace_seconds": 0.5,
        # A machine running four test workers on two cores can take seconds to hand out a connection: a test
        # that is not about an outage waits for one rather than answering 503 (test_database_outage.py sets
        # its own short time-out).
        "db_connect_timeout_seconds": 10.0,
        "db_pool_timeout_seconds": 15.0,
        # Tracking: tests read figures right after the events that change them (the cache has its own test).
        "stats_cache_seconds": 0,
        # One test token files and reads far faster than a person: the per-person limit has its own tests.
        "rate_limit_user_per_second": 200.0,
        "rate_limit_user_burst": 400,
    }
    return settings_cls(**{**values, **overrides})


# Topics this process created, deleted after each test module (tests/conftest.py): a broker holding every
# topic of a run answers each client's start (aiokafka's bootstrap asks for all topics' metadata) with an
# answer that grows through the run, and decoding it became the tier's largest cost.
CREATED_TOPICS: dict[str, set[str]] = {}  # bootstrap servers → topic names


async def prepare(infra: Infra, settings: Settings, migrations: Path, database: str) -> None:
    if not await _cloned_from_template(infra, settings, migrations, database):
        await provision_database(infra.admin_dsn, database)
        await asyncio.to_thread(upgrade_head, migrations, settings.migration_sqlalchemy_url, settings.runtime_role)
    await ensure_topics(settings)
    CREATED_TOPICS.setdefault(settings.kafka_bootstrap_servers, set()).update(all_topics(settings))


# Each service's schema is migrated once per test process into a template database; every test's database
# is then a copy of it (CREATE DATABASE … TEMPLATE), with its own owner and runtime roles as if migrated
# itself. Running Alembic for every service of every test cost about a tenth of the integration tier's CPU.
# A server that cannot (an admin that may not create roles or reassign) gets the migrations each time.
_TEMPLATES: dict[tuple[str, Path], str] = {}
_TEMPLATE_LOCKS: dict[tuple[str, Path], asyncio.Lock] = {}
_TEMPLATES_REFUSED: set[str] = set()


async def _cloned_from_template(infra: Infra, settings: Settings, migrations: Path, database: str) -> bool:
    if infra.admin_dsn in _TEMPLATES_REFUSED or settings.runtime_role is None:
        return False
    key = (infra.admin_dsn, migrations)
    try:
        async with _TEMPLATE_LOCKS.setdefault(key, asyncio.Lock()):
            if key not in _TEMPLATES:
                _TEMPLATES[key] = await _migrated_template(infra, migrations)
        await _clone(infra.admin_dsn, _TEMPLATES[key], database)
    except (asyncpg.PostgresError, OSError):
        _TEMPLATES_REFUSED.add(infra.admin_dsn)
        return False
    return True


async def _migrated_template(infra: Infra, migrations: Path) -> str:
    template = unique("template")
    urls = await provision_database(infra.admin_dsn, template)
    owner_url = urls.owner.replace("postgresql://", "postgresql+asyncpg://", 1)
    await asyncio.to_thread(upgrade_head, migrations, owner_url, urls.runtime_role)
    # Owned by the admin, so that reassigning the template owner's objects in a copy leaves it alone.
    conn = await asyncpg.connect(infra.admin_dsn)
    try:
        await conn.execute(f'ALTER DATABASE "{template}" OWNER TO CURRENT_USER')
    finally:
        await conn.close()
    return template


async def _clone(admin_dsn: str, template: str, database: str) -> None:
    """`database` as a copy of `template`, its objects owned by its own owner role and granted to its own
    runtime role exactly as `provision_database` and the migrations' grants would have left them."""
    owner, runtime = owner_role(database), runtime_role(database)
    password = urlsplit(admin_dsn).password
    conn = await asyncpg.connect(admin_dsn)
    try:
        for role in (owner, runtime):
            clause = f" PASSWORD '{password}'" if password else ""
            await conn.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE{clause}")
        await conn.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}" OWNER {owner} STRATEGY FILE_COPY')
    finally:
        await conn.close()
    conn = await asyncpg.connect(with_database(admin_dsn, database))
    try:
        await conn.execute(f"REASSIGN OWNED BY {owner_role(template)} TO {owner}")
        await conn.execute(f"DROP OWNED BY {runtime_role(template)}")
        for statement in grant_runtime_sql(runtime):
            await conn.execute(statement)
    finally:
        await conn.close()


async def delete_created_topics() -> None:
    """Delete the topics recorded above (those already gone, or never made, are skipped)."""
    for bootstrap, topics in list(CREATED_TOPICS.items()):
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **security_config(Settings()))
        try:
            await admin.start()
            try:
                await admin.delete_topics(sorted(topics))
            except Exception:  # one of them was gone already: the others one by one
                for topic in sorted(topics):
                    with contextlib.suppress(Exception):
                        await admin.delete_topics([topic])
        except Exception:  # the broker is gone (a fault test stopped its own): nothing left to delete
            pass
        finally:
            await admin.close()
        CREATED_TOPICS.pop(bootstrap, None)


@dataclass
class RunningService:
    app: FastAPI
    settings: Settings
    client: httpx.AsyncClient


@contextlib.asynccontextmanager
async def running(app: FastAPI, settings: Settings) -> AsyncIterator[RunningService]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield RunningService(app=app, settings=settings, client=client)


async def start_service(
    infra: Infra,
    settings_cls: type[Settings],
    build_app: Callable[[Settings], FastAPI],
    migrations: Path,
    **overrides: Any,
) -> tuple[Settings, FastAPI]:
    database = unique(f"chuishao_{settings_cls().service_name}")
    settings = service_settings(infra, settings_cls, database, **overrides)
    await prepare(infra, settings, migrations, database)
    return settings, build_app(settings)


@contextlib.asynccontextmanager
async def serving(app: FastAPI, port: int | None = None, *, lifespan: str = "on") -> AsyncIterator[str]:
    """The real app behind uvicorn on a free localhost port (streams and browsers need a real socket).
    `lifespan="off"` puts a socket in front of an app already `running` (its lifespan started there)."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            lifespan=lifespan,  # type: ignore[arg-type]
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=2,
            # Longer than httpx's 5-s keep-alive expiry: the client drops an idle connection first. At 5 s
            # each (uvicorn's default), a request sent on a connection the server was just closing failed
            # with "Server disconnected without sending a response" on a busy machine.
            timeout_keep_alive=30,
        )
    )
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + 30
    while not server.started:
        if task.done():
            task.result()
        if time.monotonic() > deadline:
            raise TimeoutError("uvicorn did not start")
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 15)
