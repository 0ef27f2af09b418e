"""Composition root: wires intake's adapters from settings."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from chuishao_intake.entrypoints import errors, open311
from chuishao_intake.entrypoints.api import reference_router, router
from chuishao_intake.entrypoints.case_consumer import case_event_handler
from chuishao_intake.service_layer.handlers import IntakeContext
from chuishao_intake.service_layer.messagebus import MessageBus
from chuishao_intake.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.db import make_engine
from chuishao_shared.events import CASES_TOPIC
from chuishao_shared.migrations import head_revision
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.reference import load_reference
from chuishao_shared.runtime import ServiceRuntime, service_app
from chuishao_shared.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


class IntakeSettings(Settings):
    service_name: str = "intake"
    port: int = 8001


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or IntakeSettings()
    reference = load_reference(Path(settings.reference_dir) if settings.reference_dir else None)
    engine = make_engine(settings)
    outbox = OutboxWriter("intake", settings.topic_prefix)
    context = IntakeContext(reference=reference)
    bus = MessageBus(lambda: SqlUnitOfWork(engine, outbox), context)
    runtime = (
        ServiceRuntime(settings, engine, expected_revision=head_revision(MIGRATIONS))
        .with_relay()
        .with_consumer("intake-case-status", [CASES_TOPIC], case_event_handler(bus, outbox))
    )
    app = service_app(
        runtime,
        title="Chuishao intake",
        description="The voice of the grid: grid workers blow the whistle (吹哨) on problems in their grids.",
        context=context,
        routers=[router, reference_router, open311.router],
        form_prefixes=("/open311/",),
    )
    app.state.bus = bus
    errors.install(app)
    return app
