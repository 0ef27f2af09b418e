"""The liaison's case screen in real headless Chromium (issue 27, item 5): the unit, the address and the
phone's location the grid worker gave, a link to the staff map centred on the case, and a way to reach
the reporting grid worker (the directory's name and phone as a `tel:` link, or "未登记联系方式"); after
退单 the console goes back to the queue with a notice. And the place's new fields stay internal: never on
a case event's snapshot (dispatch's outbox) nor on tracking's public board.
Screenshots test-artifacts/console-case-place-{desk,phone}-zh.png, console-case-place-map-desk-zh.png,
console-case-place-unregistered-phone-zh.png, console-case-returned-{desk,phone}-zh.png."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

import asyncpg
from integration.console.conftest import DESK, PHONE, Console

from support.console import ARTIFACTS, case_id_of, file_report, liaison_token, sign_in_link, token
from support.factories import bearer, worker_token

GRID = "XY-WQ-WY-G05"
RESIDENT = "欧阳秀英"
RESIDENT_PHONE = "13912345678"
WORKER_PHONE = "13800138005"


def _place(tag: str, building: str) -> dict[str, Any]:
    return {
        "building": building,
        "unit": f"2单元{tag}",
        "address": f"五阳路18号院{tag} {RESIDENT}家门口",
        "lat": 36.60195,
        "lon": 113.00845,
    }


async def _file(console: Console, worker: str, tag: str, building: str, what: str) -> tuple[str, dict[str, Any]]:
    """One report of its own matter (another building and words: never merged into another test's case)."""
    report = await file_report(
        console.intake.client,
        worker,
        grid=GRID,
        description=f"{what} {tag}",
        place=_place(tag, building),
        resident={"name": RESIDENT, "phone": RESIDENT_PHONE},
    )
    case_id = await case_id_of(console.intake.client, worker, report["id"])
    return case_id, report


async def _lead(console: Console, case_id: str) -> str:
    dispatcher = token(console.dispatch.settings, "dispatcher", jurisdiction="XY")
    case = (await console.dispatch.client.get(f"/v1/cases/{case_id}", headers=bearer(dispatcher))).json()
    return str(next(a["department"] for a in case["assignments"] if a["role"] == "lead"))


async def _register(console: Console, subject: str) -> None:
    admin = token(console.dispatch.settings, "admin")
    made = await console.dispatch.client.post(
        "/v1/people",
        json={
            "name": "李网格",
            "subject": subject,
            "phone": WORKER_PHONE,
            "roles": [{"role": "grid_worker", "grids": [GRID]}],
            "reason": "五阳社区第五网格网格员",
        },
        headers=bearer(admin),
    )
    assert made.status_code == 201, made.text


async def test_the_liaison_sees_the_place_the_map_and_the_worker_and_returns_to_the_queue(
    console: Console, browser: Any
) -> None:
    tag = uuid.uuid4().hex[:4]
    subject = f"worker-{uuid.uuid4().hex[:8]}"
    worker = worker_token(console.intake.settings, grids=[GRID], sub=subject)
    case_id, _ = await _file(console, worker, tag, "5号楼", "楼道堆放杂物堵塞通道")
    await _register(console, subject)
    lead = await _lead(console, case_id)
    liaison = liaison_token(console.dispatch.settings, lead)

    # The API: staff read the unit, the address (the resident's name masked by intake) and the point.
    case = (await console.dispatch.client.get(f"/v1/cases/{case_id}", headers=bearer(liaison))).json()
    assert case["unit"] == f"2单元{tag}" and case["address"].startswith(f"五阳路18号院{tag}")
    assert RESIDENT not in json.dumps(case, ensure_ascii=False) and RESIDENT_PHONE not in json.dumps(case)
    assert (case["lat"], case["lon"]) == (36.60195, 113.00845)
    contact = (await console.dispatch.client.get(f"/v1/cases/{case_id}/reporter", headers=bearer(liaison))).json()
    assert contact == {"registered": True, "name": "李网格", "phone": WORKER_PHONE}
    assigned = {a["department"] for a in case["assignments"]}
    departments = (await console.dispatch.client.get("/v1/departments", headers=bearer(liaison))).json()["items"]
    other = liaison_token(console.dispatch.settings, next(d["code"] for d in departments if d["code"] not in assigned))
    hidden = await console.dispatch.client.get(f"/v1/cases/{case_id}/reporter", headers=bearer(other))
    assert hidden.status_code == 404

    ARTIFACTS.mkdir(exist_ok=True)
    for size_name, size in (("desk", DESK), ("phone", PHONE)):
        context = await browser.new_context(viewport=size, locale="zh-CN")
        page = await context.new_page()
        await page.goto(sign_in_link(console.dispatch.url, liaison))
        await page.wait_for_selector("#live.on", timeout=10_000)
        await page.goto(page.url.split("#")[0] + f"#/case/{case_id}")
        await page.wait_for_selector("dd.reporter a.tel", timeout=10_000)
        assert await page.locator("dd.unit").inner_text() == f"2单元{tag}"
        assert f"五阳路18号院{tag}" in await page.locator("dd.address").inner_text()
        assert "36.60195, 113.00845" in await page.locator("dd.located").inner_text()
        assert await page.locator("dd.reporter a.tel").get_attribute("href") == f"tel:{WORKER_PHONE}"
        assert "李网格" in await page.locator("dd.reporter").inner_text()
        assert RESIDENT not in await page.content()
        href = await page.locator("a.map-link").get_attribute("href")
        assert href is not None and f"case={case_id}" in href
        await page.screenshot(path=str(ARTIFACTS / f"console-case-place-{size_name}-zh.png"), full_page=True)
        if size_name == "desk":
            await page.click("a.map-link")
            await page.wait_for_selector(f'body[data-focused="{case_id}"]', timeout=10_000)
            assert "/console/map" in page.url
            await page.screenshot(path=str(ARTIFACTS / "console-case-place-map-desk-zh.png"))
        await context.close()

    # 退单 on the phone: back to the queue, with a notice, not left on a case that is no longer ours.
    context = await browser.new_context(viewport=PHONE, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, liaison))
    await page.wait_for_selector("#live.on", timeout=10_000)
    await page.goto(page.url.split("#")[0] + f"#/case/{case_id}")
    await page.click('[data-action="return"]')
    form = page.locator('form[data-form="return"]')
    await form.locator('textarea[name="details"]').fill("应由物业处理")
    await form.locator('button[type="submit"]').click()
    await page.wait_for_selector(".queue", timeout=10_000)
    assert page.url.endswith("#/")
    assert await page.locator("section.case").count() == 0
    notice = page.locator("#notice")
    assert "已退单" in await notice.inner_text()
    await page.screenshot(path=str(ARTIFACTS / "console-case-returned-phone-zh.png"), full_page=True)
    await context.close()


