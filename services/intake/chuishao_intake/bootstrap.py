"""Composition root: wires intake's adapters from settings."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from chuishao_intake import handlers
from chuishao_intake.entrypoints import open311
from chuishao_intake.entrypoints.api import reference_router, router
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
    runtime = (
        ServiceRuntime(settings, engine, expected_revision=head_revision(MIGRATIONS))
        .with_relay()
        .with_consumer("intake-case-status", [CASES_TOPIC], handlers.on_case_event)
    )
    context = handlers.IntakeContext(
        engine=engine, outbox=OutboxWriter("intake", settings.topic_prefix), reference=reference
    )
    return service_app(
        runtime,
        title="Chuishao intake",
        description="The voice of the grid: grid workers blow the whistle (吹哨) on problems in their grids.",
        context=context,
        routers=[router, reference_router, open311.router],
        form_prefixes=("/open311/",),
    )
