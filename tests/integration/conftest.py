from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from support.browser import stop_shared_browser
from support.infra import Infra
from support.services import RunningService, running, start_service


@pytest.fixture
async def intake(infra: Infra) -> AsyncIterator[RunningService]:
    settings, app = await start_service(infra, IntakeSettings, build_app, MIGRATIONS)
    async with running(app, settings) as service:
        yield service


@pytest.fixture(scope="session", autouse=True)
async def _shared_browser_stopped_at_the_end() -> AsyncIterator[None]:
    """The page tests' one Chromium per process (support.browser) stops when the run ends."""
    yield
    await stop_shared_browser()