async def test_an_unregistered_worker_is_said_plainly(console: Console, browser: Any) -> None:
    worker = worker_token(console.intake.settings, grids=[GRID])
    case_id, _ = await _file(console, worker, uuid.uuid4().hex[:4], "9号楼", "地下室门口纸箱成堆无人清运")
    dispatcher = token(console.dispatch.settings, "dispatcher", jurisdiction="XY")
    contact = (await console.dispatch.client.get(f"/v1/cases/{case_id}/reporter", headers=bearer(dispatcher))).json()
    assert contact == {"registered": False, "name": None, "phone": None}
    context = await browser.new_context(viewport=PHONE, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, dispatcher))
    await page.wait_for_selector("#live.on", timeout=10_000)
    await page.goto(page.url.split("#")[0] + f"#/case/{case_id}")
    await page.wait_for_selector("dd.reporter span.muted", timeout=10_000)
    assert await page.locator("dd.reporter").inner_text() == "上报网格员未登记联系方式"
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "console-case-place-unregistered-phone-zh.png"), full_page=True)
    await context.close()


async def test_the_unit_and_address_never_reach_a_case_event_or_the_public_board(console: Console) -> None:
    tag = uuid.uuid4().hex[:6]
    subject = f"worker-{uuid.uuid4().hex[:8]}"
    worker = worker_token(console.intake.settings, grids=[GRID], sub=subject)
    case_id, _ = await _file(console, worker, tag, "12号楼", "三楼拐角旧家具占道多日")
    await _register(console, subject)
    lead = await _lead(console, case_id)
    liaison = liaison_token(console.dispatch.settings, lead)
    acked = await console.dispatch.client.post(
        f"/v1/cases/{case_id}/acknowledge", json={}, headers={**bearer(liaison), "Idempotency-Key": str(uuid.uuid4())}
    )
    assert acked.status_code == 200, acked.text
    secrets = (f"2单元{tag}", f"五阳路18号院{tag}", RESIDENT, RESIDENT_PHONE, WORKER_PHONE, "李网格", "36.60195")

    # Every case event dispatch wrote for this case (its outbox rows, snapshots included).
    conn = await asyncpg.connect(console.dispatch.settings.asyncpg_dsn)
    try:
        rows = await conn.fetch("SELECT event_type, payload FROM outbox WHERE key = $1", case_id)
    finally:
        await conn.close()
    assert {r["event_type"] for r in rows} >= {"case.opened", "case.acknowledged"}
    for row in rows:
        payload = row["payload"] if isinstance(row["payload"], str) else bytes(row["payload"]).decode()
        found = [s for s in secrets if s in payload or json.dumps(s)[1:-1] in payload]
        assert found == [], (row["event_type"], found)

    # The public board: the case's page and the list, once tracking has it acknowledged.
    deadline = time.monotonic() + 20
    board: dict[str, Any] = {}
    while time.monotonic() < deadline:
        answer = await console.tracking.client.get(f"/v1/board/cases/{case_id}")
        if answer.status_code == 200 and answer.json().get("status") == "acknowledged":
            board = answer.json()
            break
        await asyncio.sleep(0.1)
    assert board, "tracking never showed the case"
    listing = (await console.tracking.client.get("/v1/board/cases")).text
    page = (await console.tracking.client.get("/")).text
    for text in (json.dumps(board, ensure_ascii=False), listing, page):
        assert [s for s in secrets if s in text] == []
