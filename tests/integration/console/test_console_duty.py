"""The console's duty view (/console/duty, issue 25): real intake, dispatch and notify on one broker, the real
embedded OpenID provider, Debian's chromium. Dispatch reads notify's rosters and a case's escalation chain for
the signed-in person — an admin by a `#token=` link (passed on as it is), a liaison signed in with a password
(a cookie session, stated to notify with exactly the session's role and scope) — and shows who is on duty now
and next, the gaps, the week and the chain (each step, whom it told, each notice's state, 签收), reached from
the console's case screen. A liaison of another department is refused, end to end; no mobile reaches the
page, dispatch's answers or a log; with notify stopped the view says so plainly and the console still works.
Screenshots: test-artifacts/console-duty-{desk-zh,desk-en,phone-zh,unavailable-phone-zh}.png."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.async_api import expect

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import free_port
from support.console import ARTIFACTS
from support.factories import bearer, worker_token
from support.idp import PASSWORD, Provider, start_provider
from support.infra import Infra, unique
from support.notify import MOBILES, _consumer_ready, seed_duty_rosters, start_notify
from support.robots import robots
from support.services import running, serving, start_service
from support.system import ASSIST, LEAD, System, case_of, eventually, file, liaison

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}
FAST = {"rate_limit_per_second": 1000.0, "rate_limit_burst": 1000, "rate_limit_user_per_second": 1000.0,
        "rate_limit_user_burst": 1000}  # fmt: skip


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    running_idp = start_provider(tmp_path_factory.mktemp("idp"), services=("dispatch",))
    yield running_idp
    running_idp.idp.stop()


async def _sign_in_with_password(page: Any, dispatch: str, user: str) -> None:
    await page.goto(f"{dispatch}/auth/login?next=/console/")
    await page.wait_for_selector("#id_password")
    await page.fill("#id_username", user)
    await page.fill("#id_password", PASSWORD)
    await page.click("#login-submit")
    await page.wait_for_url(f"{dispatch}/console/**")


async def _shown(page: Any, errors: list[str]) -> str:
    """The duty view once its chain shows 签收 and its week a gap: the page's text."""
    try:
        await page.wait_for_selector("#chain .step.acked", timeout=20000)
        await page.wait_for_selector("#week .seg.gap", timeout=10000)
    except Exception:
        raise AssertionError((errors, await page.inner_text("body"))) from None
    return str(await page.inner_text("body"))


