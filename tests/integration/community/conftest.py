from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from support.community import community_service
from support.infra import Infra
from support.services import RunningService


@pytest.fixture
async def community(infra: Infra) -> AsyncIterator[RunningService]:
    async with community_service(infra) as service:
        yield service
