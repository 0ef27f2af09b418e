"""Composition root: wires dispatch's adapters from settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI
from pydantic import SecretStr, model_validator

from chuishao_dispatch.adapters import people as people_tables
from chuishao_dispatch.adapters.live import CaseChanges, CaseListener
from chuishao_dispatch.adapters.repository import LoadedCase
from chuishao_dispatch.entrypoints import (
    ack_page,
    cases,
    community_loop,
    console,
    console_duty,
    console_map,
    desk,
    duty,
    errors,
    people,
    reference_page,
    routing,
    staff_map,
    stream,
)
from chuishao_dispatch.entrypoints import reference as reference_api
from chuishao_dispatch.entrypoints.report_consumer import report_event_handler, report_poll_handler
from chuishao_dispatch.entrypoints.timers import timer_task
from chuishao_dispatch.service_layer import reference_changes
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.handlers import message_bus
from chuishao_dispatch.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.ack_links import secret_bytes
from chuishao_shared.db import make_engine
from chuishao_shared.events import COMMUNITY_TOPIC, REPORTS_TOPIC
from chuishao_shared.migrations import head_revision
from chuishao_shared.observability import CALENDAR_COVERAGE_DAYS
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.pages import router as pages_router
from chuishao_shared.reference import follow, load_reference
from chuishao_shared.reference.holidays import coverage_days, coverage_warning
from chuishao_shared.runtime import ServiceRuntime, service_app
from chuishao_shared.settings import Settings
from chuishao_shared.signin import install_sign_in
from chuishao_shared.signin_platforms import install_platform_sign_in

MIGRATIONS = Path(__file__).parent / "migrations"


class DispatchSettings(Settings):
    service_name: str = "dispatch"
    port: int = 8002
    timer_poll_seconds: float = 1.0
    duplicate_window_minutes: float = 24 * 60
    duplicate_min_similarity: float = 0.3
    # Test and drill configurations shorten every SLA to these (fractions of a minute allowed).
    sla_acknowledge_minutes_override: float | None = None
    sla_resolve_minutes_override: float | None = None
    stream_ticket_seconds: float = 30.0
    stream_max_seconds: float = 15 * 60
    # Where the console uploads and reads photos (intake's public origin, e.g. http://127.0.0.1:8001).
    console_photo_origin: str = ""
    # The community service's API: the staff map's needs and gap view, asked with the console user's token.
    dispatch_community_url: str = "http://127.0.0.1:8005"
    # Notify's API: the console's duty view (rosters, a case's escalation chain), asked for the console user
    # (entrypoints/duty.py). `make run` starts notify on 8004.
    dispatch_notify_url: str = "http://127.0.0.1:8004"
    # The one-tap 签收 links' HMAC key, the same as notify's (CHUISHAO_ACK_LINK_SECRET; required in production).
    ack_link_secret: SecretStr | None = None
    # Reference data change sets (PRODUCT.md §9): a second admin approves (never the change set's author).
    reference_second_admin: bool = False

    @model_validator(mode="after")
    def _ack_link_secret(self) -> DispatchSettings:
        secret_bytes(self.ack_link_secret.get_secret_value() if self.ack_link_secret else None, self.environment)
        return self


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = (
        settings
        if isinstance(settings, DispatchSettings)
        else DispatchSettings(**(settings.model_dump() if settings else {}))
    )
    reference = load_reference(Path(settings.reference_dir) if settings.reference_dir else None)
    engine = make_engine(settings)
    outbox = OutboxWriter("dispatch", settings.topic_prefix)
    context = DispatchContext(
        reference=reference,
        duplicate_window=timedelta(minutes=settings.duplicate_window_minutes),
        duplicate_min_similarity=settings.duplicate_min_similarity,
        ack_minutes_override=settings.sla_acknowledge_minutes_override,
        resolve_minutes_override=settings.sla_resolve_minutes_override,
    )
    bus = message_bus(lambda: SqlUnitOfWork(engine, outbox), context)

    async def seed_rules() -> None:
        """The version-controlled rule set is version 1; later versions come from admins."""
        async with bus.uow() as uow:
            if await uow.rules.current() is None:
                rules = [r.model_dump() for r in reference.routing.rules]
                await uow.rules.store(rules, "reference-data", version=reference.routing.version)
                await uow.commit()

    poll = settings.timer_poll_seconds
    runtime = (
        ServiceRuntime(settings, engine, expected_revision=head_revision(MIGRATIONS))
        .with_relay()
        .with_consumer(
            "dispatch-reports", [REPORTS_TOPIC], report_event_handler(bus, outbox), report_poll_handler(bus, outbox)
        )
        .with_consumer(  # 点单响应: the community's need events close the cases they answer
            community_loop.CONSUMER_NAME, [COMMUNITY_TOPIC], community_loop.community_event_handler(bus, outbox)
        )
    )
    runtime.on_start.append(seed_rules)
    versions = reference_changes.ReferenceVersions(
        Path(settings.reference_dir) if settings.reference_dir else None, settings.reference_second_admin
    )
    runtime.on_start.append(lambda: reference_changes.seed(bus.uow(), versions))
    # Every process follows the version in force (chuishao_shared.reference.follow); dispatch reads its table.
    follower = follow.follower_for(
        settings, reference, lambda known: reference_changes.for_follower(bus.uow(), known, context.now())
    )
    context.reference = follower.view
    runtime.background.append(timer_task(bus, poll).run)

    async def load_changed(ids: list[str]) -> list[LoadedCase]:
        async with bus.uow() as uow:
            return await uow.cases.by_ids(ids)

    case_changes = CaseChanges(per_client=settings.stream_max_per_client)
    runtime.background.append(CaseListener(settings.asyncpg_dsn, case_changes, load_changed).run)
    app = service_app(
        runtime,
        title="Chuishao dispatch",
        description="The departments' side: 部门报到 — acknowledge, progress, resolve, return; the dispatcher's "
        "routing, whistles (吹哨), extensions, merges and cancellations.",
        context=context,
        routers=[
            stream.router,
            desk.router,
            community_loop.router,
            cases.router,
            routing.router,
            reference_api.router,
            reference_api.case_router,
            people.router,
            staff_map.router,
            duty.router,
            console.page,
            console_map.page,
            console_duty.page,
            reference_page.page,
            ack_page.page,
            pages_router,
        ],
        upload_limits={people.IMPORT_PATH: people.IMPORT_MAX_BYTES + 64 * 1024},
    )
    # The pages sign in through the city's identity provider (chuishao_shared.signin).
    install_sign_in(app, settings, landing="/console/", keep_provider_token=True)  # the duty view (notify_api)

    async def account(field: str, user_id: str) -> str | None:
        async with bus.uow() as uow:
            return await people_tables.subject_of_account(uow.conn, field, user_id)  # type: ignore[attr-defined]

    # WeCom and DingTalk sign-in find the person by their platform user id in the directory.
    install_platform_sign_in(app, settings, account)
    app.state.bus = bus
    app.state.reference_versions = versions
    follow.install(app, runtime, follower)
    app.state.ack_link_secret = secret_bytes(
        settings.ack_link_secret.get_secret_value() if settings.ack_link_secret else None, settings.environment
    )
    # Dispatch owns the directory: its own copy reads the change feed from its table, not over HTTP.
    app.state.directory.fetch = lambda since: people.change_page(bus, since)
    app.state.case_changes = case_changes
    covered_until = lambda: context.reference.calendar.covered_until  # noqa: E731 - follows the version in force
    today = lambda: context.now().astimezone(context.calendar().tz).date()  # noqa: E731
    CALENDAR_COVERAGE_DAYS.labels("dispatch").set_function(lambda: coverage_days(covered_until(), today()) or 0)
    app.state.readiness_warnings = lambda: [w for w in [coverage_warning(covered_until(), today())] if w]
    console.mount_static(app)
    errors.install(app)
    return app
