"""The grid worker's app shows the short number to give the resident (issue 27 item 3): in the
confirmation after sending (kept above 我的上报, not only a fading toast), on each report in 我的上报 and
on the report's screen; a report still waiting offline says 待发送 instead, and gets its number once
sent. Real headless Chromium at a phone's 390×844 and a desk's 1440×900; screenshots go to
test-artifacts/ (app-number-*)."""

from __future__ import annotations

from typing import Any

from integration.intake import test_app_browser as app
from integration.intake.test_app_browser import ARTIFACTS, DESK, ServedSystem, fill_report, my_reports, open_app

from support.infra import unique

# The app's fixtures (intake and dispatch behind uvicorn on one broker prefix; one Chromium).
served = app.served
browser = app.browser


async def test_the_number_after_sending_in_my_reports_and_on_the_report(served: ServedSystem, browser: Any) -> None:
    context, page, _ = await open_app(browser, served)
    description = f"5号楼1单元楼道堆放纸箱 {unique('d')}"
    await fill_report(page, description)
    await page.click("#submit")
    await page.wait_for_selector("#sent-number:not([hidden]) .number", timeout=10_000)
    [report] = [r for r in await my_reports(served) if r["description"] == description]
    number = report["number"]
    assert number and number.startswith("五阳-")
    assert (await page.text_content("#sent-number .number")).strip() == number
    item = page.locator("#mine .report:not(.queued)").first
    await item.wait_for()
    assert number in await item.locator(".number-line").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "app-number-sent-phone.png"), full_page=False)
    await item.click()
    await page.wait_for_selector("#detail article dd.number")
    assert (await page.text_content("#detail article dd.number")).strip() == number
    await page.screenshot(path=str(ARTIFACTS / "app-number-detail-phone.png"), full_page=False)
    # The next report starts from the form: the last confirmation is gone.
    await page.click("#tabs [data-view=file]")
    assert await page.locator("#sent-number").is_hidden()
    await context.close()


async def test_a_waiting_report_says_not_sent_then_gets_its_number(served: ServedSystem, browser: Any) -> None:
    context, page, _ = await open_app(browser, served)
    await page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    await context.set_offline(True)
    await page.wait_for_selector("#net:not([hidden])")
    description = f"离线上报编号 {unique('d')}"
    await fill_report(page, description)
    await page.click("#submit")
    await page.wait_for_function("() => document.querySelector('#queue-count').textContent === '1'")
    await page.click("#tabs [data-view=mine]")
    waiting = page.locator("#mine .queued").first
    await waiting.wait_for()
    assert (await waiting.locator(".number").inner_text()).strip() == "待发送"
    await page.screenshot(path=str(ARTIFACTS / "app-number-waiting-phone.png"), full_page=False)
    await context.set_offline(False)
    await page.wait_for_selector("#queue-count[hidden]", state="attached", timeout=15_000)
    [report] = [r for r in await my_reports(served) if r["description"] == description]
    await page.click("#refresh")
    sent = page.locator(f"#mine .report[data-id='{report['id']}']")
    await sent.wait_for(timeout=10_000)
    assert report["number"] in await sent.locator(".number-line").inner_text()
    assert await page.locator("#mine .queued").count() == 0
    await context.close()

    desk, desk_page, _ = await open_app(browser, served, DESK)
    await desk_page.click("#tabs [data-view=mine]")
    await desk_page.locator(f"#mine .report[data-id='{report['id']}']").wait_for(timeout=10_000)
    await desk_page.screenshot(path=str(ARTIFACTS / "app-number-mine-desk.png"), full_page=False)
    await desk.close()
