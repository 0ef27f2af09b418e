"""Tracking's roles: the public reads and the projection can run as separate processes, so a flood of
readers never shares an event loop or a CPU with the consumer that keeps the board current."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pydantic import ValidationError

import chuishao_tracking.__main__ as entry
from chuishao_tracking.bootstrap import TrackingSettings, build_app
from chuishao_tracking.entrypoints.consumer import CONSUMER_NAME

PUBLIC = {"/v1/board/cases", "/v1/stats/departments", "/v1/board/stream"}
PLATFORM = {"/healthz", "/readyz"}


def routes(role: str) -> tuple[set[str], list[str], int]:
    app = build_app(TrackingSettings(role=role, database_url="postgresql://postgres@127.0.0.1:1/none"))
    runtime = app.state.runtime
    paths = set(app.openapi()["paths"])
    return paths, [c.name for c in runtime.consumers], len(runtime.background)


async def statuses(role: str, *paths: str) -> list[int]:
    """Asked without starting the app (no lifespan: no database, no broker)."""
    app = build_app(TrackingSettings(role=role, database_url="postgresql://postgres@127.0.0.1:1/none"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        return [(await client.get(path)).status_code for path in paths]


def test_both_serves_the_public_and_projects() -> None:
    paths, consumers, background = routes("both")
    assert PUBLIC | PLATFORM <= paths
    assert consumers == [CONSUMER_NAME]
    assert background == 4  # the board's LISTEN/NOTIFY listener, the open-cases gauge, the directory copy,
    # the reference data follower


def test_api_serves_the_public_and_consumes_nothing() -> None:
    paths, consumers, background = routes("api")
    assert PUBLIC | PLATFORM <= paths
    assert consumers == []
    assert background == 3  # the listener that feeds this replica's live streams, the directory copy, the follower


def test_projector_consumes_and_serves_only_health_and_readiness() -> None:
    paths, consumers, background = routes("projector")
    assert PLATFORM <= paths
    assert not paths & PUBLIC
    assert consumers == [CONSUMER_NAME]
    assert background == 3  # the open-cases gauge beside the projection, the directory copy, the follower


async def test_only_roles_that_serve_reads_serve_the_page() -> None:
    assert (await statuses("projector", "/", "/board/side", "/static/board.js")) == [404, 404, 404]
    assert (await statuses("api", "/static/board.js")) == [200]


def test_an_unknown_role_is_refused_naming_the_setting() -> None:
    with pytest.raises(ValidationError, match="role"):
        TrackingSettings(role="reader")


def test_the_command_line_takes_the_role(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(entry, "serve", lambda settings, _build, _migrations, args: seen.update(s=settings, a=args))
    entry.main(["serve", "--role", "projector", "--no-migrate"])
    assert seen["s"].role == "projector"
    assert seen["a"] == ["serve", "--no-migrate"]
    with pytest.raises(SystemExit, match="--role needs a value"):
        entry.main(["serve", "--role"])
