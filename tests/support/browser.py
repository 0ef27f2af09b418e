"""The browser the page tests drive: Debian's Chromium, as its headless shell where it is installed
(`make browser` installs it). The shell renders with the same Blink as the full browser but starts no
browser UI: the page tests' Chromium took about half the CPU of the full one (17 → 8 s for the grid
worker's app tests), and Chromium had been a fifth of the integration tier's CPU.

One Playwright driver and one Chromium per test process (`shared_browser`), started by the first page
test and stopped at the end of the run (tests/conftest.py): a test gets its own contexts, closed when it
ends, so nothing of one test's pages (cookies, storage, service workers, routes) reaches another.
Starting a driver and a browser for each test had cost about 1.5 s of CPU each time."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

_started: dict[str, Any] = {}  # "playwright" and "browser", once started


@contextlib.asynccontextmanager
async def shared_browser() -> AsyncIterator[Any]:
    """This process's Chromium; the contexts (and pages) the test opens on it are closed when it ends."""
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is not installed (make browser)")
    browser = _started.get("browser")
    if browser is None or not browser.is_connected():
        from playwright.async_api import async_playwright

        if "playwright" not in _started:
            _started["playwright"] = await async_playwright().start()
        browser = await _started["playwright"].chromium.launch(
            executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS
        )
        _started["browser"] = browser
    before = set(browser.contexts)
    try:
        yield browser
    finally:
        for context in set(browser.contexts) - before:
            with contextlib.suppress(Exception):
                await context.close()


async def stop_shared_browser() -> None:
    browser, playwright = _started.pop("browser", None), _started.pop("playwright", None)
    with contextlib.suppress(Exception):
        if browser is not None:
            await browser.close()
    with contextlib.suppress(Exception):
        if playwright is not None:
            await playwright.stop()
