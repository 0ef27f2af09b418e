"""Composition root: wires the community's adapters from settings."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from fastapi import FastAPI
from pydantic import Field, SecretStr, model_validator

from chuishao_community.domain.activities import HoursPolicy
from chuishao_community.entrypoints import (
    activities,
    case_consumer,
    case_needs,
    certificates,
    console,
    errors,
    force_errors,
    member_app,
    members,
    needs,
    needs_map,
    teams,
    topics,
    units,
)
from chuishao_community.entrypoints.sweep import sweep_task
from chuishao_community.entrypoints.topic_tasks import FilingRelay, overdue_task
from chuishao_community.entrypoints.whistles import WhistleRelay
from chuishao_community.service_layer.context import DEV_CERTIFICATE_KEY, DEV_QR_KEY, CommunityContext
from chuishao_community.service_layer.handlers import message_bus
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.db import make_engine
from chuishao_shared.events import CASES_TOPIC
from chuishao_shared.migrations import head_revision
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.pages import router as pages_router
from chuishao_shared.reference import follow, load_reference
from chuishao_shared.reference.community import load_taxonomy
from chuishao_shared.runtime import ServiceRuntime, service_app
from chuishao_shared.settings import Settings, is_loopback

MIGRATIONS = Path(__file__).parent / "migrations"


class CommunitySettings(Settings):
    service_name: str = "community"
    port: int = 8005
    # A claim not started within this many hours lapses (a no-show); CHUISHAO_COMMUNITY_CLAIM_LAPSE.
    community_claim_lapse: float = Field(24.0, gt=0, description="hours")
    # Open claims (waiting, confirmed or started) one member or unit may hold at once.
    community_max_open_claims: int = Field(3, ge=1)
    # One need credits at most this many hours (domain/hours.py has the whole rule).
    community_max_need_hours: float = Field(8.0, gt=0)
    # The yearly hours target of in-service party members (GET /v1/members?behind=true).
    community_yearly_hours_target: float = Field(50.0, ge=0)
    community_sweep_seconds: float = Field(5.0, gt=0)
    # Where whistles are filed (intake's public origin), and the service account's token there.
    community_intake_url: str = "http://127.0.0.1:8001"
    community_intake_token: SecretStr | None = None
    community_whistle_seconds: float = Field(5.0, gt=0)
    # 议事: a hotspot is at least this many cases of one 小类 in one community within this many days;
    # the case actions' filing relay and the overdue sweep run this often.
    community_hotspot_cases: int = Field(5, ge=2)
    community_hotspot_days: int = Field(30, ge=1)
    community_topic_seconds: float = Field(5.0, gt=0)
    # Activities' check-in QR codes and certificate numbers are HMAC-signed with these keys; the
    # development defaults are refused in production and on a non-loopback listener outside development.
    community_qr_key: SecretStr = SecretStr(DEV_QR_KEY)
    community_certificate_key: SecretStr = SecretStr(DEV_CERTIFICATE_KEY)
    # Organiser-granted hours: at most this much per grant, and a member's hours for one activity at
    # most its length plus the allowance.
    community_grant_cap_hours: float = Field(8.0, gt=0, le=24)
    community_grant_allowance_hours: float = Field(1.0, ge=0, le=24)
    # Intake's public origin: the members' app (/app/) uploads a need's photos to its POST /v1/photos
    # (intake lists this service's origin in CHUISHAO_CORS_ORIGINS); "" hides the app's photo picker.
    community_photo_origin: str = ""

    @model_validator(mode="after")
    def _community_keys(self) -> CommunitySettings:
        for name, default in (("community_qr_key", DEV_QR_KEY), ("community_certificate_key", DEV_CERTIFICATE_KEY)):
            value = getattr(self, name).get_secret_value()
            if len(value.encode()) < 32:
                raise ValueError(f"CHUISHAO_{name.upper()} must be at least 32 bytes")
            if value == default and (
                self.environment == "production"
                or (self.environment is None and not all(is_loopback(h) for h in self.listeners))
            ):
                raise ValueError(f"CHUISHAO_{name.upper()} is the development key: set a secret one")
        return self


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = (
        settings
        if isinstance(settings, CommunitySettings)
        else CommunitySettings(**(settings.model_dump() if settings else {}))
    )
    reference_dir = Path(settings.reference_dir) if settings.reference_dir else None
    engine = make_engine(settings)
    outbox = OutboxWriter("community", settings.topic_prefix)
    # It follows the reference data version in force at dispatch (chuishao_shared.reference.follow).
    follower = follow.follower_for(settings, load_reference(reference_dir))
    context = CommunityContext(
        reference=follower.view,
        taxonomy=load_taxonomy(reference_dir),
        claim_lapse=timedelta(hours=settings.community_claim_lapse),
        max_open_claims=settings.community_max_open_claims,
        max_need_hours=settings.community_max_need_hours,
        yearly_hours_target=settings.community_yearly_hours_target,
        hotspot_cases=settings.community_hotspot_cases,
        hotspot_days=settings.community_hotspot_days,
        qr_key=settings.community_qr_key.get_secret_value().encode(),
        certificate_key=settings.community_certificate_key.get_secret_value().encode(),
        hours_policy=HoursPolicy(
            grant_cap=Decimal(str(settings.community_grant_cap_hours)),
            allowance=Decimal(str(settings.community_grant_allowance_hours)),
        ),
    )
    bus = message_bus(lambda: SqlUnitOfWork(engine, outbox), context)
    token = settings.community_intake_token.get_secret_value() if settings.community_intake_token else None
    whistles = WhistleRelay(bus, settings, settings.community_intake_url, token)
    runtime = ServiceRuntime(settings, engine, expected_revision=head_revision(MIGRATIONS)).with_relay()
    runtime.background.append(sweep_task(bus, settings.community_sweep_seconds).run)
    runtime.background.append(whistles.task(settings.community_whistle_seconds).run)
    filings = FilingRelay(bus, settings, settings.community_intake_url, token)
    runtime.with_consumer(case_consumer.CONSUMER_NAME, [CASES_TOPIC], case_consumer.event_handler(bus, outbox))
    runtime.background.append(filings.task(settings.community_topic_seconds).run)
    runtime.background.append(overdue_task(bus, settings.community_topic_seconds).run)
    app = service_app(
        runtime,
        title="Chuishao community",
        description="The community side (共建共治): members reporting in (报到), residents' needs and their "
        "claims (需求清单, 微心愿), whistles filed through intake (吹哨), the volunteers' hours ledger.",
        context=context,
        routers=[members.router, needs_map.router, needs.router],  # /needs/map before /needs/{id}
    )
    app.state.bus = bus
    follow.install(app, runtime, follower)
    app.state.whistles = whistles
    app.state.filings = filings
    app.include_router(topics.router)  # 议事 (COMMUNITY.md §3)
    errors.install(app)
    for router in (units.router, activities.router, certificates.router):  # units, orders, projects, activities
        app.include_router(router)
    force_errors.install(app)
    app.include_router(teams.router)  # teams and posts (志愿服务队, 志愿服务岗位)
    app.include_router(case_needs.router)  # a need's resident recorded by staff (needs made from cases)
    app.include_router(pages_router)  # GET /v1/vocabulary and the shared page modules
    app.include_router(member_app.router)  # the members' app at /app/ (not in the API schema)
    app.include_router(console.page)  # the staff console at /console/ (not in the API schema)
    console.mount_static(app)
    return app
