"""A case filed for a 议事 decision says so in the departments' console (real headless Chromium): the case
screen names the topic beside the place and routing, and the timeline's opening entry carries it, in
Chinese and in English. Screenshot test-artifacts/console-topic-case-desk-zh.png."""

from __future__ import annotations

import uuid
from typing import Any

from integration.console.conftest import DESK, Console

from support.console import ARTIFACTS, case_id_of, dispatcher_token, file_report, sign_in_link
from support.factories import worker_token

GRID = "XY-WQ-WY-G04"


async def test_a_case_filed_for_a_topic_names_it_on_the_case_screen(console: Console, browser: Any) -> None:
    topic = str(uuid.uuid4())
    worker = worker_token(console.intake.settings, grids=[GRID])
    report = await file_report(
        console.intake.client, worker, grid=GRID, description=f"{GRID} 楼道下水堵塞（议事决定）", topic_id=topic
    )
    assert report["topic_id"] == topic
    case_id = await case_id_of(console.intake.client, worker, report["id"])

    context = await browser.new_context(viewport=DESK, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, dispatcher_token(console.dispatch.settings)))
    await page.wait_for_selector("#live.on", timeout=10_000)
    await page.goto(page.url.split("#")[0] + f"#/case/{case_id}")
    await page.wait_for_selector("dd.topics", timeout=5_000)
    assert await page.locator("dd.topics").inner_text() == f"落实议事决定 · 议题 {topic[:8]}"
    assert topic[:8] in await page.locator(".timeline p.topic").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "console-topic-case-desk-zh.png"), full_page=True)

    await page.click("#lang")  # English: the same in the reader's language
    english = page.locator("dd.topics", has_text="Carries out a deliberation's decision")
    await english.wait_for(timeout=5_000)
    assert topic[:8] in await english.inner_text()
    await context.close()
