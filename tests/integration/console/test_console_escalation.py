"""The liaison's queue under missed deadlines: acknowledge windows shortened to 4.8 s, so cases climb
the escalation ladder while the page is open. Late cases come first, each in its escalation colour, and
the colours change live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from integration.console.conftest import PHONE, Console, served_console

from support.console import ARTIFACTS, file_report, liaison_token, sign_in_link
from support.factories import worker_token
from support.infra import Infra

LEAD = "XY-WQ-WY-WY"
ACK_MINUTES = 0.08  # 4.8 s: level 1 at the deadline, 2 at +4.8 s, 3 at +9.6 s


@pytest.fixture(scope="module")
async def late_console(infra: Infra, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Console]:
    async with served_console(
        infra, str(tmp_path_factory.mktemp("photos")), sla_acknowledge_minutes_override=ACK_MINUTES
    ) as served:
        yield served


async def test_late_cases_come_first_in_their_escalation_colours(late_console: Console, browser: Any) -> None:
    console = late_console
    context = await browser.new_context(viewport=PHONE, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, liaison_token(console.dispatch.settings, LEAD)))
    await page.wait_for_selector("#live.on", timeout=10_000)
    worker = worker_token(console.intake.settings, grids=["XY-WQ-WY-G01", "XY-WQ-WY-G02", "XY-WQ-WY-G03"])

    async def card_for(grid: str, text: str) -> Any:
        await file_report(console.intake.client, worker, grid=grid, description=text)
        card = page.locator("article.card", has_text=text)
        await card.wait_for(timeout=5_000)
        return card

    oldest = await card_for("XY-WQ-WY-G01", "1号楼楼道堆满杂物无人清理")
    await page.wait_for_selector("article.card.lvl-3.late", timeout=20_000)  # red, live
    older = await card_for("XY-WQ-WY-G02", "2号楼楼道有人堆放旧家具")
    await page.wait_for_selector("article.card.lvl-1.late", timeout=10_000)  # blue, live
    fresh = await card_for("XY-WQ-WY-G03", "3号楼楼道堆放纸箱")
    assert "late" not in (await fresh.get_attribute("class") or "")

    ids = [await c.get_attribute("data-case-id") for c in (oldest, older, fresh)]
    order = await page.eval_on_selector_all("article.card", "cards => cards.map((c) => c.dataset.caseId)")
    assert order == ids  # overdue first, the nearest (most passed) deadline first
    assert "lvl-3" in (await oldest.get_attribute("class") or "")
    assert "超时" in await oldest.locator(".countdown").inner_text()
    assert "红色督办" in await oldest.locator(".grade").inner_text()
    await page.click('[data-filter="overdue"]')
    assert await page.locator("article.card").count() >= 2
    await page.click('[data-filter="open"]')
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "console-queue-escalated-phone-zh.png"), full_page=True)
    await context.close()
