""" "Save as a rule" on the console's route form (issue 27 item 1), in real headless Chromium at a desk's
1440×900 and a phone's 390×844: a dispatcher routes a case in triage by hand, ticks the box, and the case is
routed first, then the rule proposed as a change set that waits for an admin; the page says so. A refused
proposal shows its problem while the case stays routed. Screenshots test-artifacts/console-save-rule-*.png."""

from __future__ import annotations

import json
from typing import Any

from integration.console.conftest import DESK, PHONE, Console

from chuishao_shared.auth import mint_token
from support.console import ARTIFACTS, case_id_of, dispatcher_token, file_report, sign_in_link, token
from support.factories import bearer, worker_token

GRIDS = ("XY-WQ-WY-G03", "XY-WQ-WY-G05", "XY-WQ-WY-G06")  # one each: a like report in a grid joins its case
CATEGORY = "ORDER-DOG"  # no rule covers it: its reports wait in triage for a dispatcher
LEAD, ASSIST = "XY-CGJ", "XY-WQ-WY-JWH"  # 城管 leads, 五阳社区居委会 assists
FORM = 'form[data-form="route"]'


async def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.wait_for_timeout(150)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def _triage_case(console: Console, grid: str, description: str) -> str:
    worker = worker_token(console.intake.settings, grids=[grid])
    report = await file_report(console.intake.client, worker, grid=grid, description=description, category=CATEGORY)
    return await case_id_of(console.intake.client, worker, report["id"])


async def _open_route_form(browser: Any, console: Console, size: dict[str, int], case_id: str, lang: str) -> Any:
    context = await browser.new_context(viewport=size, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, dispatcher_token(console.dispatch.settings), lang))
    await page.wait_for_selector("#live.on", timeout=10_000)
    await page.goto(page.url.split("#")[0] + f"#/case/{case_id}")
    await page.click('[data-action="route"]', timeout=10_000)
    await page.wait_for_selector(f"{FORM} .suggest:not(:empty)")
    return page


async def _pick(page: Any, query: str, code: str) -> None:
    await page.fill(f"{FORM} input[type='search']", query)
    await page.check(f"{FORM} input[value='{code}']")


