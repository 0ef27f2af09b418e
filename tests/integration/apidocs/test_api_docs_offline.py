"""`/docs` (Swagger UI) loads in real Chromium with every request outside the service itself
blocked, as in a city intranet without internet: the pages come from the deployment's own files."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.async_api import Route

from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_notify.bootstrap import build_app as build_notify
from chuishao_shared.devstack import free_port
from chuishao_tracking.bootstrap import build_app as build_tracking
from support.browser import CHROMIUM, shared_browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
SERVICES = {
    "intake": build_intake,
    "dispatch": build_dispatch,
    "tracking": build_tracking,
    "notify": build_notify,
}


@contextlib.asynccontextmanager
async def docs_only(app: FastAPI) -> AsyncIterator[str]:
    """The real app behind uvicorn; no lifespan: the documentation needs no database or broker. The
    OpenAPI document is built before the page asks for it, on this test's own event loop."""
    app.openapi()
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_config=None, access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + 30
    while not server.started:
        assert not task.done() and time.monotonic() < deadline, "uvicorn did not start"
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 15)


def _only(base: str, blocked: list[str]) -> Callable[[Route], Awaitable[None]]:
    async def route(route: Route) -> None:
        if route.request.url.startswith((base + "/", "data:")):
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort("internetdisconnected")

    return route


async def test_swagger_ui_loads_with_the_network_blocked() -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    async with shared_browser() as browser:
        for name, build in SERVICES.items():
            async with docs_only(build()) as url:
                blocked: list[str] = []
                only_the_service = _only(url, blocked)

                for viewport, label in (
                    ({"width": 1440, "height": 900}, "desk"),
                    ({"width": 390, "height": 844}, "phone"),
                ):
                    page = await browser.new_page(viewport=viewport)
                    await page.route("**/*", only_the_service)
                    await page.goto(url + "/docs")
                    # Generous: this asserts the page works offline, not how fast. Swagger UI's 1.4 MB bundle
                    # took one Chromium 15 s to parse in a clean-clone run, beside the fault suite on 2 cores.
                    await page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)
                    assert await page.locator(".swagger-ui .opblock").count() >= 3
                    assert await page.locator(".swagger-ui .info .title").is_visible()
                    await page.screenshot(path=str(ARTIFACTS / f"docs-{name}-{label}.png"))
                    await page.close()
                assert blocked == [], f"{name}'s documentation reached outside: {blocked}"
