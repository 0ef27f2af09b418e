"""The directory's admin screen in the console (Debian's Chromium at a desk's 1440×900): find, add (a
refusal naming the field first), deactivate, and an import's dry run with its per-row errors — in
Chinese and in English. Screenshots: test-artifacts/people-desk-*.png."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
from integration.console.conftest import DESK, Console

from chuishao_shared.auth import mint_token
from support.console import ARTIFACTS, sign_in_link, token

BAD_IMPORT = (
    "姓名,账号,手机,角色,网格,部门,辖区\n"
    "李娜,li-{tag},13800000001,网格员,XY-WQ-WY-G01,,\n"
    "赵强,zhao-{tag},,部门联络员,,XY-NOPE,\n"
    "孙丽,sun-{tag},,派遣员,,,\n"
    "周杰,li-{tag},,管理员,,,\n"
)


async def _admin_page(console: Console, browser: Any, lang: str = "zh") -> Any:
    context = await browser.new_context(viewport=DESK, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, token(console.dispatch.settings, "admin"), lang))
    await page.wait_for_selector(".people .toolbar", timeout=10_000)
    return page


async def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.wait_for_timeout(150)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def test_an_admin_adds_finds_deactivates_and_dry_runs_an_import(console: Console, browser: Any) -> None:
    tag = uuid.uuid4().hex[:6]
    page = await _admin_page(console, browser)
    # A liaison without a department is refused with the field named; nothing is added.
    await page.click(".people .toolbar .primary")
    await page.fill(".person-form input[name=name]", "王磊")
    await page.fill(".person-form input[name=subject]", f"wang-{tag}")
    await page.fill(".person-form input[name=phone]", "13912345678")
    await page.fill(".person-form input[name=reason]", "新任五阳物业联络员")
    await page.click(".person-form button[type=submit]")
    await page.wait_for_selector(".person-form .errors li")
    assert "部门" in await page.inner_text(".person-form .errors")
    await _shot(page, "people-desk-form-refused")
    await page.select_option(".person-form select[name=department]", "XY-WQ-WY-WY")
    await page.click(".person-form button[type=submit]")
    await page.wait_for_selector(f"text=wang-{tag}")
    # Someone else to find among.
    await page.click(".people .toolbar .primary")
    await page.fill(".person-form input[name=name]", "刘芳")
    await page.fill(".person-form input[name=subject]", f"liu-{tag}")
    await page.select_option(".person-form select[name=role]", "grid_worker")
    await page.fill(".person-form input[name=grids]", "XY-WQ-WY-G01, XY-WQ-WY-G02")
    await page.fill(".person-form input[name=reason]", "新任网格员")
    await page.click(".person-form button[type=submit]")
    await page.wait_for_selector(f"text=liu-{tag}")
    await _shot(page, "people-desk-list")

    await page.fill(".toolbar input[name=q]", f"wang-{tag}")
    await page.click(".toolbar button[type=submit]")
    await page.wait_for_selector(f"text=liu-{tag}", state="detached")
    await page.click(".people-table button.danger")
    await page.fill(".inline-form input[name=reason]", "调离")
    await page.click(".inline-form button[type=submit]")
    await page.wait_for_selector(".people-table .badge.off")
    await page.click(".people-table td.row-actions button:last-child")
    await page.wait_for_selector(".audit table")
    assert "调离" in await page.inner_text(".audit")
    await _shot(page, "people-desk-audit")

    # The import's dry run: one error per wrong row, named by row and field; nothing imported.
    await page.click(".import summary")
    await page.set_input_files(
        ".import input[type=file]",
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": BAD_IMPORT.format(tag=tag).encode()}],
    )
    await page.fill(".import input[name=reason]", "年度导入")
    await page.click(".import-row button:not(.primary)")
    await page.wait_for_selector(".report table")
    report = await page.inner_text(".report")
    assert "第 3 行" in report and "第 4 行" in report and "第 5 行" in report, report
    await _shot(page, "people-desk-import-dry-run")
    # The file stays chosen: once fixed, the same file is imported with one tap.
    assert await page.eval_on_selector(".import input[type=file]", "e => e.files.length") == 1
    answer = await console.dispatch.client.get(
        "/v1/people",
        params={"q": f"li-{tag}"},
        headers={"Authorization": f"Bearer {token(console.dispatch.settings, 'admin')}"},
    )
    assert answer.json()["items"] == []

    english = await _admin_page(console, browser, "en")
    await english.wait_for_selector(f"text=liu-{tag}")
    assert "Add person" in await english.inner_text(".people .toolbar")
    await _shot(english, "people-desk-en")
    width = await english.evaluate("document.documentElement.scrollWidth")
    assert width <= DESK["width"]


async def test_a_deactivated_liaisons_open_stream_ends_and_no_new_ticket_is_issued(
    console: Console, monkeypatch: Any
) -> None:
    from chuishao_dispatch.entrypoints import stream

    monkeypatch.setattr(stream, "DIRECTORY_CHECK_SECONDS", 0.2)
    s = console.dispatch
    admin = {"Authorization": f"Bearer {token(s.settings, 'admin')}"}
    subject = f"liaison-{uuid.uuid4().hex[:6]}"
    body = {
        "name": "陈静",
        "subject": subject,
        "roles": [{"role": "liaison", "department": "XY-GPS"}],
        "reason": "入职",
    }
    person = (await s.client.post("/v1/people", json=body, headers=admin)).json()
    liaison = {"Authorization": f"Bearer {mint_token(s.settings, sub=subject, role='liaison', department='XY-GPS')}"}
    issued = await s.client.post("/v1/stream/tickets", headers=liaison)
    assert issued.status_code == 201, issued.text
    async with httpx.AsyncClient(timeout=70) as client:
        async with client.stream("GET", f"{s.url}{issued.json()['stream_url']}") as live:
            assert live.status_code == 200
            started = time.monotonic()
            gone = await s.client.post(f"/v1/people/{person['id']}/deactivate", json={"reason": "离职"}, headers=admin)
            assert gone.status_code == 200
            async for _ in live.aiter_lines():  # ends when the stream does
                pass
            took = time.monotonic() - started
    print(f"the deactivated liaison's open stream ended after {took:.1f} s")
    assert took < 60
    refused = await s.client.post("/v1/stream/tickets", headers=liaison)
    assert refused.status_code == 401
