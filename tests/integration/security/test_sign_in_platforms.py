"""WeCom (企业微信 网页授权) and DingTalk (钉钉 免登) sign-in (PRODUCT.md §9, chuishao_shared.signin_platforms)
on dispatch, against a local WeCom and DingTalk that keep the platforms' documented contract
(support.platforms): the platform's user id maps to a person in the directory and opens the same cookie
session as the OpenID Connect sign-in; a replayed or expired code, a wrong state, a user id nobody holds
and a deactivated person are each refused with the reason named, open nothing, and are logged without the
secret, the access token or the code; an access token the platform no longer accepts is fetched again
once, and otherwise it is cached."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from chuishao_dispatch.bootstrap import MIGRATIONS, DispatchSettings, build_app
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.auth import mint_token
from chuishao_shared.signin import cookie_name
from support.factories import bearer
from support.infra import Infra
from support.platforms import Platforms
from support.services import serving, start_service
from support.system import eventually


@dataclass
class Served:
    url: str
    app: object
    settings: DispatchSettings
    platforms: Platforms
    admin: dict[str, str]


@pytest.fixture
async def served(infra: Infra) -> AsyncIterator[Served]:
    platforms = Platforms()
    async with serving(platforms.app()) as platform_url:
        settings, app = await start_service(
            infra, DispatchSettings, build_app, MIGRATIONS, directory_refresh_seconds=0.2,
            **platforms.settings_for(platform_url),
        )  # fmt: skip
        async with serving(app) as url:
            admin = bearer(mint_token(settings, sub="admin-platforms", role="admin"))
            yield Served(url, app, settings, platforms, admin)  # type: ignore[arg-type]


async def add_person(
    served: Served, subject: str, roles: list[dict[str, object]] | None = None, **accounts: str
) -> str:
    body = {
        "name": "联络员 " + subject,
        "subject": subject,
        "roles": roles or [{"role": "liaison", "department": "XY-WQ-ZF"}],
        "reason": "signs in with the city's WeCom / DingTalk",
        **accounts,
    }
    async with httpx.AsyncClient(timeout=10) as api:
        created = await api.post(f"{served.url}/v1/people", json=body, headers=served.admin)
    assert created.status_code == 201, created.text
    person_id: str = created.json()["id"]

    async def known() -> bool:
        return subject in served.app.state.directory.entries  # type: ignore[attr-defined]

    await eventually(known, timeout=10)
    return person_id


async def deactivate(served: Served, person_id: str, subject: str) -> None:
    async with httpx.AsyncClient(timeout=10) as api:
        path = f"{served.url}/v1/people/{person_id}/deactivate"
        gone = await api.post(path, json={"reason": "left"}, headers=served.admin)
    assert gone.status_code == 200, gone.text

    async def inactive() -> bool:
        return not served.app.state.directory.entries[subject].active  # type: ignore[attr-defined]

    await eventually(inactive, timeout=10)


def browser() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=15, follow_redirects=False)


async def refused(
    client: httpx.AsyncClient, served: Served, answer: httpx.Response, reason: str, *, still: str | None = None
) -> str:
    """A refusal page naming `reason`; the browser's session is as it was (nobody, or `still`)."""
    assert answer.status_code == (503 if reason == "unavailable" else 400), answer.text
    assert f'data-reason="{reason}"' in answer.text and "Sign in again" in answer.text
    session = await client.get(f"{served.url}/auth/session")
    if still is None:
        assert session.status_code == 401
    else:
        assert session.json()["sub"] == still
    return answer.text


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every log line but uvicorn's access log (off in the services, which serve with access_log=False; on
    here, where it is the local platform's own log of what it was sent)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name != "uvicorn.access")


def service_log(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("chuishao"))


async def wecom_callback(client: httpx.AsyncClient, served: Served, user: str) -> str:
    """Start at /auth/wecom/login, through WeCom's authorize page (as the WeCom client does for `user`),
    to the callback URL it sends the browser back to (not yet followed)."""
    served.platforms.wecom_user = user
    start = await client.get(f"{served.url}/auth/wecom/login?next=/console/")
    assert start.status_code == 302, start.text
    at_wecom = await client.get(start.headers["location"].split("#", 1)[0])
    assert at_wecom.status_code == 302, at_wecom.text
    return at_wecom.headers["location"]


def code_and_state(callback: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(callback).query)
    return query["code"][0], query["state"][0]


