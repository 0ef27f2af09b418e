"""What every service process runs beside its HTTP routes: the outbox relay and its consumers.
Built once by each service's composition root; started and stopped by the app's lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, FastAPI
from prometheus_client import start_http_server
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_shared.auth import TokenVerifier
from chuishao_shared.consumer import EventConsumer, Handler, PollHandler
from chuishao_shared.db import make_engine
from chuishao_shared.directory import directory_for
from chuishao_shared.http import create_app
from chuishao_shared.introspection import opaque_verifier
from chuishao_shared.kafka import make_consumer, make_probe, make_producer
from chuishao_shared.observability import mark_process_dead, multiprocess_mode
from chuishao_shared.outbox import OutboxRelay
from chuishao_shared.retention import run_retention
from chuishao_shared.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class ServiceRuntime:
    settings: Settings
    engine: AsyncEngine
    relay: OutboxRelay | None = None
    consumers: list[EventConsumer] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    background: list[Callable[[asyncio.Event], object]] = field(default_factory=list)
    on_start: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    expected_revision: str | None = None
    _metrics_server: Any = None
    # The consumers' own pool, so a flood of public reads never starves event handling of connections.
    consumer_engine: AsyncEngine | None = None

    def with_relay(self) -> ServiceRuntime:
        s = self.settings
        self.relay = OutboxRelay(
            service=s.service_name,
            dsn=s.asyncpg_dsn,
            producer_factory=lambda: make_producer(s),
            batch_size=s.relay_batch_size,
            poll_seconds=s.relay_poll_seconds,
            retention_hours=s.outbox_retention_hours,
            probe_seconds=s.relay_probe_seconds,
            probe_factory=lambda: make_probe(s),
            linger_seconds=s.relay_linger_ms / 1000,
        )
        return self

    def with_consumer(
        self, name: str, topics: list[str], handler: Handler, poll_handler: PollHandler | None = None
    ) -> ServiceRuntime:
        s = self.settings
        group = s.consumer_group or f"chuishao-{name}"
        if self.consumer_engine is None:
            self.consumer_engine = make_engine(s, pool_size=s.db_consumer_pool_size)
        self.consumers.append(
            EventConsumer(
                name=name,
                engine=self.consumer_engine,
                consumer_factory=lambda: make_consumer(s, *[s.topic(t) for t in topics], group_id=group),
                producer_factory=lambda: make_producer(s),
                handler=handler,
                retry_base_seconds=s.consumer_retry_base_seconds,
                crash_after_commits=s.fault_crash_after_commits,
                batch_max_events=s.consumer_batch_max_events,
                linger_seconds=s.consumer_linger_ms / 1000,
                poll_handler=poll_handler,
            )
        )
        return self

    async def start(self) -> None:
        for hook in self.on_start:
            await hook()
        if self.settings.metrics_port is not None and not multiprocess_mode():
            # (with several workers the supervisor serves the aggregate on that port)
            # Prometheus scrapes its own listener, never the public one.
            self._metrics_server, _ = start_http_server(self.settings.metrics_port, self.settings.metrics_host)
        if self.relay is not None and self.settings.run_relay:
            self.tasks.append(asyncio.create_task(self.relay.run(self.stop), name="outbox-relay"))
        if self.settings.run_consumer:
            for consumer in self.consumers:
                self.tasks.append(asyncio.create_task(consumer.run(self.stop), name=f"consumer-{consumer.name}"))
        if self.settings.retention_sweep_seconds > 0:
            self.tasks.append(
                asyncio.create_task(run_retention(self.engine, self.settings, self.stop), name="retention")
            )
        for job in self.background:
            self.tasks.append(asyncio.create_task(job(self.stop)))  # type: ignore[arg-type]

    async def close(self) -> None:
        self.stop.set()
        if self._metrics_server is not None:
            self._metrics_server.shutdown()
            self._metrics_server.server_close()
        if self.tasks:
            # Offsets and outbox marks are only written after commits, so cancelling is always safe.
            done, pending = await asyncio.wait(self.tasks, timeout=self.settings.shutdown_grace_seconds)
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(BaseException):
                    await task
        await self.engine.dispose()
        if self.consumer_engine is not None:
            await self.consumer_engine.dispose()
        mark_process_dead()

    async def check_database(self) -> None:
        """Ready only when the database answers and is migrated to this code's head: a replica started
        before its migration must not take traffic or consume events into missing tables."""
        async with self.engine.connect() as conn:
            current = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        if self.expected_revision is not None and current != self.expected_revision:
            raise RuntimeError(f"database at migration {current}, code expects {self.expected_revision}")


def lifespan_for(
    runtime_of: Callable[[FastAPI], ServiceRuntime],
) -> Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = runtime_of(app)
        await runtime.start()
        try:
            yield
        finally:
            await runtime.close()

    return lifespan


def service_app(
    runtime: ServiceRuntime,
    *,
    title: str,
    description: str,
    context: object,
    routers: list[APIRouter],
    form_prefixes: tuple[str, ...] = (),
    upload_limits: dict[str, int] | None = None,
    xml_paths: tuple[str, ...] = (),
) -> FastAPI:
    """The FastAPI app of one service: the shared HTTP platform, its runtime in the lifespan, its
    use-case context and token verifier on `app.state`, and its routes."""
    settings = runtime.settings
    app = create_app(
        service=settings.service_name,
        title=title,
        version="1.0.0",
        description=description,
        lifespan=lifespan_for(lambda app: app.state.runtime),
        readiness=lambda app: app.state.runtime.check_database,
        max_body_bytes=settings.max_body_bytes,
        rate_per_second=settings.rate_limit_per_second,
        rate_burst=settings.rate_limit_burst,
        form_prefixes=form_prefixes,
        upload_limits=upload_limits,
        xml_paths=xml_paths,
        serve_docs=settings.serves_docs,
        serve_metrics=settings.metrics_port is None,
        trusted_proxies=settings.trusted_proxies,
        person_rate=(settings.rate_limit_user_per_second, settings.rate_limit_user_burst),
        service_accounts=settings.rate_limit_service_accounts,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    app.state.context = context
    app.state.verifier = TokenVerifier(settings, opaque=opaque_verifier(settings))
    app.state.directory = directory_for(settings)
    runtime.background.append(app.state.directory.run)
    for router in routers:
        app.include_router(router)
    return app
