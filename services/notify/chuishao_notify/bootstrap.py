"""Composition root: wires notify's adapters from settings."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_notify.domain.reminders import ReminderSchedule
from chuishao_notify.domain.retry import RetryPolicy
from chuishao_notify.entrypoints.api import router
from chuishao_notify.service_layer import notifying
from chuishao_notify.service_layer.context import NotifyContext, names_from
from chuishao_notify.service_layer.delivery import DeliveryWorker, WorkerConfig, observe_backlog
from chuishao_shared.db import make_engine
from chuishao_shared.events import CASES_TOPIC, REPORTS_TOPIC, Envelope
from chuishao_shared.migrations import head_revision
from chuishao_shared.reference import load_reference
from chuishao_shared.runtime import ServiceRuntime, service_app
from chuishao_shared.settings import Settings

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).parent
MIGRATIONS = PACKAGE / "migrations"


class NotifySettings(Settings):
    service_name: str = "notify"
    port: int = 8004
    # Where people open a case: links in messages go to <this>/console/#/case/<id>.
    dispatch_public_url: str = "http://127.0.0.1:8002"
    delivery_poll_seconds: float = 0.25
    request_timeout_seconds: float = 5.0
    endpoint_concurrency: int = 4
    max_in_flight: int = 200
    retry_base_seconds: float = 2.0
    retry_cap_seconds: float = 3600.0
    retry_give_up_hours: float = 24.0
    breaker_threshold: int = 5
    breaker_cooldown_seconds: float = 30.0
    # 催办: at these fractions of each deadline's window, and these minutes before it.
    reminder_fractions: list[float] = [0.5]
    reminder_before_minutes: list[float] = [10.0]
    reminder_poll_seconds: float = 1.0
    backlog_refresh_seconds: float = 5.0


def every(
    seconds: float, job: Callable[[], Awaitable[object]], what: str
) -> Callable[[asyncio.Event], Awaitable[None]]:
    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await job()
            except Exception:  # the database may be restarting; the next round will do
                log.warning("could not %s", what, exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), seconds)

    return run


def build_app(settings: Settings | None = None) -> FastAPI:
    s = (
        settings
        if isinstance(settings, NotifySettings)
        else NotifySettings(**(settings.model_dump() if settings else {}))
    )
    reference = load_reference(Path(s.reference_dir) if s.reference_dir else None)
    engine = make_engine(s)
    names = names_from(reference)
    ctx = NotifyContext(
        engine=engine,
        reference=reference,
        names=names,
        schedule=ReminderSchedule(
            fractions=tuple(s.reminder_fractions),
            before=tuple(timedelta(minutes=m) for m in s.reminder_before_minutes),
        ),
    )
    worker = DeliveryWorker(
        engine,
        s.asyncpg_dsn,
        names,
        WorkerConfig(
            dispatch_public_url=s.dispatch_public_url,
            poll_seconds=s.delivery_poll_seconds,
            request_timeout_seconds=s.request_timeout_seconds,
            endpoint_concurrency=s.endpoint_concurrency,
            max_in_flight=s.max_in_flight,
            retry=RetryPolicy(
                base=timedelta(seconds=s.retry_base_seconds),
                cap=timedelta(seconds=s.retry_cap_seconds),
                give_up_after=timedelta(hours=s.retry_give_up_hours),
            ),
            breaker_threshold=s.breaker_threshold,
            breaker_cooldown=timedelta(seconds=s.breaker_cooldown_seconds),
        ),
    )

    async def on_event(conn: AsyncConnection, envelope: Envelope) -> None:
        await notifying.on_event(ctx, conn, envelope)

    # Notify publishes nothing, so it runs no outbox relay: one consumer and its background jobs.
    runtime = ServiceRuntime(s, engine, expected_revision=head_revision(MIGRATIONS)).with_consumer(
        notifying.CONSUMER_NAME, [CASES_TOPIC, REPORTS_TOPIC], on_event
    )
    runtime.background += [
        worker.run,
        every(s.reminder_poll_seconds, lambda: notifying.fire_due_reminders(ctx), "fire reminders"),
        every(s.backlog_refresh_seconds, lambda: observe_backlog(engine), "observe the delivery backlog"),
    ]
    app = service_app(
        runtime,
        title="Chuishao notify",
        description="Pushes cases to the departments and duty desks: signed webhooks, WeChat Work and DingTalk "
        "group robots, 催办 reminders before deadlines and escalation notices, with a delivery log.",
        context=ctx,
        routers=[router],
    )
    app.state.worker = worker
    return app