async def test_wecom_sign_in_maps_the_user_id_to_a_person_and_refuses_what_the_contract_refuses(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await add_person(served, "wecom-liaison", wecom_user_id="WangLei")
    gone_id = await add_person(served, "wecom-gone", wecom_user_id="ZhaoGone")
    platforms, url = served.platforms, served.url
    codes: list[str] = []

    async with browser() as client:
        # The authorize link is the documented one: appid, redirect_uri, code, snsapi_base, state, agentid.
        start = await client.get(f"{url}/auth/wecom/login?next=/console/")
        link = start.headers["location"]
        assert link.endswith("#wechat_redirect")
        query = parse_qs(urlsplit(link.split("#")[0]).query)
        assert query["appid"] == [platforms.corp_id] and query["agentid"] == [platforms.agent_id]
        assert query["response_type"] == ["code"] and query["scope"] == ["snsapi_base"]
        assert query["redirect_uri"] == [f"{url}/auth/wecom/callback"]
        assert re.fullmatch(r"[A-Za-z0-9]{1,128}", query["state"][0])

        callback = await wecom_callback(client, served, "WangLei")
        codes.append(code_and_state(callback)[0])
        landed = await client.get(callback)
        assert landed.status_code == 303 and landed.headers["location"] == "/console/"
        cookie = next(h for h in landed.headers.get_list("set-cookie") if h.startswith(cookie_name(served.settings)))
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        me = (await client.get(f"{url}/auth/session")).json()
        assert (me["sub"], me["role"], me["department"]) == ("wecom-liaison", "liaison", "XY-WQ-ZF")
        # The session works like the OpenID Connect one: reads, and writes with its CSRF token.
        assert (await client.get(f"{url}/v1/cases")).status_code == 200
        # The same callback again: its state was used up, so it is refused before the code is sent anywhere.
        await refused(client, served, await client.get(callback), "state", still="wecom-liaison")

    async with browser() as client:
        # A replayed code under a fresh state: WeCom answers 40029 invalid code.
        fresh = await wecom_callback(client, served, "WangLei")
        code, state = code_and_state(fresh)
        codes.append(code)
        replay = await client.get(f"{url}/auth/wecom/callback", params={"code": codes[0], "state": state})
        await refused(client, served, replay, "code")

    async with browser() as client:
        # A wrong state (a callback forged for this browser): refused, and the code is not spent.
        callback = await wecom_callback(client, served, "WangLei")
        code, _ = code_and_state(callback)
        codes.append(code)
        forged = await client.get(f"{url}/auth/wecom/callback", params={"code": code, "state": "forged"})
        await refused(client, served, forged, "state")
        assert platforms.codes[code]["used"] is False
        # Without any sign-in started in this browser: refused the same way.
        client.cookies.clear()
        await refused(client, served, await client.get(callback), "state")

    async with browser() as client:
        # A code older than WeCom's five minutes.
        callback = await wecom_callback(client, served, "WangLei")
        codes.append(code_and_state(callback)[0])
        platforms.expire_codes()
        await refused(client, served, await client.get(callback), "code")

    # The access token was fetched once and kept; once WeCom stops accepting it (42001), it is fetched again
    # once and the sign-in goes through.
    assert platforms.token_calls["wecom"] == 1
    platforms.expire_tokens()
    async with browser() as client:
        callback = await wecom_callback(client, served, "WangLei")
        codes.append(code_and_state(callback)[0])
        assert (await client.get(callback)).status_code == 303
        assert platforms.token_calls["wecom"] == 2

    async with browser() as client:
        # A WeCom member nobody in the directory holds: the page names the account and why.
        callback = await wecom_callback(client, served, "Stranger")
        codes.append(code_and_state(callback)[0])
        page = await refused(client, served, await client.get(callback), "account")
        assert "Stranger" in page and "not linked to anyone" in page
        # Someone WeCom knows only as an outsider (openid, no userid).
        platforms.outsiders.add("Visitor")
        callback = await wecom_callback(client, served, "Visitor")
        codes.append(code_and_state(callback)[0])
        await refused(client, served, await client.get(callback), "outsider")

    # A deactivated person: refused at sign-in.
    await deactivate(served, gone_id, "wecom-gone")
    async with browser() as client:
        callback = await wecom_callback(client, served, "ZhaoGone")
        codes.append(code_and_state(callback)[0])
        await refused(client, served, await client.get(callback), "deactivated")

    logged, ours = everything_logged(caplog), service_log(caplog)
    for reason in ("state", "code", "account", "outsider", "deactivated"):
        assert f"sign-in refused: {reason}" in ours
    assert "signed in: wecom-liaison (wecom" in ours
    assert platforms.wecom_secret not in logged
    assert not any(token in logged for token in platforms.tokens)
    assert not any(code in ours for code in codes)


async def test_dingtalk_silent_sign_in_maps_the_user_id_to_a_person_and_refuses_what_the_contract_refuses(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await add_person(served, "ding-liaison", dingtalk_user_id="LiSi")
    gone_id = await add_person(served, "ding-gone", dingtalk_user_id="ZhouGone")
    platforms, url = served.platforms, served.url
    codes: list[str] = []

    async def page_state(client: httpx.AsyncClient) -> str:
        page = await client.get(f"{url}/auth/dingtalk/login?next=/console/")
        assert page.status_code == 200 and "requestAuthCode" in page.text and 'data-corp="ding-corp"' in page.text
        found = re.search(r'data-state="([A-Za-z0-9]+)"', page.text)
        assert found
        return found.group(1)

    async def post(client: httpx.AsyncClient, code: str, state: str) -> httpx.Response:
        # What the page's script does with requestAuthCode's code: a same-origin JSON post.
        return await client.post(f"{url}/auth/dingtalk/callback", json={"code": code, "state": state})

    async with browser() as client:
        code = platforms.issue("dingtalk", "LiSi")
        codes.append(code)
        landed = await post(client, code, await page_state(client))
        assert landed.status_code == 303 and landed.headers["location"] == "/console/"
        me = (await client.get(f"{url}/auth/session")).json()
        assert (me["sub"], me["role"], me["department"]) == ("ding-liaison", "liaison", "XY-WQ-ZF")

    async with browser() as client:
        # The same code again under a fresh page's state: DingTalk answers 40078.
        await refused(client, served, await post(client, codes[0], await page_state(client)), "code")
        # A wrong state, and no page opened in this browser at all.
        code = platforms.issue("dingtalk", "LiSi")
        codes.append(code)
        await page_state(client)
        await refused(client, served, await post(client, code, "forged"), "state")
        await refused(client, served, await post(client, code, "anything"), "state")
        assert platforms.codes[code]["used"] is False
        # A code past its five minutes.
        state = await page_state(client)
        platforms.expire_codes()
        await refused(client, served, await post(client, code, state), "code")

    # The token is kept; when DingTalk stops accepting it (40014) it is fetched again once.
    assert platforms.token_calls["dingtalk"] == 1
    platforms.expire_tokens()
    async with browser() as client:
        code = platforms.issue("dingtalk", "LiSi")
        codes.append(code)
        assert (await post(client, code, await page_state(client))).status_code == 303
        assert platforms.token_calls["dingtalk"] == 2

    async with browser() as client:
        code = platforms.issue("dingtalk", "Stranger")
        codes.append(code)
        page = await refused(client, served, await post(client, code, await page_state(client)), "account")
        assert "Stranger" in page
        await deactivate(served, gone_id, "ding-gone")
        code = platforms.issue("dingtalk", "ZhouGone")
        codes.append(code)
        await refused(client, served, await post(client, code, await page_state(client)), "deactivated")

    logged, ours = everything_logged(caplog), service_log(caplog)
    for reason in ("state", "code", "account", "deactivated"):
        assert f"sign-in refused: {reason}" in ours
    assert "signed in: ding-liaison (dingtalk" in ours
    assert platforms.dingtalk_secret not in logged
    assert not any(token in logged for token in platforms.tokens)
    assert not any(code in ours for code in codes)


async def test_the_grid_workers_app_signs_in_with_wecom_through_its_copy_of_the_directory(
    served: Served, infra: Infra, tmp_path: Path
) -> None:
    """Intake has no people table: the WeCom user id is found in its directory copy (dispatch's change feed)."""
    await add_person(
        served, "wecom-worker", [{"role": "grid_worker", "grids": ["XY-WQ-WY-G01"]}], wecom_user_id="Grid01"
    )
    _, intake = await start_service(
        infra, IntakeSettings, build_intake, INTAKE_MIGRATIONS, photo_dir=str(tmp_path),
        directory_url=served.url, directory_refresh_seconds=0.2,
        **served.platforms.settings_for(served.settings.wecom_api_base),
    )  # fmt: skip
    async with serving(intake) as url, browser() as client:

        async def known() -> bool:
            return "wecom-worker" in intake.state.directory.entries

        await eventually(known, timeout=10)
        served.platforms.wecom_user = "Grid01"
        start = await client.get(f"{url}/auth/wecom/login?next=/app/")
        back = await client.get(start.headers["location"].split("#", 1)[0])
        assert back.headers["location"].startswith(f"{url}/auth/wecom/callback?")
        landed = await client.get(back.headers["location"])
        assert landed.status_code == 303 and landed.headers["location"] == "/app/"
        me = (await client.get(f"{url}/auth/session")).json()
        assert (me["sub"], me["role"], me["grids"]) == ("wecom-worker", "grid_worker", ["XY-WQ-WY-G01"])


async def test_a_platform_that_refuses_the_application_or_cannot_be_reached_is_named_and_opens_nothing(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await add_person(served, "wecom-rotated", wecom_user_id="WangRotated")
    platforms = served.platforms
    configured = platforms.wecom_secret
    platforms.wecom_secret = "rotated-at-wecom"  # the application's secret changed at WeCom, not here
    async with browser() as client:
        callback = await wecom_callback(client, served, "WangRotated")
        page = await refused(client, served, await client.get(callback), "provider")
        assert "gettoken errcode 40001" in page
    wecom = served.app.state.platforms["wecom"]  # type: ignore[attr-defined]
    wecom.api_base = "http://127.0.0.1:9"  # nothing listens there
    async with browser() as client:
        callback = await wecom_callback(client, served, "WangRotated")
        await refused(client, served, await client.get(callback), "unavailable")
    logged = everything_logged(caplog)
    assert configured not in logged and "sign-in refused: provider" in logged
