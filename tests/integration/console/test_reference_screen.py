"""The reference data screen (/console/reference, Debian's Chromium at a desk's 1440×900 and a phone's
390×844): an admin reaches it from the directory, writes a change set — a negative SLA time refused with the
field marked, then shorter SLA times, a 调休 day, a rule's new lead, a renamed 小类 — reads its diff and its
dry run over the cases dispatch holds, and approves it; the version is in force. In Chinese and English.
Screenshots: test-artifacts/reference-*.png."""

from __future__ import annotations

import uuid
from typing import Any

from integration.console.conftest import DESK, PHONE, Console

from support.console import ARTIFACTS, case_id_of, file_report, liaison_token, sign_in_link, token
from support.factories import bearer, worker_token

GRID = "XY-WQ-WY-G03"
RULE = "xy-wq-wy.env-stairwell-dirty"


async def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.wait_for_timeout(150)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def test_an_admin_writes_reviews_dry_runs_and_approves_a_change_set(console: Console, browser: Any) -> None:
    # Cases for the dry run to replay: two 楼道卫生 reports in 五阳's third grid.
    # The first is acknowledged at once (within the 45 minutes proposed): 响应率 100 % under both.
    worker = worker_token(console.intake.settings, grids=[GRID])
    cases = []
    for text in ("楼道堆放杂物，影响通行", "楼道墙面乱涂乱画"):
        report = await file_report(console.intake.client, worker, grid=GRID, description=text)
        cases.append(await case_id_of(console.intake.client, worker, report["id"]))
    liaison = bearer(liaison_token(console.dispatch.settings, "XY-WQ-WY-WY"))
    acked = await console.dispatch.client.post(
        f"/v1/cases/{cases[0]}/acknowledge", json={}, headers={**liaison, "Idempotency-Key": uuid.uuid4().hex}
    )
    assert acked.status_code == 200, acked.text

    context = await browser.new_context(viewport=DESK, locale="zh-CN")
    page = await context.new_page()
    await page.goto(sign_in_link(console.dispatch.url, token(console.dispatch.settings, "admin")))
    await page.wait_for_selector(".people .reference-link", timeout=10_000)
    await page.click(".people .reference-link")
    await page.wait_for_selector(".changeset-form .sla", timeout=10_000)

    # A negative time is refused: the field is marked and named; nothing is stored.
    ack = ".sla input[name='standard.acknowledge_within_minutes.minor']"
    await page.fill(ack, "-5")
    await page.dispatch_event(ack, "change")
    await page.fill(".changeset-form input[name=reason]", "缩短楼道卫生响应时限")
    await page.click(".changeset-form button[type=submit]")
    await page.wait_for_selector(".changeset-form .errors li")
    assert "sla_policies.standard.acknowledge_within_minutes.minor" in await page.inner_text(".changeset-form .errors")
    assert await page.get_attribute(ack, "class") == "invalid"
    await _shot(page, "reference-desk-refused")
    stored = await console.dispatch.client.get("/v1/reference/changesets", headers=_admin(console))
    assert stored.json()["items"] == []

    # The change set: 45 min, a 调休 day, 供排水 leads 楼道卫生 in 五阳, a 小类 renamed.
    await page.fill(ack, "45")
    await page.dispatch_event(ack, "change")
    await page.fill(".calendar input[name=day]", "2027-02-20")
    await page.select_option(".calendar select[name=day_kind]", "makeup_workdays")
    await page.click(".calendar .add-day")
    await page.fill(".calendar input[name=day]", "2027-02-08")
    await page.select_option(".calendar select[name=day_kind]", "holidays")
    await page.click(".calendar .add-day")
    await page.select_option(".rules select[name=rule]", RULE)
    await page.select_option(".rules select[name=lead]", "XY-GPS")
    await page.dispatch_event(".rules select[name=lead]", "change")
    await page.select_option(".categories select[name=category]", "ENV-SMALL-ADS")
    await page.fill(".categories input[name=name]", "乱贴乱画小广告")
    await page.dispatch_event(".categories input[name=name]", "change")
    await page.fill(".changeset-form input[name=reason]", "五阳楼道卫生改由供排水牵头；2027 年春节调休")
    await page.click(".changeset-form button[type=submit]")
    await page.wait_for_selector(".review table.diff")
    diff = await page.inner_text(".review table.diff")
    for entry in (RULE, "standard", "ENV-SMALL-ADS", "calendar.makeup_workdays.2027-02-20"):
        assert entry in diff, entry

    # The dry run: 五阳物业 loses the two cases, 供排水 gains them.
    await page.click(".review button.run")
    await page.wait_for_selector(".review .dry table")
    dry = await page.inner_text(".review .dry")
    assert "襄垣县供排水公司" in dry and "+2" in dry and "−2" in dry, dry
    assert "— → 100.0%" in dry and "100.0% → —" in dry  # 供排水 would answer as 五阳物业 did
    await _shot(page, "reference-desk-review")

    await page.click(".review button.approve")
    await page.wait_for_selector(".review h2:has-text('已批准')")
    current = (await console.dispatch.client.get("/v1/reference/versions/current", headers=_admin(console))).json()
    assert current["version"] == 2
    rule = next(r for r in current["content"]["routing_rules"]["rules"] if r["id"] == RULE)
    assert rule["lead"] == "XY-GPS"
    assert "2027-02-20" in current["content"]["sla_policies"]["makeup_workdays"]
    await _shot(page, "reference-desk-approved")

    # In English, and at a phone's width: the versions list, with v2 in force.
    await page.goto(f"{console.dispatch.url}/console/reference?lang=en")
    await page.wait_for_selector(".side .versions li.on")
    assert "v2" in await page.inner_text(".side .versions li.on")
    assert "New change set" in await page.inner_text(".changeset-form h2")
    await page.set_viewport_size(PHONE)
    await _shot(page, "reference-phone-en")
    await context.close()


def _admin(console: Console) -> dict[str, str]:
    return bearer(token(console.dispatch.settings, "admin"))
