"""Composition root: wires tracking's adapters from settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from chuishao_shared.db import make_engine
from chuishao_shared.events import CASES_TOPIC, COMMUNITY_TOPIC, REPORTS_TOPIC
from chuishao_shared.migrations import head_revision
from chuishao_shared.pages import router as pages_router
from chuishao_shared.reference import follow, load_reference
from chuishao_shared.runtime import ServiceRuntime, service_app
from chuishao_shared.settings import Settings
from chuishao_tracking.adapters.live import BoardListener, Broadcaster
from chuishao_tracking.adapters.read_cache import ReadCache
from chuishao_tracking.entrypoints import board_map
from chuishao_tracking.entrypoints.api import board, stats
from chuishao_tracking.entrypoints.community_api import community_stats, needs_board
from chuishao_tracking.entrypoints.consumer import CONSUMER_NAME, on_event, on_poll
from chuishao_tracking.entrypoints.needs_page import page as needs_page
from chuishao_tracking.entrypoints.page import page
from chuishao_tracking.entrypoints.topic_board import topics_board
from chuishao_tracking.metrics import open_cases_job
from chuishao_tracking.service_layer import queries
from chuishao_tracking.views import Names

PACKAGE = Path(__file__).parent
MIGRATIONS = PACKAGE / "migrations"


class TrackingSettings(Settings):
    service_name: str = "tracking"
    port: int = 8003
    # Days, months and "today" on the board and in the figures are local to the jurisdiction.
    board_timezone: str = "Asia/Shanghai"
    open_cases_refresh_seconds: float = 5.0
    # Public figures, chart and league table may be this old: one computation per period, not per reader.
    stats_cache_seconds: float = 3.0
    # Live board streams this replica serves at once; more are refused with 503 and Retry-After.
    stream_max_clients: int = 1000
    # Anonymous readers, limited per client address (429 with Retry-After beyond): a wall screen or a
    # browser needs a few requests a second; one greedy client must not take a replica's capacity.
    # Behind an ingress, set CHUISHAO_TRUSTED_PROXIES so each reader is its own client.
    rate_limit_per_second: float = 20.0
    rate_limit_burst: int = 60
    # What this process runs: `api` the public reads and the live stream, `projector` the projection
    # consumer alone (with health, readiness and metrics), `both` (the default, as under `make run`).
    # Run api and projector apart so public reads never share a process, its CPU or its event loop
    # with the projection.
    role: Literal["both", "api", "projector"] = "both"
    # 民情一张图 draws the grids on their own; a city with its own tile server names it here
    # (`https://tiles.example.gov.cn/{z}/{x}/{y}.png`, CHUISHAO_MAP_TILE_URL) and the map page admits that
    # origin, and no other, in its Content-Security-Policy.
    map_tile_url: str | None = None
    map_tile_attribution: str = ""
    # The yearly hours target of in-service party members the community figures measure "on track"
    # against (as the community service's CHUISHAO_COMMUNITY_YEARLY_HOURS_TARGET).
    community_yearly_hours_target: float = 50.0


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or TrackingSettings()
    role = getattr(settings, "role", "both")
    serves_reads, projects = role in ("both", "api"), role in ("both", "projector")
    reference = load_reference(Path(settings.reference_dir) if settings.reference_dir else None)
    # The names follow the reference data version in force at dispatch (chuishao_shared.reference.follow).
    follower = follow.follower_for(settings, reference)
    engine = make_engine(settings)
    broadcaster = Broadcaster(
        max_subscribers=getattr(settings, "stream_max_clients", 1000), per_client=settings.stream_max_per_client
    )
    ctx = queries.TrackingContext(
        engine=engine,
        names=Names(follower.view),
        tz=ZoneInfo(getattr(settings, "board_timezone", "Asia/Shanghai")),
        broadcaster=broadcaster,
        cache=ReadCache(getattr(settings, "stats_cache_seconds", 3.0)),
        community_hours_target=getattr(settings, "community_yearly_hours_target", 50.0),
    )
    runtime = ServiceRuntime(settings, engine, expected_revision=head_revision(MIGRATIONS))
    if projects:
        # Tracking publishes nothing, so it runs no outbox relay: only the projection consumer, on a
        # pool of its own.
        runtime.with_consumer(CONSUMER_NAME, [CASES_TOPIC, REPORTS_TOPIC, COMMUNITY_TOPIC], on_event, on_poll)
        runtime.background.append(open_cases_job(engine, getattr(settings, "open_cases_refresh_seconds", 5.0)))
    listener = BoardListener(settings.asyncpg_dsn, broadcaster, lambda ids: queries.stream_messages(ctx, ids))
    if serves_reads:
        runtime.background.append(listener.run)
    app = service_app(
        runtime,
        title="Chuishao tracking",
        description="The public side: the supervision board (督办墙) and the published numbers. No token needed; "
        "no personal data is ever shown.",
        context=ctx,
        routers=[
            board_map.api,
            board,
            needs_board,
            topics_board,
            stats,
            community_stats,
            page,
            board_map.page,
            needs_page,
            pages_router,
        ]
        if serves_reads
        else [],
    )
    app.state.listener = listener
    if serves_reads:
        app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    follow.install(app, runtime, follower)
    return app
