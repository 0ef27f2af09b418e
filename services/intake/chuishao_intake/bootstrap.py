"""Composition root: wires intake's adapters from settings."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from chuishao_intake.entrypoints import app as mobile_app
from chuishao_intake.entrypoints import errors, grid_locate, open311, photos
from chuishao_intake.entrypoints.api import file_report_directly, reference_router, router
from chuishao_intake.entrypoints.case_consumer import case_event_handler, case_poll_handler
from chuishao_intake.entrypoints.lost_whistles import periodic_check
from chuishao_intake.photos.wiring import photo_service
from chuishao_intake.service_layer.handlers import IntakeContext, message_bus
from chuishao_intake.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_intake.settings import IntakeSettings
from chuishao_shared.db import make_engine
from chuishao_shared.direct_routes import answer_directly
from chuishao_shared.events import CASES_TOPIC
from chuishao_shared.migrations import head_revision
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.pages import router as pages_router
from chuishao_shared.reference import follow, load_reference
from chuishao_shared.runtime import ServiceRuntime, service_app
from chuishao_shared.signin import install_sign_in
from chuishao_shared.signin_platforms import install_platform_sign_in

MIGRATIONS = Path(__file__).parent / "migrations"


def build_app(settings: IntakeSettings | None = None) -> FastAPI:
    settings = settings or IntakeSettings()
    reference = load_reference(Path(settings.reference_dir) if settings.reference_dir else None)
    engine = make_engine(settings)
    outbox = OutboxWriter("intake", settings.topic_prefix)
    # It follows the reference data version in force at dispatch (chuishao_shared.reference.follow).
    follower = follow.follower_for(settings, reference)
    context = IntakeContext(reference=follower.view)
    bus = message_bus(lambda: SqlUnitOfWork(engine, outbox), context)
    runtime = (
        ServiceRuntime(settings, engine, expected_revision=head_revision(MIGRATIONS))
        .with_relay()
        .with_consumer(
            "intake-case-status", [CASES_TOPIC], case_event_handler(bus, outbox), case_poll_handler(bus, outbox)
        )
    )
    runtime.background.append(
        periodic_check(
            bus, after_minutes=settings.unrouted_after_minutes, every_seconds=settings.unrouted_check_seconds
        ).run
    )
    app = service_app(
        runtime,
        title="Chuishao intake",
        description="The voice of the grid: grid workers blow the whistle (吹哨) on problems in their grids.",
        context=context,
        routers=[
            router,
            reference_router,
            grid_locate.router,
            open311.router,
            photos.router,
            mobile_app.router,
            pages_router,
        ],
        form_prefixes=("/open311/",),
        # Multipart overhead on top of the photo itself; the photo's own limit is checked after parsing.
        upload_limits={photos.PREFIX: settings.photo_max_bytes + 64 * 1024},
    )
    # The pages sign in through the city's identity provider (chuishao_shared.signin).
    install_sign_in(app, settings, landing="/app/")
    # WeCom and DingTalk sign-in find the person by their platform user id in this service's directory copy.
    install_platform_sign_in(app, settings, app.state.directory.subject_of_account)
    app.state.bus = bus
    answer_directly(app, "POST", "/v1/reports", file_report_directly)  # the hot path: no dependency solving
    follow.install(app, runtime, follower)
    errors.install(app)
    app.state.photos = photo_service(settings, bus)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(photos.PhotoCORS, origins=origins)
    return app
