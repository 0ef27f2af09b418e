"""The running system the security tests share: intake and dispatch (`chuishao`), tracking, notify and
community, each on its own database, the real broker."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from chuishao_tracking.bootstrap import MIGRATIONS as TRACKING_MIGRATIONS
from chuishao_tracking.bootstrap import TrackingSettings
from chuishao_tracking.bootstrap import build_app as build_tracking
from support.community import community_service
from support.infra import Infra, unique
from support.notify import start_notify
from support.services import RunningService, running, start_service
from support.system import System, system


@pytest.fixture
async def tracking(infra: Infra) -> AsyncIterator[RunningService]:
    settings, app = await start_service(infra, TrackingSettings, build_tracking, TRACKING_MIGRATIONS)
    async with running(app, settings) as service:
        yield service


@pytest.fixture
async def notify(infra: Infra) -> AsyncIterator[RunningService]:
    settings, app = await start_notify(infra, unique("t") + ".")
    async with running(app, settings) as service:
        yield service


@pytest.fixture
async def community(infra: Infra) -> AsyncIterator[RunningService]:
    async with community_service(infra) as service:
        yield service


@pytest.fixture
async def chuishao(infra: Infra) -> AsyncIterator[System]:
    # Nothing listens on port 9: the console's duty view finds notify away (`available: false`) whatever
    # else runs on this machine's 8004.
    async with system(infra, dispatch_notify_url="http://127.0.0.1:9") as both:
        yield both
