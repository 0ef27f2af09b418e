"""Sign-in through the real embedded OpenID provider in headless Chromium (Debian's): a liaison signs in with
a password on the provider's page into the console at a desk's size (a wrong password first), and a grid
worker into the phone app, whose offline queue survives the end of the session and a re-sign-in and is sent
after it. Screenshots: test-artifacts/sign-in-*.png."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
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
from chuishao_shared.settings import Settings
from support.browser import CHROMIUM, shared_browser
from support.factories import bearer, worker_token
from support.idp import PASSWORD, Provider, start_provider
from support.infra import Infra, unique
from support.services import serving, start_service

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser)")
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


@dataclass
class Site:
    intake: str
    dispatch: str
    intake_settings: Settings


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    running = start_provider(tmp_path_factory.mktemp("idp"))
    yield running
    running.idp.stop()


@pytest.fixture
async def site(infra: Infra, provider: Provider, tmp_path: Path) -> AsyncIterator[Site]:
    common: dict[str, Any] = {
        "topic_prefix": unique("t") + ".",
        "rate_limit_per_second": 1000.0,
        "rate_limit_burst": 1000,
    }
    intake_settings, intake_app = await start_service(
        infra,
        IntakeSettings,
        build_intake,
        INTAKE_MIGRATIONS,
        photo_dir=str(tmp_path),
        **common,
        **provider.settings_for("intake"),
    )
    _, dispatch_app = await start_service(
        infra, DispatchSettings, build_dispatch, DISPATCH_MIGRATIONS, **common, **provider.settings_for("dispatch")
    )
    async with contextlib.AsyncExitStack() as stack:
        intake = await stack.enter_async_context(serving(intake_app, port=provider.ports["intake"]))
        dispatch = await stack.enter_async_context(serving(dispatch_app, port=provider.ports["dispatch"]))
        yield Site(intake, dispatch, intake_settings)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    async with shared_browser() as browser:
        yield browser


async def type_password(page: Any, user: str, password: str = PASSWORD) -> None:
    await page.wait_for_selector("#id_password")
    await page.fill("#id_username", user)
    await page.fill("#id_password", password)


async def test_a_liaison_signs_in_with_a_password_into_the_console(site: Site, browser: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = await browser.new_context(viewport=DESK)
    page = await context.new_page()
    await page.goto(f"{site.dispatch}/console/")
    # No token and no session: straight to the provider's sign-in page.
    await type_password(page, "oidc-liaison", "wrong password")
    await page.screenshot(path=ARTIFACTS / "sign-in-desk.png")
    await page.click("#login-submit")
    await page.wait_for_selector("#login-error")
    await page.screenshot(path=ARTIFACTS / "sign-in-wrong-password-desk.png")
    await type_password(page, "oidc-liaison")
    await page.click("#login-submit")
    await page.wait_for_url(f"{site.dispatch}/console/**")
    await expect(page.locator("#who")).to_contain_text("部门联络员")
    await page.screenshot(path=ARTIFACTS / "sign-in-console-desk.png")
    # The session is HttpOnly: nothing of it is visible to scripts; the page stores no token.
    assert "chuishao_dispatch_session" not in await page.evaluate("document.cookie")
    assert await page.evaluate("sessionStorage.getItem('chuishao.console.token')") is None
    # Sign-out ends the session here, then at the provider (it asks), and comes back to the console.
    await page.click("#sign-out")
    await page.wait_for_selector("#end-session-yes")
    assert (await context.request.get(f"{site.dispatch}/auth/session")).status == 401
    await page.screenshot(path=ARTIFACTS / "sign-out-desk.png")
    await page.click("#end-session-yes")
    await page.wait_for_selector("#sign-in")
    assert page.url.startswith(f"{site.dispatch}/console/")
    await context.close()


async def test_the_app_keeps_its_queue_through_a_re_sign_in_and_sends_it_after(site: Site, browser: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = await browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = await context.new_page()
    await page.goto(f"{site.intake}/app/")
    await page.wait_for_selector("#signin-go:not([hidden])")
    await page.screenshot(path=ARTIFACTS / "sign-in-app-phone.png")
    await page.click("#signin-go")
    await type_password(page, "oidc-worker")
    await page.screenshot(path=ARTIFACTS / "sign-in-phone.png")
    await page.click("#login-submit")
    await page.wait_for_selector("body[data-ready=yes]")
    await expect(page.locator("#who-sub")).to_have_text("网格员 王")

    # Offline: a report goes to the outbox.
    description = f"楼道堆放杂物，登录过期后补发 {unique('r')}"
    await context.set_offline(True)
    await page.fill("#cat-search", "楼道")
    await page.click("#cat-list [data-code='ENV-STAIRWELL-DIRTY']")
    await page.fill("#description", description)
    await page.click("#submit")
    await expect(page.locator("#queue-count")).to_have_text("1")

    # The session ends (the cookies go, as when it expires); back online the app asks for a new sign-in
    # and keeps the report.
    await context.clear_cookies()
    await context.set_offline(False)
    await page.evaluate("window.dispatchEvent(new Event('online'))")
    await page.wait_for_selector("#signin-go:not([hidden])")
    await page.wait_for_selector("#signin-queue:not([hidden])")
    await page.screenshot(path=ARTIFACTS / "sign-in-again-queue-kept-phone.png")
    async with httpx.AsyncClient(base_url=site.intake, timeout=10) as api:
        as_worker = bearer(worker_token(site.intake_settings, sub="oidc-worker"))
        mine = (await api.get("/v1/reports?limit=50", headers=as_worker)).json()["items"]
        assert description not in [r["description"] for r in mine]

        # Signed in again with the password: the queued report is sent, once.
        await page.click("#signin-go")
        await type_password(page, "oidc-worker")
        await page.click("#login-submit")
        await page.wait_for_selector("body[data-ready=yes]")
        await expect(page.locator("#queue-count")).to_be_hidden(timeout=20000)
        mine = (await api.get("/v1/reports?limit=50", headers=as_worker)).json()["items"]
        assert [r["description"] for r in mine].count(description) == 1
    await context.close()
