"""Issue 27: the console's queue past the first 200 cases, with a search and a grid filter run on the
server, and the route picker that says who leads, keeps its picks in view and puts no words in the
dispatcher's mouth. Real headless Chromium at a phone's 390×844 and a desk's 1440×900; screenshots go
to test-artifacts/ (console-queue-*, console-route-lead-*)."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from integration.console.conftest import DESK, PHONE, Console

from chuishao_shared.reference import load_reference
from support.console import ARTIFACTS, dispatcher_token, liaison_token, sign_in_link
from support.dispatch_bus import report_arrived
from support.factories import bearer

LEAD = "XY-WQ-WY-WY"  # 五阳物业 leads 楼道卫生 (ENV-STAIRWELL-DIRTY) in 五阳社区
GRIDS = [f"XY-WQ-WY-G0{n}" for n in range(1, 10)]
SIZES = {"phone": PHONE, "desk": DESK}
MANY = 203  # more than one page of 200


async def _page(browser: Any, size: str, link: str) -> Any:
    context = await browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = await context.new_page()
    await page.goto(link)
    await page.wait_for_selector("#live.on", timeout=10_000)
    return page


async def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.wait_for_timeout(150)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


async def _no_horizontal_scroll(page: Any) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= await page.evaluate("window.innerWidth"), f"page is {width}px wide"


async def _count_is(locator: Any, n: int, within: float = 10.0) -> None:
    """The page's policy allows no eval, so no wait_for_function: poll the count."""
    deadline = time.monotonic() + within
    while (count := await locator.count()) != n:
        assert time.monotonic() < deadline, f"{count} shown, not {n}"
        await asyncio.sleep(0.1)


async def _open(console: Console, grid: str, description: str, building: str, category: str) -> str:
    bus = console.dispatch.app.state.bus
    report_id = str(uuid.uuid4())
    await bus.handle(
        report_arrived(report_id, description, grid, building=building, category=category, reporter="gw-queue")
    )
    async with bus.uow() as uow:
        case_id = await uow.cases.case_of_report(report_id)
    assert case_id is not None
    return str(case_id)


@pytest.fixture(scope="module")
async def many(console: Console) -> dict[str, Any]:
    """MANY cases for one department, spread over 9 grids, plus one to find by its words."""
    bus = console.dispatch.app.state.bus
    async with bus.uow() as uow:
        if await uow.rules.current() is None:
            ref = load_reference()
            await uow.rules.store([r.model_dump() for r in ref.routing.rules], "test", version=1)
            await uow.commit()
    ids: list[str] = []
    by_grid: dict[str, int] = {}
    ctx = bus.context
    for i in range(MANY - 1):
        grid = GRIDS[i % len(GRIDS)]
        by_grid[grid] = by_grid.get(grid, 0) + 1
        text = f"第{i}号楼道堆放杂物 {uuid.uuid4().hex[:8]}"
        if i == 0:  # the oldest, opened 3 hours ago: its 签收 is 2 hours late
            ctx.now = lambda: datetime.now(UTC) - timedelta(hours=3)
        try:
            ids.append(await _open(console, grid, text, f"{i}号楼", "ENV-STAIRWELL-DIRTY"))
        finally:
            ctx.now = lambda: datetime.now(UTC)
    marker = uuid.uuid4().hex[:6]
    found = await _open(console, GRIDS[6], f"楼道里有人堆放旧沙发 {marker}", "88号楼", "ENV-STAIRWELL-DIRTY")
    by_grid[GRIDS[6]] += 1
    return {"ids": [*ids, found], "by_grid": by_grid, "marker": marker, "found": found, "late": ids[0]}