async def _case(console: Console, case_id: str) -> dict[str, Any]:
    token = dispatcher_token(console.dispatch.settings)
    answer = await console.dispatch.client.get(f"/v1/cases/{case_id}", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


async def _proposals(console: Console) -> list[dict[str, Any]]:
    admin = bearer(mint_token(console.dispatch.settings, sub="admin-1", role="admin"))
    answer = await console.dispatch.client.get("/v1/reference/changesets", headers=admin)
    assert answer.status_code == 200, answer.text
    return [c for c in answer.json()["items"] if c["author"].startswith("dispatcher-")]


async def test_the_route_form_saves_the_route_as_a_rule_for_an_admin_to_approve(console: Console, browser: Any) -> None:
    case_id = await _triage_case(console, GRIDS[0], "小区里的狗整夜吠叫")
    page = await _open_route_form(browser, console, DESK, case_id, "zh")
    box = page.locator(f"{FORM} label.save-rule")
    assert "同时提交为派单规则（本社区·此小类，经管理员审批生效）" in await box.inner_text()
    assert "五阳社区" in await box.inner_text()
    assert not await box.locator("input").is_checked()  # a rule is never proposed unasked
    await _pick(page, "城市管理", LEAD)
    await _pick(page, "五阳社区居民", ASSIST)
    await page.fill(f"{FORM} input[name='reason']", "不文明养犬属城管职责，居委会协助劝导")
    await box.locator("input").check()
    await _shot(page, "console-save-rule-form-desk-zh")

    await page.click(f"{FORM} button[type='submit']")
    line = page.locator("p.rule-proposal.ok")
    await line.wait_for(timeout=10_000)
    said = await line.inner_text()
    assert "待管理员审批后生效" in said and "城市管理" in said and "居民委员会" in said, said
    assert "待管理员审批" in await page.locator("#notice").inner_text()
    await page.wait_for_selector("#case-status.st-dispatched")
    await _shot(page, "console-save-rule-notice-desk-zh")

    case = await _case(console, case_id)
    assert case["status"] == "dispatched"
    assert [(a["department"], a["role"]) for a in case["assignments"]] == [(LEAD, "lead"), (ASSIST, "assist")]
    (proposal,) = await _proposals(console)
    assert proposal["status"] == "proposed" and proposal["reason"] == "不文明养犬属城管职责，居委会协助劝导"
    await page.context.close()

    # The admin finds it in /console/reference as 待审批, with the rule it adds, and runs its dry run.
    context = await browser.new_context(viewport=DESK, locale="zh-CN")
    admin = await context.new_page()
    await admin.goto(sign_in_link(console.dispatch.url, token(console.dispatch.settings, "admin")))
    await admin.wait_for_selector(".people .reference-link", timeout=10_000)
    await admin.click(".people .reference-link")
    listed = admin.locator(".side .changesets li", has_text="不文明养犬属城管职责")
    await listed.wait_for(timeout=10_000)
    assert "待审批" in await listed.inner_text() and proposal["author"] in await listed.inner_text()
    await listed.locator("button").click()
    await admin.wait_for_selector(".review table.diff")
    diff = await admin.inner_text(".review table.diff")
    assert "xy-wq-wy.order-dog" in diff and "新增" in diff, diff
    assert "襄垣县城市管理综合执法局 (XY-CGJ)" in diff and "五阳社区居民委员会 (XY-WQ-WY-JWH)" in diff, diff
    await admin.click(".review button.run")
    await admin.wait_for_selector(".review .dry table")
    await _shot(admin, "console-save-rule-admin-review-desk-zh")
    await context.close()


async def test_on_a_phone_a_refused_proposal_shows_its_problem_and_the_case_stays_routed(
    console: Console, browser: Any
) -> None:
    case_id = await _triage_case(console, GRIDS[1], "楼下大型犬未拴绳")
    page = await _open_route_form(browser, console, PHONE, case_id, "zh")
    await _pick(page, "城市管理", LEAD)
    await page.fill(f"{FORM} input[name='reason']", "城管负责不文明养犬")
    await page.locator(f"{FORM} label.save-rule input").check()
    await page.locator(f"{FORM} label.save-rule").scroll_into_view_if_needed()
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide"
    await _shot(page, "console-save-rule-form-phone-zh")

    # The proposal refused (as the API would refuse a department outside the case's area).
    problem = {
        "type": "about:blank", "title": "Forbidden", "status": 403, "detail": "departments outside the area",
        "errors": [{"field": "lead", "message": "department 'XY-CGJ' serves XY, not this case's community"}],
    }  # fmt: skip
    await page.route(
        "**/rule-proposal",
        lambda route: route.fulfill(
            status=403, content_type="application/problem+json", body=json.dumps(problem, ensure_ascii=False)
        ),
    )
    before = len(await _proposals(console))
    await page.click(f"{FORM} button[type='submit']")
    line = page.locator("p.rule-proposal.error")
    await line.wait_for(timeout=10_000)
    said = await line.inner_text()
    assert "事项已派遣" in said and "所选牵头部门不服务于本社区" in said and "serves" not in said, said
    await page.wait_for_selector("#case-status.st-dispatched")
    await _shot(page, "console-save-rule-refused-phone-zh")
    assert (await _case(console, case_id))["status"] == "dispatched"
    assert len(await _proposals(console)) == before
    await page.context.close()


async def test_in_english_on_a_phone_the_proposal_waits_for_an_admin(console: Console, browser: Any) -> None:
    case_id = await _triage_case(console, GRIDS[2], "遛狗不牵绳")
    page = await _open_route_form(browser, console, PHONE, case_id, "en")
    box = page.locator(f"{FORM} label.save-rule")
    assert "Also propose this as a routing rule" in await box.inner_text()
    await _pick(page, "城市管理", LEAD)
    await page.fill(f"{FORM} input[name='reason']", "The city management's duty")
    await box.locator("input").check()
    await page.click(f"{FORM} button[type='submit']")
    line = page.locator("p.rule-proposal.ok")
    await line.wait_for(timeout=10_000)
    assert "once an admin approves" in await line.inner_text()
    await _shot(page, "console-save-rule-notice-phone-en")
    await page.context.close()
