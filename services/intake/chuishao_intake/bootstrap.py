"""Composition root: wires intake's adapters from settings."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from pydantic import Field, SecretStr

from chuishao_intake.entrypoints import app as mobile_app
from chuishao_intake.entrypoints import errors, open311, photos
from chuishao_intake.entrypoints.api import reference_router, router
from chuishao_intake.entrypoints.case_consumer import case_event_handler
from chuishao_intake.entrypoints.lost_whistles import periodic_check
from chuishao_intake.photos.wiring import photo_service
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
    # CHUISHAO_INTAKE_WORKERS: uvicorn worker processes (Prometheus multiprocess mode when > 1; the
    # outbox relay stays one active relay by its advisory lock; rate limits are per worker).
    intake_workers: int = Field(default=1, ge=1, le=64)
    # The address clients reach intake at (behind a proxy); photo URLs are built from it.
    public_url: str | None = None
    # Origins (comma-separated) allowed to call the photo routes from a browser: the console's.
    cors_origins: str = ""
    photo_dir: str = ".run/photos"
    photo_max_bytes: int = 10 * 1024 * 1024
    photo_max_pixels: int = 40_000_000
    # S3-compatible storage instead of photo_dir when a bucket is named. Without keys, boto3's own
    # chain applies (AWS_* variables, a mounted profile, the pod's role).
    photo_s3_bucket: str | None = None
    photo_s3_endpoint: str | None = None
    photo_s3_region: str | None = None
    photo_s3_prefix: str = "photos/"
    photo_s3_access_key: SecretStr | None = None
    photo_s3_secret_key: SecretStr | None = None
    # The lost-whistle check: a report accepted this long ago with no case yet is counted and alerted on.
    unrouted_after_minutes: float = 10.0
    unrouted_check_seconds: float = 60.0


def build_app(settings: IntakeSettings | None = None) -> FastAPI:
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
    runtime.background.append(
        periodic_check(
            engine, after_minutes=settings.unrouted_after_minutes, every_seconds=settings.unrouted_check_seconds
        )
    )
    app = service_app(
        runtime,
        title="Chuishao intake",
        description="The voice of the grid: grid workers blow the whistle (吹哨) on problems in their grids.",
        context=context,
        routers=[router, reference_router, open311.router, photos.router, mobile_app.router],
        form_prefixes=("/open311/",),
        # Multipart overhead on top of the photo itself; the photo's own limit is checked after parsing.
        upload_limits={photos.PREFIX: settings.photo_max_bytes + 64 * 1024},
    )
    app.state.bus = bus
    errors.install(app)
    app.state.photos = photo_service(settings, engine)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(photos.PhotoCORS, origins=origins)
    return app