async def test_the_api_pages_past_200_and_searches_on_the_server(console: Console, many: dict[str, Any]) -> None:
    headers = bearer(liaison_token(console.dispatch.settings, LEAD))
    api = console.dispatch.client
    first = (await api.get("/v1/cases", params={"limit": 200}, headers=headers)).json()
    assert len(first["items"]) == 200 and first["next_cursor"]
    rest = (await api.get("/v1/cases", params={"limit": 200, "cursor": first["next_cursor"]}, headers=headers)).json()
    seen = [x["id"] for x in first["items"] + rest["items"]]
    assert len(seen) == len(set(seen)) and set(many["ids"]) <= set(seen)

    by_words = (await api.get("/v1/cases", params={"q": f"旧沙发 {many['marker']}"}, headers=headers)).json()
    assert [x["id"] for x in by_words["items"]] == [many["found"]]
    by_id = (await api.get("/v1/cases", params={"q": many["found"][:8]}, headers=headers)).json()
    assert many["found"] in [x["id"] for x in by_id["items"]]
    by_building = (await api.get("/v1/cases", params={"q": "88号楼"}, headers=headers)).json()
    assert many["found"] in [x["id"] for x in by_building["items"]]
    wildcard = (await api.get("/v1/cases", params={"q": "%"}, headers=headers)).json()
    assert wildcard["items"] == []  # a LIKE wildcard means itself

    grid = GRIDS[2]
    in_grid = (await api.get("/v1/cases", params={"grid": grid, "limit": 200}, headers=headers)).json()
    assert {x["grid"] for x in in_grid["items"]} == {grid}
    assert len(in_grid["items"]) == many["by_grid"][grid]
    by_place = (await api.get("/v1/cases", params={"q": "五阳", "limit": 5}, headers=headers)).json()
    assert len(by_place["items"]) == 5  # a community's name finds its cases

    # The grid filter's list: the grids of the liaison's department's area, with their community.
    grids = (await api.get("/v1/grids", headers=headers)).json()["items"]
    assert {g["code"] for g in grids} >= set(GRIDS) and {g["community"] for g in grids} == {"XY-WQ-WY"}

    for params, name, status in (
        ({"cursor": "not-a-cursor"}, "cursor", 400),
        ({"grid": "XY-NOWHERE"}, "grid", 422),
        ({"q": "x" * 101}, "q", 422),
    ):
        bad = await api.get("/v1/cases", params=params, headers=headers)
        assert bad.status_code == status, bad.text
        assert bad.headers["content-type"].startswith("application/problem+json")
        assert bad.json()["errors"][0]["field"] == name


@pytest.mark.parametrize("size", ["desk", "phone"])
async def test_a_liaison_loads_more_than_200_searches_and_filters_by_grid(
    console: Console, browser: Any, many: dict[str, Any], size: str
) -> None:
    link = sign_in_link(console.dispatch.url, liaison_token(console.dispatch.settings, LEAD))
    page = await _page(browser, size, link)
    cards = page.locator("#cards article.card")
    await page.wait_for_selector("#load-more")
    # The newest 200, and the late case that is older than all of them: a late case is never on a later page.
    assert await page.locator("#loaded-count").inner_text() == "已加载 201 件"
    assert await cards.count() == 201
    assert await cards.first.get_attribute("data-case-id") == many["late"]  # the most urgent first
    assert await page.locator('[data-filter="overdue"] .n').inner_text() == "1"
    await _no_horizontal_scroll(page)
    await _shot(page, f"console-queue-200-{size}-zh")

    await page.click("#load-more")
    await page.wait_for_selector("#load-more", state="detached")
    assert await page.locator("#loaded-count").inner_text() == f"已加载 {MANY} 件"
    assert await cards.count() == MANY
    assert "已全部加载" in await page.locator(".more-bar").inner_text()
    await page.locator(".more-bar").scroll_into_view_if_needed()
    await _shot(page, f"console-queue-more-{size}-zh")

    await page.fill('.queue-bar input[name="q"]', f"旧沙发 {many['marker']}")
    await page.click('.queue-bar button[type="submit"]')
    await _count_is(cards, 1)
    assert await cards.first.get_attribute("data-case-id") == many["found"]
    assert await page.locator("#load-more").count() == 0
    await _shot(page, f"console-queue-search-{size}-zh")

    await page.click('.queue-bar [data-clear="1"]')
    await page.wait_for_selector("#load-more")
    grid = GRIDS[2]
    assert await page.locator('.queue-bar input[name="q"]').input_value() == ""  # cleared
    await page.select_option('.queue-bar select[name="grid"]', grid)
    expected = many["by_grid"][grid]
    await _count_is(cards, expected)
    shown = await cards.evaluate_all("els => els.map(e => e.dataset.caseId)")
    api = console.dispatch.client
    headers = bearer(liaison_token(console.dispatch.settings, LEAD))
    for case_id in shown[:5]:
        assert (await api.get(f"/v1/cases/{case_id}", headers=headers)).json()["grid"] == grid
    assert "第三网格" in await page.locator('.queue-bar select[name="grid"] option:checked').inner_text()
    await _no_horizontal_scroll(page)
    await _shot(page, f"console-queue-grid-{size}-zh")

    # English: the same bar in the reader's language, the grid still chosen (kept in this tab).
    await page.click("#lang")
    await page.wait_for_selector(".queue-bar")
    await _count_is(cards, expected)
    assert await page.locator('.queue-bar select[name="grid"]').input_value() == grid
    assert await page.locator('.queue-bar input[name="q"]').get_attribute("placeholder") == (
        "Search case number, description, building or place"
    )
    await _shot(page, f"console-queue-grid-{size}-en")
    await page.context.close()


