"""The three services behind uvicorn on real ports, sharing one broker prefix, and one headless
Chromium for the module: the console, its live stream and the public board as a browser sees them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.devstack import free_port
from chuishao_shared.settings import Settings
from chuishao_tracking.bootstrap import MIGRATIONS as TRACKING_MIGRATIONS
from chuishao_tracking.bootstrap import TrackingSettings
from chuishao_tracking.bootstrap import build_app as build_tracking
from support.browser import shared_browser
from support.infra import Infra, unique
from support.services import serving, start_service

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


@dataclass
class Served:
    url: str
    settings: Settings
    client: httpx.AsyncClient
    app: Any = None  # the in-process app: a test may call its bus to make many cases at once


@dataclass
class Console:
    intake: Served
    dispatch: Served
    tracking: Served


@contextlib.asynccontextmanager
async def served_console(infra: Infra, photo_dir: str, **dispatch_overrides: Any) -> AsyncIterator[Console]:
    # Own topics and own consumer groups: a member of a shared group id left by another test (Tansu
    # rebalances a group across all its members' topics) cannot hold this module's reports back.
    prefix = unique("t") + "."
    common: dict[str, Any] = {"topic_prefix": prefix, "rate_limit_per_second": 1000.0, "rate_limit_burst": 1000}
    dispatch_port = free_port()
    intake_settings, intake_app = await start_service(
        infra,
        IntakeSettings,
        build_intake,
        INTAKE_MIGRATIONS,
        cors_origins=f"http://127.0.0.1:{dispatch_port}",  # the console's origin may upload and read photos
        photo_dir=photo_dir,
        **common,
    )
    async with contextlib.AsyncExitStack() as stack:
        intake_url = await stack.enter_async_context(serving(intake_app))
        dispatch_settings, dispatch_app = await start_service(
            infra,
            DispatchSettings,
            build_dispatch,
            DISPATCH_MIGRATIONS,
            timer_poll_seconds=0.2,
            console_photo_origin=intake_url,
            **common,
            **dispatch_overrides,
        )
        tracking_settings, tracking_app = await start_service(
            infra,
            TrackingSettings,
            build_tracking,
            TRACKING_MIGRATIONS,
            **common,
        )
        dispatch_url = await stack.enter_async_context(serving(dispatch_app, dispatch_port))
        tracking_url = await stack.enter_async_context(serving(tracking_app))
        served = []
        for url, settings, app in (
            (intake_url, intake_settings, intake_app),
            (dispatch_url, dispatch_settings, dispatch_app),
            (tracking_url, tracking_settings, tracking_app),
        ):
            client = await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=10))
            served.append(Served(url, settings, client, app))
        yield Console(*served)


@pytest.fixture(scope="module")
async def console(infra: Infra, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Console]:
    async with served_console(infra, str(tmp_path_factory.mktemp("photos"))) as served:
        yield served


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Any]:
    async with shared_browser() as browser:
        yield browser
