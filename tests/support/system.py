"""Intake and dispatch together in-process on the same broker topics (integration tests), and the
small steps the dispatch tests share."""

from __future__ import annotations

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
from chuishao_shared.auth import mint_token
from support.factories import bearer, report_body
from support.infra import Infra, unique
from support.services import RunningService, running, start_service


@dataclass
class System:
    intake: RunningService
    dispatch: RunningService


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 45.0, interval: float = 0.1) -> Any:  # noqa: ASYNC109
    """Poll until `check` returns a truthy value; the last falsy result is reported on timeout. A passing
    check returns at once, so the bound is for a machine running four test workers on two cores (20 s
    failed there for the machine's sake); how fast events flow is measured by `make bench`."""
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


LEAD = "XY-WQ-WY-WY"  # 五阳物业 leads 楼道卫生 in 五阳社区 (routing_rules.yaml)
ASSIST = "XY-WQ-WY-JWH"


def liaison(system: System, department: str) -> dict[str, str]:
    return bearer(
        mint_token(system.dispatch.settings, sub=f"liaison-{department}", role="liaison", department=department)
    )


def dispatcher(system: System, jurisdiction: str = "XY") -> dict[str, str]:
    return bearer(
        mint_token(system.dispatch.settings, sub="dispatcher-1", role="dispatcher", jurisdiction=jurisdiction)
    )


async def file(system: System, token: str, **overrides: Any) -> dict[str, Any]:
    response = await system.intake.client.post("/v1/reports", json=report_body(**overrides), headers=bearer(token))
    assert response.status_code == 201, response.text
    return response.json()


async def case_of(system: System, token: str, report_id: str, status: str | None = None) -> dict[str, Any]:
    async def linked() -> dict | None:
        report = (await system.intake.client.get(f"/v1/reports/{report_id}", headers=bearer(token))).json()
        if report["case_id"] and (status is None or report["case_status"] == status):
            return report
        return None

    report = await eventually(linked)
    case = await system.dispatch.client.get(f"/v1/cases/{report['case_id']}", headers=dispatcher(system))
    assert case.status_code == 200, case.text
    return case.json()
