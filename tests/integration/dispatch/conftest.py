from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from support.infra import Infra
from support.system import System, system


@pytest.fixture
async def chuishao(infra: Infra) -> AsyncIterator[System]:
    async with system(infra) as both:
        yield both
