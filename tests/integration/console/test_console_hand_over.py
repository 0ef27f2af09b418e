"""点单响应 from the departments' console in real headless Chromium: the dispatcher's case screen has one
button, 交社区力量承接, that asks for confirmation (with the reason for the community's staff) and hands
the case over: the committee leads, the case screen says it is with the community, the timeline shows it.
Screenshot test-artifacts/console-hand-over-desk-zh.png."""

from __future__ import annotations

from typing import Any

from integration.console.conftest import DESK, Console

from support.console import ARTIFACTS, case_id_of, dispatcher_token, file_report, sign_in_link
from support.factories import bearer, worker_token

GRID = "XY-WQ-WY-G03"


async def test_the_dispatcher_hands_a_case_to_the_community_with_one_confirmed_button(
    console: Console, browser: Any
) -> None:
    settings = console.dispatch.settings
    worker = worker_token(console.intake.settings, grids=[GRID])
    description = f"{GRID} 独居老人家门口楼道堆满杂物，需志愿者帮忙清理"
    report = await file_report(console.intake.client, worker, grid=GRID, description=description)
    case_id = await case_id_of(console.intake.client, worker, report["id"])

    context = await browser.new_context(viewport=DESK, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, dispatcher_token(settings)))
    await page.wait_for_selector("#live.on", timeout=10_000)
    await page.goto(page.url.split("#")[0] + f"#/case/{case_id}")
    await page.click('[data-action="hand-to-community"]')
    form = page.locator('form[data-form="hand-to-community"]')
    assert "确认交由社区力量承接" in await form.locator(".confirm").inner_text()
    await form.locator('textarea[name="reason"]').fill("老人独居，清理后请志愿者定期探访")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "console-hand-over-desk-zh.png"), full_page=True)
    await form.locator('button[type="submit"]').click()

    await page.wait_for_selector("dd.handover", timeout=5_000)
    assert "已交社区" in await page.locator("dd.handover").inner_text()
    assert "交社区力量承接" in await page.locator(".timeline").inner_text()
    assert await page.locator('[data-action="hand-to-community"]').count() == 0  # once
    case = (
        await console.dispatch.client.get(f"/v1/cases/{case_id}", headers=bearer(dispatcher_token(settings)))
    ).json()
    assert case["community_handover"]["status"] == "handed"
    assert case["assignments"][-1]["department"] == "XY-WQ-WY-JWH" and case["assignments"][-1]["role"] == "lead"
    await page.screenshot(path=str(ARTIFACTS / "console-hand-over-done-desk-zh.png"), full_page=True)
    await context.close()
