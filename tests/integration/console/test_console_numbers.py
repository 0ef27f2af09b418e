"""Issue 27 items 3 and 2 on the console and the board: the short number a resident is given
(五阳-1205-0012) travels from intake's filing to the case, shows on the queue card and the case screen,
and finds the case in the console's search and the public board's — a duplicate's and a merged case's
number too; the routing is said in words (category, community, departments' names), its codes only on
hover; the queue's search reads the trigram index (EXPLAIN). Real headless Chromium at a phone's 390×844
and a desk's 1440×900; screenshots go to test-artifacts/ (console-number-*, board-number-*)."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from integration.console.conftest import DESK, PHONE, Console
from sqlalchemy import text

from chuishao_dispatch.adapters.repository import QueueFilter, queue_statement
from chuishao_dispatch.domain import Actor
from chuishao_shared import case_numbers
from chuishao_shared.reference import load_reference
from support.console import ARTIFACTS, case_id_of, dispatcher_token, file_report, liaison_token, sign_in_link
from support.factories import bearer, worker_token

LEAD = "XY-WQ-WY-WY"  # 五阳物业 leads 楼道卫生 (ENV-STAIRWELL-DIRTY) in 五阳社区
G01, G03 = "XY-WQ-WY-G01", "XY-WQ-WY-G03"
SIZES = {"phone": PHONE, "desk": DESK}


async def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.wait_for_timeout(200)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


async def _no_horizontal_scroll(page: Any) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= await page.evaluate("window.innerWidth"), f"page is {width}px wide"


async def _eventually(check: Any, within: float = 20.0) -> Any:
    """Kafka between the services: poll (bounded) until the projection caught up."""
    deadline = time.monotonic() + within
    while True:
        found = await check()
        if found:
            return found
        assert time.monotonic() < deadline, "not within the bound"
        await asyncio.sleep(0.1)


async def _execution_ms(conn: Any, sql: str, params: dict[str, Any]) -> float:
    """PostgreSQL's own execution time of the statement (EXPLAIN ANALYZE), the best of three."""
    times = []
    for _ in range(3):
        plan = (await conn.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}"), params)).scalar_one()
        times.append(float(plan[0]["Execution Time"]))
    return round(min(times), 3)


