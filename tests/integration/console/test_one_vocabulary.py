"""One word per state on every screen: one resolved case, seen on the public board, in the liaison's
console and in the grid worker's app, in Chinese and in English, is named by the same word — the
shared vocabulary's (`GET /v1/vocabulary`, which each of the three services serves alike)."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from integration.console.conftest import PHONE, Console

from chuishao_shared.vocabulary import CASE_STATUS_WORDS, RESOLVED, page_vocabulary
from support.console import ARTIFACTS, case_id_of, file_report, liaison_token, sign_in_link
from support.factories import bearer, worker_token

LEAD = "XY-WQ-WY-WY"  # 五阳物业 leads 楼道卫生 in 五阳社区
GRID = "XY-WQ-WY-G07"


async def _eventually(check: Any, within: float = 20.0) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = await check()
        if value:
            return value
        assert time.monotonic() < deadline, f"not true within {within}s (last: {value!r})"
        await asyncio.sleep(0.1)


async def _resolved_case(console: Console) -> tuple[str, str, str]:
    """A case the lead department has resolved, as the board and the app know it: (case, report, worker)."""
    worker = worker_token(console.intake.settings, grids=[GRID])
    report = await file_report(console.intake.client, worker, grid=GRID, description=f"一词一态 {uuid.uuid4().hex[:6]}")
    case_id = await case_id_of(console.intake.client, worker, report["id"])
    liaison = bearer(liaison_token(console.dispatch.settings, LEAD))
    for action, body in (("acknowledge", {}), ("resolve", {"note": "已清理", "no_photo_reason": "unsafe"})):
        answer = await console.dispatch.client.post(
            f"/v1/cases/{case_id}/{action}", json=body, headers={**liaison, "Idempotency-Key": str(uuid.uuid4())}
        )
        assert answer.status_code == 200, answer.text

    async def everywhere() -> bool:
        board = await console.tracking.client.get(f"/v1/board/cases/{case_id}")
        mine = await console.intake.client.get(f"/v1/reports/{report['id']}", headers=bearer(worker))
        return board.json().get("status") == RESOLVED and mine.json().get("case_status") == RESOLVED

    await _eventually(everywhere)
    return case_id, report["id"], worker


async def test_the_three_services_serve_the_same_vocabulary(console: Console) -> None:
    for served in (console.intake, console.dispatch, console.tracking):
        answer = await served.client.get("/v1/vocabulary")
        assert answer.status_code == 200 and answer.json() == page_vocabulary(), served.url


async def test_one_resolved_case_has_one_word_on_the_board_the_console_and_the_app(
    console: Console, browser: Any
) -> None:
    case_id, report_id, worker = await _resolved_case(console)
    liaison = liaison_token(console.dispatch.settings, LEAD)
    context = await browser.new_context(viewport=PHONE, locale="zh-CN")
    app = await context.new_page()
    await app.goto(f"{console.intake.url}/app/#token={worker}")
    await app.wait_for_selector("body[data-ready=yes]")
    seen: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    try:
        for lang in ("zh", "en"):
            board = await context.new_page()
            await board.goto(f"{console.tracking.url}/?lang={lang}")
            seen[lang]["board"] = await board.locator(f'tr[data-case-id="{case_id}"] .status').inner_text()
            await board.close()

            desk = await context.new_page()
            await desk.goto(sign_in_link(console.dispatch.url, liaison, lang))
            await desk.wait_for_selector("#live.on", timeout=10_000)
            await desk.goto(f"{console.dispatch.url}/console/{'?lang=en' if lang == 'en' else ''}#/case/{case_id}")
            seen[lang]["console"] = await desk.locator("#case-status").inner_text()
            await desk.close()

            await app.click("#tabs [data-view=mine]")
            badge = app.locator(f'#mine .report[data-id="{report_id}"] .badge')
            seen[lang]["app"] = await badge.inner_text()
            await app.screenshot(path=str(ARTIFACTS / f"app-resolved-{lang}-phone.png"))
            if lang == "zh":
                await app.click("#lang")  # the app's own switch (kept on the phone)
                await app.wait_for_selector("#tabs [data-view=mine] >> text=My reports")
    finally:
        await context.close()
    for lang, index in (("zh", 0), ("en", 1)):
        word = CASE_STATUS_WORDS[RESOLVED][index]
        assert {page: text.strip() for page, text in seen[lang].items()} == dict.fromkeys(seen[lang], word), lang