@pytest.mark.parametrize("size", ["desk", "phone"])
async def test_the_dispatcher_chooses_the_lead_and_the_picks_stay_in_view(
    console: Console, browser: Any, size: str
) -> None:
    # A grid of its own per size: the same matter in the same grid would join the first case.
    grid, what = {"desk": (GRIDS[4], "小区内有人饲养大型犬未拴绳"), "phone": (GRIDS[5], "广场上流浪狗追咬路人")}[size]
    triage = await _open(console, grid, f"{what} {uuid.uuid4().hex[:6]}", f"{size}楼", "ORDER-DOG")
    settings = console.dispatch.settings
    page = await _page(browser, size, sign_in_link(console.dispatch.url, dispatcher_token(settings)))
    await page.goto(page.url.split("#")[0] + f"#/case/{triage}")
    # A case in triage shows how long it has waited for a dispatcher (it owes no department a deadline yet).
    waited = page.locator(".case-head .waited")
    assert "待分派，已等待" in await page.locator(".case-head .due").inner_text()
    assert "分派时限" in await page.locator(".case-head .due").inner_text()  # the dispatcher's own clock
    assert (await waited.inner_text()).endswith("分")
    await page.click('[data-action="route"]')
    form = page.locator('form[data-form="route"]')
    await page.wait_for_selector(".suggest:has-text('没有适用规则')")
    assert await form.locator('input[name="reason"]').input_value() == ""  # not prefilled with 派遣
    assert "尚未选择部门" in await form.locator("#picked").inner_text()

    await form.locator('input[type="search"]').fill("城市管理")
    await form.locator('input[value="XY-CGJ"]').check()
    await form.locator('input[type="search"]').fill("消防")
    await form.locator('.dept-list input[value="XY-XFJY"]').check()
    picked = form.locator("#picked")
    # The first pick stays in view after a search that no longer lists it, marked as the lead.
    assert await picked.locator('.pick[data-code="XY-CGJ"]').is_visible()
    assert await picked.locator(".pick.lead").get_attribute("data-code") == "XY-CGJ"
    assert "牵头" in await picked.locator('.pick[data-code="XY-CGJ"]').inner_text()
    assert "协办" in await picked.locator('.pick[data-code="XY-XFJY"]').inner_text()

    # The dispatcher makes the fire brigade the lead.
    await picked.locator('.pick[data-code="XY-XFJY"] input[type="radio"]').check()
    assert await picked.locator(".pick.lead").get_attribute("data-code") == "XY-XFJY"
    await form.locator('button[type="submit"]').click()  # no reason yet: said, nothing sent
    assert "请填写原因" in await form.locator(".error").inner_text()
    assert (await _case(console, triage))["status"] == "triage"
    await form.locator('input[name="reason"]').fill("犬只伤人风险，消防牵头处置，城管协助")
    await _no_horizontal_scroll(page)
    await _shot(page, f"console-route-lead-{size}-zh")
    await form.locator('button[type="submit"]').click()
    await page.wait_for_selector("#case-status.st-dispatched")
    case = await _case(console, triage)
    roles = {a["department"]: a["role"] for a in case["assignments"]}
    assert roles == {"XY-XFJY": "lead", "XY-CGJ": "assist"}
    await page.context.close()


