"""Intake and dispatch together in-process on the same broker topics (integration tests)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from support.infra import Infra, unique
from support.services import RunningService, running, start_service


@dataclass
class System:
    intake: RunningService
    dispatch: RunningService


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 20.0, interval: float = 0.1) -> Any:  # noqa: ASYNC109
    """Poll until `check` returns a truthy value; the last falsy result is reported on timeout."""
    deadline = asyncio.get_running_loop().time() + timeout
    result = None
    while asyncio.get_running_loop().time() < deadline:
        result = await check()
        if result:
            return result
        await asyncio.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s (last: {result!r})")


@contextlib.asynccontextmanager
async def system(infra: Infra, **dispatch_overrides: Any) -> AsyncIterator[System]:
    prefix = unique("t") + "."
    intake_settings, intake_app = await start_service(
        infra, IntakeSettings, build_intake, INTAKE_MIGRATIONS, topic_prefix=prefix
    )
    dispatch_settings, dispatch_app = await start_service(
        infra,
        DispatchSettings,
        build_dispatch,
        DISPATCH_MIGRATIONS,
        topic_prefix=prefix,
        timer_poll_seconds=0.2,
        **dispatch_overrides,
    )
    async with (
        running(intake_app, intake_settings) as intake,
        running(dispatch_app, dispatch_settings) as dispatch,
    ):
        yield System(intake, dispatch)
