"""The duty page (notify's /duty/, issue 25): a department's roster — who is on duty now and next, a week of
the layers with an override and the gaps highlighted — and a case's escalation chain (who was told when, at
which step, each notice's state, 签收), in Chinese and in English, at a desk's 1440×900 and a phone's
390×844, in Debian's chromium. Screenshots: test-artifacts/duty-*.png."""

from __future__ import annotations

import uuid

import httpx
import pytest

from chuishao_shared.auth import mint_token
from support.browser import CHROMIUM, shared_browser
from support.console import ARTIFACTS
from support.factories import bearer, worker_token
from support.infra import Infra
from support.notify import MOBILES, _consumer_ready, seed_duty_rosters, start_notify
from support.robots import robots
from support.services import serving
from support.system import LEAD, case_of, eventually, file, liaison, system

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
async def test_the_duty_page_shows_now_next_the_week_with_its_gaps_and_a_cases_chain(infra: Infra) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with robots() as platform:
        async with system(infra, duplicate_window_minutes=0) as s:
            settings, app = await start_notify(
                infra,
                s.dispatch.settings.topic_prefix,
                escalation_poll_seconds=0.2,
                person_notice_poll_seconds=0.2,
            )
            async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=20) as notify:
                await _consumer_ready(app)
                admin_jwt = mint_token(settings, sub="admin-1", role="admin")
                admin = bearer(admin_jwt)
                desk = app.state.context.duty_desks("XY-WQ-WY")[0]
                await seed_duty_rosters(notify, admin, desk)
                robot = {"department": LEAD, "url": platform.wecom_url("k"), "format": "wecom"}
                made = await notify.post(
                    "/v1/webhooks", json=robot, headers={**admin, "Idempotency-Key": str(uuid.uuid4())}
                )
                assert made.status_code == 201, made.text

                token = worker_token(s.intake.settings)
                case = await case_of(s, token, (await file(s, token))["id"])

                async def three_steps() -> dict | None:
                    got = await notify.get(f"/v1/escalation-chains/{case['id']}", headers=admin)
                    chains = got.json().get("chains", []) if got.status_code == 200 else []
                    lead = next((c for c in chains if c["department"] == LEAD), None)
                    return lead if lead and len(lead["steps"]) >= 3 else None

                await eventually(three_steps, timeout=40)
                acked = await s.dispatch.client.post(
                    f"/v1/cases/{case['id']}/acknowledge",
                    json={},
                    headers={**liaison(s, LEAD), "Idempotency-Key": str(uuid.uuid4())},
                )
                assert acked.status_code == 200, acked.text

                async def acknowledged() -> dict | None:
                    lead = await three_steps()
                    return lead if lead and lead["status"] == "acknowledged" else None

                chain = await eventually(acknowledged, timeout=30)
                steps_taken = len(chain["steps"])

                liaison_jwt = mint_token(settings, sub="liaison-x", role="liaison", department=LEAD)
                async with shared_browser() as browser:
                    for lang, size, jwt, name in (
                        ("zh", DESK, admin_jwt, "duty-desk-zh.png"),
                        ("en", DESK, admin_jwt, "duty-desk-en.png"),
                        ("zh", PHONE, liaison_jwt, "duty-phone-zh.png"),
                    ):
                        page = await browser.new_page(viewport=size, device_scale_factor=1 if size is DESK else 2)
                        query = f"?owner={LEAD}&case={case['id']}" + ("&lang=en" if lang == "en" else "")
                        errors: list[str] = []
                        page.on("console", lambda m, errors=errors: errors.append(m.text))
                        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                        await page.goto(f"{url}/duty/{query}#token={jwt}")
                        try:
                            await page.wait_for_selector("#chain .step.acked", timeout=15000)
                        except Exception:
                            raise AssertionError((errors, await page.inner_text("body"))) from None
                        await page.wait_for_selector("#week .seg.gap")
                        text = await page.inner_text("body")
                        # The token left the address bar; no mobile anywhere on the page.
                        assert "token=" not in page.url
                        assert not [m for m in MOBILES if m in text]
                        if lang == "zh":
                            assert "现在值班" in text and "本周值班" in text and "案件升级链" in text
                            assert "第1级" in text and "第2级" in text
                            assert "已签收" in text and "王值班" in text
                            # The roster and the chain name the department, its code beside the name.
                            assert "五阳物业服务公司（XY-WQ-WY-WY）" in text, text
                            assert "空档" in text and "替班" in text
                        else:
                            assert "On duty now" in text and "This week" in text and "acknowledged" in text
                            assert "Level 1" in text and "gap" in text.lower()
                            assert "Wuyang Property Services Company (XY-WQ-WY-WY)" in text, text
                        # Seven days, each with a bar per level; the weekend nights are gaps at level 1.
                        assert await page.locator("#week .day").count() == 7
                        assert await page.locator("#week .day .bar").count() == 14
                        assert await page.locator('#week .bar[data-level="1"] .seg.gap').count() >= 2
                        assert await page.locator("#week .seg.override").count() >= 1
                        # The chain: every step taken, then 签收.
                        assert await page.locator("#chain .chain").first.locator(".step").count() >= steps_taken
                        await page.screenshot(path=str(ARTIFACTS / name), full_page=True)
                        await page.close()
                    # Another department's roster: the liaison is refused, and the page says so.
                    page = await browser.new_page(viewport=PHONE)
                    await page.goto(f"{url}/duty/?owner=XY-WQ-WY-JWH#token={liaison_jwt}")
                    await page.wait_for_selector("#notice:not([hidden])")
                    assert "无权" in await page.inner_text("#notice")
                    await page.close()
