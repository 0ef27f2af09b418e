"""The board for residents in real headless Chromium (issue 27, item 6): with 37 open cases the wall
display (?wall=1) shows every one of them, a screenful at a time, on a timer; a resident searches, picks
a community and a status, finds a closed matter of the last 90 days; screenshots at phone, desk and wall
size are kept in test-artifacts/."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import cycle
from pathlib import Path
from typing import Any

import pytest
from integration.tracking.conftest import ServedTracking
from integration.tracking.test_board_search import residents_cases
from integration.tracking.tracking_helpers import produce, until_processed
from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE, CaseScript

from support.browser import CHROMIUM, shared_browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
OPEN_CASES = 37
PLACES = [  # (category, major, grid, community, lead)
    ("ENV-STAIRWELL-DIRTY", "ENV", "XY-WQ-WY-G01", "XY-WQ-WY", "XY-WQ-WY-WY"),
    ("FAC-STREETLIGHT-BROKEN", "FAC", "FQ-YP-BD-G03", "FQ-YP-BD", "FQ-YP-BD-GHWY"),
    ("LIFE-ELDERLY-ALONE", "LIFE", "ZJC-ZJC-NC-G01", "ZJC-ZJC-NC", "ZJC-ZJC-ZF"),
    ("SAFE-FIRE-LANE-BLOCKED", "SAFE", "TN-CS-FQXC-G02", "TN-CS-FQXC", "TN-XFJY"),
    ("ORDER-EBIKE-PARKING", "ORDER", "XY-WQ-WY-G07", "XY-WQ-WY", "XY-WQ-WY-WY"),
    ("ORDER-NOISE", "ORDER", "XY-WQ-WY-G05", "XY-WQ-WY", None),
]


def busy_board(now: datetime) -> tuple[dict[str, CaseScript], list[CaseScript]]:
    named = residents_cases(now)
    more = []
    places = cycle(PLACES)
    for i in range(OPEN_CASES - sum(c.status not in ("closed", "cancelled") for c in named.values())):
        category, major, grid, community, lead = next(places)
        case = CaseScript(category=category, major=major, grid=grid, community=community, severity="minor")
        case.open(now - timedelta(minutes=5 + 7 * i), lead)
        if lead and i % 5 == 0:
            case.escalate(now - timedelta(minutes=2), 1 + i % 3, department=lead)
        more.append(case)
    return named, more


async def test_residents_find_their_matter_and_the_wall_shows_every_open_case(
    served_tracking: ServedTracking, producer: Any
) -> None:

    settings, url = served_tracking.settings, served_tracking.url
    named, more = busy_board(datetime.now(UTC))
    events = [e for c in [*named.values(), *more] for e in c.events]
    await produce(producer, settings, events)
    await until_processed(settings, len(events))
    open_ids = {c.id for c in [*named.values(), *more] if c.status not in ("closed", "cancelled")}
    assert len(open_ids) == OPEN_CASES
    ARTIFACTS.mkdir(exist_ok=True)
    async with shared_browser() as browser:
        # The wall: every open case loaded, one screenful at a time, turning every 3 s.
        wall = await browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
        await wall.goto(url + "/?wall=1&every=3")
        await wall.wait_for_selector("#live.on", timeout=10_000)
        assert await wall.locator("tr.case").count() == OPEN_CASES
        seen: set[str] = set()
        pages: dict[str, set[str]] = {}
        shots: set[str] = set()
        for _ in range(12):
            page_no = await wall.locator("#case-rows").get_attribute("data-page")
            shown = await wall.eval_on_selector_all(
                "tr.case:not(.off-page)",
                "rows => rows.map(r => [r.dataset.caseId, r.getBoundingClientRect().bottom])",
            )
            assert shown and all(bottom <= 1080 for _, bottom in shown), shown  # nothing cut off
            pages.setdefault(page_no, set()).update(i for i, _ in shown)
            seen |= {i for i, _ in shown}
            if page_no in ("1", "2") and page_no not in shots:
                shots.add(page_no)
                await wall.screenshot(path=str(ARTIFACTS / f"board-wall-1920-page{page_no}.png"))
            if seen == open_ids and len(pages) == int(await wall.locator("#case-rows").get_attribute("data-pages")):
                break
            await wall.wait_for_selector(f'#case-rows:not([data-page="{page_no}"])', timeout=5_000)
        assert seen == open_ids and len(pages) >= 2, (len(seen), pages.keys())
        assert "第" in await wall.locator("#wall-page").inner_text()
        await wall.close()

        # A resident at a desk: search by words, then by the number on a row; community and status.
        desk = await browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        await desk.goto(url + "/")
        await desk.screenshot(path=str(ARTIFACTS / "board-desk-1440.png"))
        await desk.fill("form.filters input[name=q]", "下水")
        await desk.press("form.filters input[name=q]", "Enter")
        await desk.wait_for_url("**/?q=*")
        ids = await desk.eval_on_selector_all("tr.case", "rows => rows.map(r => r.dataset.caseId)")
        assert ids == [named["sewer"].id]
        await desk.screenshot(path=str(ARTIFACTS / "board-desk-1440-search.png"))
        await desk.fill("form.filters input[name=q]", named["stairs"].id[:8])
        await desk.press("form.filters input[name=q]", "Enter")
        await desk.wait_for_selector(f'tr[data-case-id="{named["stairs"].id}"]')
        assert await desk.locator("tr.case").count() == 1
        await desk.goto(url + "/")
        await desk.select_option("form.filters select[name=community]", "FQ-YP-BD")  # applies at once
        await desk.wait_for_url("**community=FQ-YP-BD*")
        await desk.select_option("form.filters select[name=status]", "closed")
        await desk.wait_for_url("**status=closed*")
        ids = await desk.eval_on_selector_all("tr.case", "rows => rows.map(r => r.dataset.caseId)")
        assert ids == [named["light"].id]  # closed 10 days ago; the one of 120 days ago is gone
        assert "已结案" in await desk.locator("tr.case").inner_text()
        await desk.screenshot(path=str(ARTIFACTS / "board-desk-1440-closed.png"))
        await desk.select_option("form.filters select[name=status]", "open")
        await desk.wait_for_url("**status=open*")
        assert await desk.locator("tr.case").count() == sum(c.community == "FQ-YP-BD" for c in more) > 1
        await desk.goto(url + "/?lang=en")
        await desk.fill("form.filters input[name=q]", "blocked drain")
        await desk.press("form.filters input[name=q]", "Enter")
        await desk.wait_for_selector(f'tr[data-case-id="{named["sewer"].id}"]')
        assert "Blocked drain" in await desk.locator("tr.case").inner_text()  # still in English
        await desk.screenshot(path=str(ARTIFACTS / "board-desk-1440-en-search.png"))
        await desk.goto(url + "/")
        await desk.click("footer a")
        await desk.wait_for_url("**/definitions*")
        assert "响应率" in await desk.content()
        await desk.close()

        # A resident on a phone: the same filters fit, the closed list reads as cards.
        phone = await browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
        await phone.goto(url + "/")
        await phone.screenshot(path=str(ARTIFACTS / "board-phone-390.png"))
        await phone.goto(url + "/?status=closed")
        await phone.screenshot(path=str(ARTIFACTS / "board-phone-390-closed.png"), full_page=True)
        html = await phone.content()
        assert RESIDENT_NAME not in html and RESIDENT_PHONE not in html
        width = await phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width  # nothing wider than the phone
        await phone.goto(url + "/definitions")
        await phone.screenshot(path=str(ARTIFACTS / "board-phone-390-definitions.png"), full_page=True)
