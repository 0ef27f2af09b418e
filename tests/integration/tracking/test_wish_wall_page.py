"""The wish wall (心愿墙) in Chromium: residents' needs as cards with the counts per community, read at
phone (390×844), desk (1440×900) and wall (1920×1080) size, in Chinese and in English, filtered by
status; nothing wider than the phone; no resident's name, phone or address on the page. Screenshots in
test-artifacts/wish-wall-*.png."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import cycle
from pathlib import Path
from typing import Any

import pytest
from integration.tracking.community_events import SECRETS, NeedScript
from integration.tracking.conftest import ServedTracking
from integration.tracking.tracking_helpers import produce, until_processed

from support.browser import CHROMIUM, shared_browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
PLACES = [  # (community, grid)
    ("XY-WQ-WY", "XY-WQ-WY-G03"),
    ("TN-CS-FQXC", "TN-CS-FQXC-G02"),
    ("FQ-YP-BD", "FQ-YP-BD-G03"),
    ("XY-WQ-WY", "XY-WQ-WY-G07"),
    ("ZJC-ZJC-NC", "ZJC-ZJC-NC-G01"),
]
KINDS = ["wish", "living", "elderly_disabled", "policy", "facility"]


def wishes(now: datetime) -> list[NeedScript]:
    needs, places, kinds = [], cycle(PLACES), cycle(KINDS)
    for i in range(18):
        community, grid = next(places)
        need = NeedScript(community, grid, next(kinds), now - timedelta(hours=30 - i), wanted_days=2 + i % 5)
        step = i % 6
        if step >= 1:
            need.claimed(now - timedelta(hours=20 - i), "m-1", "unit" if i % 4 == 0 else "member")
        if step >= 2:
            need.started(now - timedelta(hours=19 - i))
        if step >= 3:
            need.done(now - timedelta(hours=18 - i))
        if step >= 4:
            need.confirmed(now - timedelta(hours=17 - i))
        needs.append(need)
    return needs


async def no_overflow(page: Any) -> int:
    return int(await page.evaluate("document.documentElement.scrollWidth"))


async def test_the_wish_wall_reads_at_phone_desk_and_wall_size(served_tracking: ServedTracking, producer: Any) -> None:
    settings, url = served_tracking.settings, served_tracking.url
    needs = wishes(datetime.now(UTC))
    events = [e for n in needs for e in n.events]
    await produce(producer, settings, events)
    await until_processed(settings, len(events))
    ARTIFACTS.mkdir(exist_ok=True)
    async with shared_browser() as browser:
        wall = await browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
        await wall.goto(url + "/needs")
        assert await wall.locator("li.need").count() == 18
        await wall.wait_for_function("document.querySelector('.countdown').textContent.includes('剩余')")
        await wall.screenshot(path=str(ARTIFACTS / "wish-wall-1920.png"))
        assert await no_overflow(wall) <= 1920

        desk = await browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-GB")
        await desk.goto(url + "/needs?lang=en")
        await desk.screenshot(path=str(ARTIFACTS / "wish-wall-desk-1440-en.png"))
        await desk.select_option("select[name=status]", "open")
        await desk.click("form.filters button")
        await desk.wait_for_url("**status=open**")
        statuses = await desk.locator("li.need").evaluate_all("(cards) => cards.map((c) => c.dataset.status)")
        assert statuses and set(statuses) == {"open"}
        assert await desk.locator("li.need .status").first.text_content() == "Open"
        await desk.screenshot(path=str(ARTIFACTS / "wish-wall-desk-1440-en-open.png"))

        phone = await browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
        await phone.goto(url + "/needs")
        await phone.screenshot(path=str(ARTIFACTS / "wish-wall-phone-390.png"))
        assert await no_overflow(phone) <= 390
        await phone.screenshot(path=str(ARTIFACTS / "wish-wall-phone-390-full.png"), full_page=True)
        for page in (wall, desk, phone):
            text = await page.content()
            assert not [s for s in SECRETS if s in text]