@pytest.fixture(scope="module")
async def numbered(console: Console) -> dict[str, Any]:
    """Case A (report a), a duplicate report b that joins A, and case C (report c) merged into A."""
    bus = console.dispatch.app.state.bus
    async with bus.uow() as uow:
        if await uow.rules.current() is None:
            ref = load_reference()
            await uow.rules.store([r.model_dump() for r in ref.routing.rules], "test", version=1)
            await uow.commit()
    worker = worker_token(console.intake.settings, grids=[G01, G03])
    marker = uuid.uuid4().hex[:6]
    words = f"7号楼3单元楼道堆放旧家具 {marker}"
    # The resident's contact goes with report a: no number-bearing page or answer may show it.
    a = await file_report(
        console.intake.client,
        worker,
        grid=G01,
        description=words,
        place={"building": "7号楼"},
        resident={"name": "王秀英", "phone": "13912345678"},
    )
    case_a = await case_id_of(console.intake.client, worker, a["id"])
    b = await file_report(console.intake.client, worker, grid=G01, description=words, place={"building": "7号楼"})
    assert await case_id_of(console.intake.client, worker, b["id"]) == case_a  # the duplicate joined A
    c = await file_report(console.intake.client, worker, grid=G03, description=f"9号楼门口纸箱成堆 {marker}")
    case_c = await case_id_of(console.intake.client, worker, c["id"])
    assert case_c != case_a
    dispatcher = bearer(dispatcher_token(console.dispatch.settings))
    merged = await console.dispatch.client.post(
        f"/v1/cases/{case_c}/merge",
        json={"into": case_a, "reason": "同一事项"},
        headers={**dispatcher, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert merged.status_code == 200, merged.text
    return {"a": a, "b": b, "c": c, "case_a": case_a, "case_c": case_c, "marker": marker}


async def test_the_case_carries_its_numbers_and_the_queue_finds_it_by_any(
    console: Console, numbered: dict[str, Any]
) -> None:
    a, b, c = numbered["a"], numbered["b"], numbered["c"]
    prefix = case_numbers.prefix("五阳社区", datetime.now(UTC))
    assert all(r["number"].startswith(prefix) for r in (a, b, c))
    assert len({a["number"], b["number"], c["number"]}) == 3
    headers = bearer(liaison_token(console.dispatch.settings, LEAD))
    api = console.dispatch.client
    case_a = (await api.get(f"/v1/cases/{numbered['case_a']}", headers=headers)).json()
    assert case_a["number"] == a["number"]  # the number of the report that opened it
    assert case_a["report_numbers"] == [b["number"], c["number"]]  # the joined ones keep their own
    case_c = (await api.get(f"/v1/cases/{numbered['case_c']}", headers=headers)).json()
    assert case_c["number"] == c["number"] and case_c["merged_into"] == numbered["case_a"]

    async def found(q: str) -> list[str]:
        page = (await api.get("/v1/cases", params={"q": q}, headers=headers)).json()
        return [x["id"] for x in page["items"]]

    assert await found(a["number"]) == [numbered["case_a"]]
    assert await found(b["number"]) == [numbered["case_a"]]  # a duplicate's number finds its case
    assert set(await found(c["number"])) == {numbered["case_a"], numbered["case_c"]}  # and a merged one's
    # As a resident might read it out: full-width dashes.
    assert await found(a["number"].replace("-", "－")) == [numbered["case_a"]]
    assert numbered["case_a"] in await found(f"旧家具 {numbered['marker']}")


async def test_the_queue_search_reads_the_trigram_index(console: Console, numbered: dict[str, Any]) -> None:
    """EXPLAIN the queue's own statement over 20 000 cases: the number is found through
    cases_search_trgm_idx, not by reading every case."""
    conn = await asyncpg.connect(console.dispatch.settings.asyncpg_dsn)
    try:
        # Copies of case A with other ids and texts (search_text is generated from them).
        await conn.execute(
            """
            INSERT INTO cases (id, status, category, grid, community, building, jurisdiction_chain, departments,
                               active_departments, opened_at, doc)
            SELECT 'bulk-' || g, status, category, grid, community, building, jurisdiction_chain, departments,
                   active_departments, opened_at - make_interval(mins => g),
                   jsonb_set(
                       jsonb_set(doc, '{report,description}', to_jsonb('楼道第' || g || '处杂物 ' || md5(g::text))),
                       '{report,number}', to_jsonb('六合-0101-' || lpad(g::text, 5, '0'))
                   ) || '{"report_numbers": {}}'
            FROM cases, generate_series(1, 20000) AS g WHERE id = $1
            """,
            numbered["case_a"],
        )
        await conn.execute("ANALYZE cases")
    finally:
        await conn.close()
    # A dispatcher's queue: the whole district matches the area filter, the number picks one case.
    dispatcher = Actor("dispatcher-explain", "dispatcher", jurisdiction="XY")
    query = QueueFilter(actor=dispatcher, search=numbered["a"]["number"], limit=50)
    sql, params = queue_statement(query, datetime.now(UTC))
    async with console.dispatch.app.state.bus.uow() as uow:
        plan = "\n".join(r[0] for r in (await uow.conn.execute(text(f"EXPLAIN {sql}"), params)).all())
        rows = (await uow.conn.execute(text(sql), params)).all()
        # Words (three characters or more) read it too; the liaison's queue answers the same case.
        words = QueueFilter(actor=dispatcher, search=f"旧家具 {numbered['marker']}", limit=50)
        words_sql, words_params = queue_statement(words, datetime.now(UTC))
        words_plan = "\n".join(r[0] for r in (await uow.conn.execute(text(f"EXPLAIN {words_sql}"), words_params)).all())
        liaison = QueueFilter(actor=Actor("liaison-explain", "liaison", LEAD), search=numbered["a"]["number"])
        liaison_rows = (
            await uow.conn.execute(
                text(queue_statement(liaison, datetime.now(UTC))[0]), queue_statement(liaison, datetime.now(UTC))[1]
            )
        ).all()
        # The figure (docs/case-numbers.md): the number's search with the index, and as a scan without it.
        figures = {"cases": 20_003, "with_index_ms": await _execution_ms(uow.conn, sql, params)}
        await uow.conn.execute(text("SET LOCAL enable_bitmapscan = off"))
        await uow.conn.execute(text("SET LOCAL enable_indexscan = off"))
        figures["without_index_ms"] = await _execution_ms(uow.conn, sql, params)
        await uow.rollback()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "console-search-figures.json").write_text(json.dumps(figures, indent=2))
    conn = await asyncpg.connect(console.dispatch.settings.asyncpg_dsn)
    try:
        await conn.execute("DELETE FROM cases WHERE id LIKE 'bulk-%'")  # the module's other tests see none
    finally:
        await conn.close()
    assert "cases_search_trgm_idx" in plan, plan
    assert "cases_search_trgm_idx" in words_plan, words_plan
    assert [r.id for r in rows] == [numbered["case_a"]]
    assert [r.id for r in liaison_rows] == [numbered["case_a"]]


@pytest.mark.parametrize("size", ["phone", "desk"])
async def test_the_console_shows_the_number_and_says_the_routing_in_words(
    console: Console, numbered: dict[str, Any], browser: Any, size: str
) -> None:
    a, b = numbered["a"], numbered["b"]
    link = sign_in_link(console.dispatch.url, liaison_token(console.dispatch.settings, LEAD))
    context = await browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = await context.new_page()
    await page.goto(link)
    await page.wait_for_selector("#live.on", timeout=10_000)
    # The queue searched by the duplicate's number: case A's card, with A's own number on it.
    await page.fill('input[name="q"]', b["number"])
    await page.press('input[name="q"]', "Enter")
    card = page.locator(f'article.card[data-case-id="{numbered["case_a"]}"]')
    await card.wait_for(timeout=10_000)
    assert await page.locator("article.card").count() == 1
    assert (await card.locator(".case-no").inner_text()).strip() == a["number"]
    await _no_horizontal_scroll(page)
    await _shot(page, f"console-number-search-{size}")
    await card.locator(".card-main").click()
    head = page.locator(".case-head .case-number")
    await head.wait_for(timeout=10_000)
    assert a["number"] in await head.inner_text()
    assert b["number"] in await page.locator(".report-numbers").inner_text()
    # The routing in words: the category's, the community's and the department's names, no codes.
    routing = page.locator("dd.routing .routed")
    said = await routing.inner_text()
    assert "楼道" in said and "五阳社区" in said and "五阳" in said and "牵头" in said, said
    for code in ("ENV-STAIRWELL-DIRTY", "XY-WQ-WY", "规则 ", "(v1)"):
        assert code not in said, said
    assert "xy-wq-wy" in (await routing.get_attribute("title") or "")  # the rule's id, on hover
    timeline = await page.locator("ol.timeline").inner_text()
    assert "ENV-STAIRWELL-DIRTY" not in timeline and "xy-wq-wy." not in timeline
    assert "牵头" in timeline and b["number"] in timeline and numbered["c"]["number"] in timeline
    await _no_horizontal_scroll(page)
    await _shot(page, f"console-number-case-{size}")
    # English: the same sentence in the reader's language.
    await page.goto(sign_in_link(console.dispatch.url, liaison_token(console.dispatch.settings, LEAD), lang="en"))
    await page.wait_for_selector("#live.on", timeout=10_000)
    await page.goto(page.url.split("#")[0] + f"#/case/{numbered['case_a']}")
    await page.locator("dd.routing .routed").wait_for(timeout=10_000)
    english = await page.locator("dd.routing .routed").inner_text()
    assert "lead" in english and "Wuyang" in english and "规则" not in english and "牵头" not in english, english
    await context.close()


@pytest.mark.parametrize("size", ["phone", "desk"])
async def test_the_board_finds_a_matter_by_its_number(
    console: Console, numbered: dict[str, Any], browser: Any, size: str
) -> None:
    a, c = numbered["a"], numbered["c"]
    board = console.tracking.client

    async def listed(q: str) -> list[dict[str, Any]]:
        return (await board.get("/v1/board/cases", params={"q": q})).json()["items"]

    items = await _eventually(lambda: listed(a["number"]))
    assert [x["id"] for x in items] == [numbered["case_a"]] and items[0]["number"] == a["number"]
    public = (await board.get("/v1/board/cases", params={"q": a["number"]})).text
    assert "13912345678" not in public and "王秀英" not in public
    # A merged case's resident holds its report's number: it finds the case it joined (and the merged one).
    merged = await _eventually(lambda: listed(c["number"]))
    assert numbered["case_a"] in {x["id"] for x in merged}
    context = await browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = await context.new_page()
    await page.goto(f"{console.tracking.url}/?q={a['number']}")
    row = page.locator(f'tr.case[data-case-id="{numbered["case_a"]}"]')
    await row.wait_for(timeout=10_000)
    assert a["number"] in await row.locator(".ref").inner_text()
    html = await page.content()
    assert "13912345678" not in html and "王秀英" not in html
    await _no_horizontal_scroll(page)
    await _shot(page, f"board-number-{size}")
    await context.close()


async def test_a_hand_routed_case_is_said_in_words_with_the_dispatchers_reason(
    console: Console, numbered: dict[str, Any], browser: Any
) -> None:
    """No rule covers 犬只 in 五阳: the dispatcher routes by hand; the screen says who leads and why, in
    words, with no department's code."""
    worker = worker_token(console.intake.settings, grids=[G03])
    filed = await file_report(
        console.intake.client,
        worker,
        grid=G03,
        category="ORDER-DOG",
        description=f"广场上流浪狗追咬路人 {uuid.uuid4().hex[:6]}",
    )
    case_id = await case_id_of(console.intake.client, worker, filed["id"])
    token = dispatcher_token(console.dispatch.settings)
    routed = await console.dispatch.client.post(
        f"/v1/cases/{case_id}/route",
        json={"departments": ["XY-XFJY", "XY-CGJ"], "reason": "犬只伤人风险，消防牵头处置"},
        headers={**bearer(token), "Idempotency-Key": str(uuid.uuid4())},
    )
    assert routed.status_code == 200, routed.text
    context = await browser.new_context(viewport=PHONE, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, token))
    await page.wait_for_selector("#live.on", timeout=10_000)
    await page.goto(page.url.split("#")[0] + f"#/case/{case_id}")
    routing = page.locator("dd.routing .routed")
    await routing.wait_for(timeout=10_000)
    said = await routing.inner_text()
    assert said.startswith("派遣员人工派遣") and "牵头" in said and "协办" in said, said
    assert "XY-XFJY" not in said and "XY-CGJ" not in said and "routed by" not in said, said
    assert filed["number"] in await page.locator(".case-head .case-number").inner_text()
    timeline = await page.locator("ol.timeline").inner_text()
    assert "理由：犬只伤人风险，消防牵头处置" in timeline and "XY-XFJY" not in timeline
    await _no_horizontal_scroll(page)
    await _shot(page, "console-number-hand-routed-phone")
    await context.close()