async def test_the_console_shows_who_is_on_duty_the_week_and_a_cases_chain_for_the_signed_in_person(
    infra: Infra, provider: Provider, browser: Any, caplog: pytest.LogCaptureFixture
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = unique("t") + "."
    notify_port = free_port()
    intake_settings, intake_app = await start_service(
        infra, IntakeSettings, build_intake, INTAKE_MIGRATIONS, topic_prefix=prefix, **FAST
    )
    dispatch_settings, dispatch_app = await start_service(
        infra,
        DispatchSettings,
        build_dispatch,
        DISPATCH_MIGRATIONS,
        topic_prefix=prefix,
        timer_poll_seconds=0.2,
        duplicate_window_minutes=0,
        dispatch_notify_url=f"http://127.0.0.1:{notify_port}",
        **FAST,
        **provider.settings_for("dispatch"),
    )
    notify_settings, notify_app = await start_notify(
        infra, prefix, escalation_poll_seconds=0.2, person_notice_poll_seconds=0.2, **FAST
    )
    with robots() as platform:
        async with contextlib.AsyncExitStack() as stack:
            intake = await stack.enter_async_context(running(intake_app, intake_settings))
            dispatch = f"http://127.0.0.1:{provider.ports['dispatch']}"
            await stack.enter_async_context(serving(dispatch_app, port=provider.ports["dispatch"]))
            dispatch_api = await stack.enter_async_context(httpx.AsyncClient(base_url=dispatch, timeout=20))
            notify_up = contextlib.AsyncExitStack()  # stopped mid-test
            stack.push_async_callback(notify_up.aclose)
            notify_url = await notify_up.enter_async_context(serving(notify_app, port=notify_port))
            notify = await notify_up.enter_async_context(httpx.AsyncClient(base_url=notify_url, timeout=20))
            await _consumer_ready(notify_app)
            system = System(intake, _Served(dispatch_api, dispatch_settings))  # type: ignore[arg-type]

            # LEAD's roster (names, mobiles, a gap every weekend night, an override), its policy, a robot.
            admin_jwt = mint_token(notify_settings, sub="admin-duty", role="admin")
            admin = bearer(admin_jwt)
            desk = notify_app.state.context.duty_desks("XY-WQ-WY")[0]
            await seed_duty_rosters(notify, admin, desk)
            robot = {"department": LEAD, "url": platform.wecom_url("k"), "format": "wecom"}
            made = await notify.post(
                "/v1/webhooks", json=robot, headers={**admin, "Idempotency-Key": str(uuid.uuid4())}
            )
            assert made.status_code == 201, made.text

            # A case led by LEAD, escalated three steps, then acknowledged (签收 stops the chain).
            worker = worker_token(intake_settings)
            case = await case_of(system, worker, (await file(system, worker))["id"])

            async def chain(status: str | None = None) -> dict | None:
                got = await notify.get(f"/v1/escalation-chains/{case['id']}", headers=admin)
                lead = next((c for c in got.json().get("chains", []) if c["department"] == LEAD), None)
                if lead and len(lead["steps"]) >= 3 and status in (None, lead["status"]):
                    return lead
                return None

            await eventually(chain, timeout=40)
            acked = await dispatch_api.post(
                f"/v1/cases/{case['id']}/acknowledge",
                json={},
                headers={**liaison(system, LEAD), "Idempotency-Key": str(uuid.uuid4())},
            )
            assert acked.status_code == 200, acked.text
            steps_taken = len((await eventually(lambda: chain("acknowledged"), timeout=30))["steps"])

            caplog.clear()
            caplog.set_level(logging.INFO)
            query = f"?owner={LEAD}&case={case['id']}"

            # 1. An admin by the console's `#token=` link, at a desk, in Chinese and in English.
            for lang, name in (("zh", "console-duty-desk-zh.png"), ("en", "console-duty-desk-en.png")):
                page = await browser.new_page(viewport=DESK)
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                await page.goto(f"{dispatch}/console/duty{query}{'&lang=en' if lang == 'en' else ''}#token={admin_jwt}")
                text = await _shown(page, errors)
                assert "token=" not in page.url
                assert "王值班" in text and "钱二线" in text  # the names on duty, now and in the week
                assert await page.locator("#now .level").count() == 2
                assert await page.locator("#week .day").count() == 7
                assert await page.locator("#week .day .bar").count() == 14
                assert await page.locator('#week .bar[data-level="1"] .seg.gap').count() >= 2  # the weekend nights
                assert await page.locator("#week .seg.override").count() >= 1
                assert await page.locator("#chain .chain").first.locator(".step").count() >= steps_taken
                if lang == "zh":
                    assert "现在值班" in text and "本周值班" in text and "案件升级链" in text and "已签收" in text
                    assert "五阳物业服务公司（XY-WQ-WY-WY）" in text and "空档" in text and "第2步" in text
                    assert "值班与催办链" in text and "管理员" in text
                else:
                    assert "On duty now" in text and "This week" in text and "acknowledged" in text
                    assert "Wuyang Property Services Company (XY-WQ-WY-WY)" in text and "Step 2" in text
                assert not [m for m in MOBILES if m in await page.content()]
                assert not errors, errors
                await page.screenshot(path=str(ARTIFACTS / name), full_page=True)
                await page.close()

            # 2. LEAD's liaison signed in with a password (a cookie session, no token anywhere in the page), on a
            # phone: from the case screen's "值班与催办链" to their own department's roster and the case's chain.
            context = await browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
            page = await context.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            await _sign_in_with_password(page, dispatch, "oidc-liaison")
            assert await page.evaluate("sessionStorage.getItem('chuishao.console.token')") is None
            await page.goto(f"{dispatch}/console/#/case/{case['id']}")
            await page.click("a.duty-link")
            await page.wait_for_url(f"{dispatch}/console/duty?**")
            text = await _shown(page, errors)
            assert await page.locator("#pick select[name=owner]").input_value() == LEAD
            assert await page.locator("#pick select[name=owner] option").count() == 1  # their own department only
            assert "部门联络员" in text and "王值班" in text and "已签收" in text and "空档" in text
            assert not [m for m in MOBILES if m in await page.content()]
            await page.screenshot(path=str(ARTIFACTS / "console-duty-phone-zh.png"), full_page=True)

            # Dispatch's answers to the cookie session: names, never a mobile (not even masked).
            people = await context.request.get(f"{dispatch}/v1/duty/rosters/{LEAD}/people")
            assert people.status == 200, await people.text()
            listed = await people.json()
            assert {p["member"]: p["name"] for p in listed["people"]}["m-a"] == "王值班"
            assert all(set(p) == {"member", "name"} for p in listed["people"])
            for path in (
                f"rosters/{LEAD}/people",
                f"rosters/{LEAD}/on-duty",
                f"rosters/{LEAD}/week",
                f"chains/{case['id']}",
            ):
                body = await (await context.request.get(f"{dispatch}/v1/duty/{path}")).text()
                assert "mobile" not in body and "****" not in body and not [m for m in MOBILES if m in body], path

            # 3. Another department's roster: refused for that liaison, by token and by session, and said so.
            other = bearer(mint_token(dispatch_settings, sub="liaison-assist", role="liaison", department=ASSIST))
            refused = await dispatch_api.get(f"/v1/duty/rosters/{LEAD}/on-duty", headers=other)
            assert refused.status_code == 403, refused.text
            assert refused.headers["content-type"].startswith("application/problem+json")
            assert (await dispatch_api.get(f"/v1/duty/rosters/{LEAD}/people", headers=other)).status_code == 403
            # The case's chains as that liaison sees them: their own department's (it assists), never LEAD's.
            theirs = (await dispatch_api.get(f"/v1/duty/chains/{case['id']}", headers=other)).json()["chains"]
            assert {c["department"] for c in theirs} <= {ASSIST}
            assert (await context.request.get(f"{dispatch}/v1/duty/rosters/{ASSIST}/week")).status == 403
            await page.goto(f"{dispatch}/console/duty?owner={ASSIST}")
            await expect(page.locator("#notice")).to_contain_text("无权查看该值班表")
            assert "王值班" not in await page.inner_text("#duty")

            # No mobile in any log line while the console read the rosters.
            logged = "\n".join(r.getMessage() for r in caplog.records)
            assert logged and not [m for m in MOBILES if m in logged]

            # 4. Notify stopped: the duty view says so plainly; the console itself still works.
            await notify_up.aclose()
            down = await dispatch_api.get(f"/v1/duty/rosters/{LEAD}/on-duty", headers=admin)
            assert down.status_code == 200 and down.json()["available"] is False, down.text
            await page.goto(f"{dispatch}/console/duty?case={case['id']}")
            await expect(page.locator("#notice")).to_contain_text("值班服务暂时无法连接", timeout=15000)
            await page.screenshot(path=str(ARTIFACTS / "console-duty-unavailable-phone-zh.png"), full_page=True)
            await page.goto(f"{dispatch}/console/#/case/{case['id']}")
            await expect(page.locator("#case-status")).to_be_visible(timeout=15000)
            assert not errors, errors
            await context.close()


class _Served:
    """Dispatch as the shared steps (support.system) use it: a client and its settings."""

    def __init__(self, client: httpx.AsyncClient, settings: DispatchSettings) -> None:
        self.client = client
        self.settings = settings
