"""Issue 27 item 1: lateness per department on the public board. A case whose lead reported in on time
but whose assisting department has not is late by the assisting department's deadline: the board names
that department beside the deadline, never the lead. Real headless Chromium at a phone's 390×844 and a
desk's 1440×900; screenshots in test-artifacts/board-lateness-*."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from integration.tracking.conftest import ServedTracking
from integration.tracking.tracking_helpers import produce, until_processed
from unit.tracking.tracking_events import CaseScript

from support.browser import CHROMIUM, shared_browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
LEAD, ASSIST = "XY-WQ-WY-WY", "XY-WQ-WY-JWH"  # 五阳物业服务公司 leads, 五阳社区居民委员会 assists


def late_assist(now: datetime) -> CaseScript:
    """Opened 90 minutes ago with a 1-hour acknowledgement: the lead reported in at once, the assist never."""
    case = CaseScript(category="ENV-STAIRWELL-DIRTY", major="ENV", grid="XY-WQ-WY-G03", community="XY-WQ-WY")
    case.open(now - timedelta(minutes=90), LEAD, (ASSIST,))
    case.acknowledge(LEAD, now - timedelta(minutes=85))
    return case


def late_lead(now: datetime) -> CaseScript:
    """The other way round: the lead has not reported in, the assist has."""
    case = CaseScript(category="ORDER-EBIKE-PARKING", major="ORDER", grid="XY-WQ-WY-G07", community="XY-WQ-WY")
    case.open(now - timedelta(minutes=75), LEAD, (ASSIST,))
    case.acknowledge(ASSIST, now - timedelta(minutes=70))
    return case


def late_triage(now: datetime) -> CaseScript:
    """No rule matched 90 minutes ago and no dispatcher has routed it: its triage deadline passed 30
    minutes ago (dispatch writes `triage_due_at` into the case snapshot)."""
    case = CaseScript(category="ORDER-DOG", major="ORDER", grid="XY-WQ-WY-G05", community="XY-WQ-WY")
    case.open(now - timedelta(minutes=90), None)
    for envelope in case.events:
        envelope.data["case"]["triage_due_at"] = (now - timedelta(minutes=30)).isoformat().replace("+00:00", "Z")
    return case


async def test_the_board_puts_an_assists_lateness_on_the_assist_not_the_lead(
    served_tracking: ServedTracking, producer: Any
) -> None:

    settings, url = served_tracking.settings, served_tracking.url
    now = datetime.now(UTC)
    assist_late, lead_late, triage_late = late_assist(now), late_lead(now), late_triage(now)
    events = assist_late.events + lead_late.events + triage_late.events
    await produce(producer, settings, events)
    await until_processed(settings, len(events))

    ARTIFACTS.mkdir(exist_ok=True)
    async with shared_browser() as browser:
        for size, viewport in (("desk", {"width": 1440, "height": 900}), ("phone", {"width": 390, "height": 844})):
            page = await browser.new_page(viewport=viewport, locale="zh-CN")
            await page.goto(url + "/")
            await page.wait_for_selector("#live.on", timeout=10_000)
            row = page.locator(f'tr[data-case-id="{assist_late.id}"]')
            await row.wait_for()
            await page.screenshot(path=str(ARTIFACTS / f"board-lateness-{size}-zh.png"))
            deadline = await row.locator(".deadline").inner_text()
            assert "五阳社区居民委员会" in deadline and "五阳物业服务公司" not in deadline
            assert "五阳社区居民委员会" in await row.locator(".dept .late-dept").inner_text()
            other = page.locator(f'tr[data-case-id="{lead_late.id}"]')
            assert "五阳物业服务公司" in await other.locator(".dept .late-dept").inner_text()
            assert "五阳社区居民委员会" not in await other.locator(".deadline").inner_text()
            # Waiting in triage past its deadline: the dispatcher's lateness (分派), no department's.
            waiting = page.locator(f'tr[data-case-id="{triage_late.id}"]')
            assert "分派" in await waiting.locator(".deadline").inner_text()
            assert "超时" in await waiting.locator(".deadline").inner_text()
            assert await waiting.locator(".late-dept").count() == 0
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"page is {width}px wide"
            await page.close()
        page = await browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-GB")
        await page.goto(url + "/?lang=en")
        await page.wait_for_selector("#live.on", timeout=10_000)
        row = page.locator(f'tr[data-case-id="{assist_late.id}"]')
        assert "Late" in await row.locator(".dept .late-dept").inner_text()
        await page.screenshot(path=str(ARTIFACTS / "board-lateness-desk-en.png"))

    body = (await served_tracking.client.get(f"/v1/board/cases/{assist_late.id}")).json()
    assert body["owed_by"] == [ASSIST] and body["late_departments"] == [ASSIST]
    assert body["lead_department"] == LEAD and body["overdue"] is True
    waiting = (await served_tracking.client.get(f"/v1/board/cases/{triage_late.id}")).json()
    assert waiting["overdue"] is True and waiting["owed_by"] == [] and waiting["late_departments"] == []
    other = (await served_tracking.client.get(f"/v1/board/cases/{lead_late.id}")).json()
    assert other["owed_by"] == [LEAD] and other["late_departments"] == [LEAD]