async def _case(console: Console, case_id: str) -> dict[str, Any]:
    headers = bearer(dispatcher_token(console.dispatch.settings))
    response = await console.dispatch.client.get(f"/v1/cases/{case_id}", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.mark.parametrize("size", ["desk", "phone"])
async def test_a_case_left_in_triage_past_its_deadline_escalates_and_shows_late(
    console: Console, browser: Any, size: str
) -> None:
    """Triage has its own deadline (60 minutes for a minor matter by default): a case no rule matched,
    opened 90 minutes ago and never routed, is overdue and escalated by the timer loop like any other."""
    ctx = console.dispatch.app.state.bus.context
    grid, what = {"desk": (GRIDS[7], "小区门口有人摆摊占道"), "phone": (GRIDS[8], "楼下空地有人焚烧垃圾")}[size]
    ctx.now = lambda: datetime.now(UTC) - timedelta(minutes=90)
    try:
        late = await _open(console, grid, f"{what} {uuid.uuid4().hex[:6]}", f"{size}号", "ORDER-DOG")
    finally:
        ctx.now = lambda: datetime.now(UTC)
    deadline = time.monotonic() + 10
    while (case := await _case(console, late))["escalation_level"] < 1:
        assert time.monotonic() < deadline, case
        await asyncio.sleep(0.2)
    assert case["status"] == "triage" and case["overdue"] is True and case["triage_due_at"]
    escalated = [t for t in case["timeline"] if t["type"] == "case.escalated"]
    assert escalated and escalated[0]["department"] is None

    link = sign_in_link(console.dispatch.url, dispatcher_token(console.dispatch.settings))
    page = await _page(browser, size, link)
    await page.goto(page.url.split("#")[0] + "#/desk")
    card = page.locator(f'#triage article.card[data-case-id="{late}"]')
    await card.wait_for()
    assert "超时" in await card.locator(".countdown").inner_text()
    assert "蓝色督办" in await card.inner_text()
    await _no_horizontal_scroll(page)
    await _shot(page, f"console-triage-late-{size}-zh")
    await page.context.close()


async def test_merge_and_cancel_ask_in_a_dialog_on_a_phone(console: Console, browser: Any) -> None:
    """The phone-sized desk: merge and 作废 each ask in a modal dialog; the merged case links to the case
    it joined and its departments' parts read 随事项撤销, never 待签收."""
    grid = GRIDS[0]
    first = await _open(console, grid, "5号楼单元门口电动车乱停放堵住通道", "5号楼", "ORDER-EBIKE-PARKING")
    second = await _open(console, grid, "6号楼单元门口电动车乱停放堵住通道", "6号楼", "ORDER-EBIKE-PARKING")
    assert first != second
    link = sign_in_link(console.dispatch.url, dispatcher_token(console.dispatch.settings))
    page = await _page(browser, "phone", link)
    await page.goto(page.url.split("#")[0] + f"#/case/{second}")
    await page.click('[data-action="merge"]')
    into = page.locator(f'[data-form="merge"] button[data-into="{first}"]')
    await into.click()
    dialog = page.locator("dialog.confirm-dialog[open]")
    await dialog.wait_for()
    await _no_horizontal_scroll(page)
    await _shot(page, "console-merge-confirm-phone-zh")
    await dialog.locator('[data-confirm="yes"]').click()
    await page.wait_for_selector(f'section.case[data-case-id="{second}"] #case-status.st-merged')
    joined = page.locator("a.merged-into")
    assert await joined.get_attribute("href") == f"#/case/{first}"
    assignments = await page.locator(".assignments").inner_text()
    assert "随事项撤销" in assignments and "待签收" not in assignments
    await _shot(page, "console-merged-phone-zh")

    third = await _open(console, GRIDS[1], f"测试误报，请作废 {uuid.uuid4().hex[:6]}", "1号楼", "ORDER-DOG")
    await page.goto(page.url.split("#")[0] + f"#/case/{third}")
    await page.click('[data-action="cancel"]')
    await page.fill('form[data-form="cancel"] textarea', "网格员误报")
    await page.click('form[data-form="cancel"] button[type="submit"]')
    await dialog.wait_for()
    assert "网格员误报" in await dialog.inner_text()
    await _shot(page, "console-cancel-confirm-phone-zh")
    await dialog.locator('[data-confirm="yes"]').click()
    await page.wait_for_selector("#case-status.st-cancelled")
    assert (await _case(console, third))["status"] == "cancelled"
    await page.context.close()
