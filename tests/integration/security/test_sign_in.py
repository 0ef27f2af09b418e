"""Sign-in with OpenID Connect (PRODUCT.md §9) against the real embedded provider (django-oidc-provider,
started once for this module): authorization code + PKCE through intake's backend-for-frontend, the
session cookie's flags, CSRF on writes, sign-out and expiry; and every refusal — a wrong password, a state
mismatch, a replayed or expired code, a missing PKCE verifier, a write from another origin — answered
with a clear message, nothing changed, and nothing secret in the log."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from itsdangerous import TimestampSigner

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from chuishao_shared.auth import mint_token
from chuishao_shared.signin import cookie_name
from support.factories import bearer, report_body, worker_token
from support.idp import PASSWORD, Provider, code_of, password_sign_in, start_provider
from support.infra import Infra
from support.services import serving, start_service
from support.system import eventually


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    running = start_provider(tmp_path_factory.mktemp("idp"))
    yield running
    running.idp.stop()


class Served:
    def __init__(self, url: str, app: object, settings: IntakeSettings) -> None:
        self.url, self.app, self.settings = url, app, settings


@pytest.fixture
async def served(infra: Infra, provider: Provider, tmp_path: Path) -> AsyncIterator[Served]:
    settings, app = await start_service(
        infra, IntakeSettings, build_app, MIGRATIONS, photo_dir=str(tmp_path), **provider.settings_for("intake")
    )
    async with serving(app, port=provider.ports["intake"]) as url:
        yield Served(url, app, settings)  # type: ignore[arg-type]


def service_log(caplog: pytest.LogCaptureFixture) -> str:
    """What the service logged (not the test's own HTTP client, which prints every URL it asks for)."""
    return "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "uvicorn.access")))


def browser() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=15, follow_redirects=False)


async def sign_in(client: httpx.AsyncClient, url: str, user: str = "oidc-worker") -> httpx.Response:
    callback = await password_sign_in(client, f"{url}/auth/login?next=/app/", user)
    return await client.get(callback)


async def test_a_password_sign_in_opens_a_cookie_session_that_writes_only_with_its_csrf_token(
    served: Served, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with browser() as client:
        # A wrong password: the provider's page says so, and nobody is signed in here.
        with pytest.raises(PermissionError, match="Wrong account or password"):
            await password_sign_in(client, f"{served.url}/auth/login", "oidc-worker", "not-the-password")
        assert (await client.get(f"{served.url}/auth/session")).status_code == 401

        # The login redirect carries state, nonce and a PKCE S256 challenge.
        start = await client.get(f"{served.url}/auth/login?next=/app/")
        query = start.headers["location"]
        assert query.startswith(provider.issuer + "/authorize?")
        for part in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256", "response_type=code"):
            assert part in query

        landed = await sign_in(client, served.url)
        assert landed.status_code == 303 and landed.headers["location"] == "/app/"
        cookie = next(h for h in landed.headers.get_list("set-cookie") if h.startswith(cookie_name(served.settings)))
        flags = cookie.lower()
        assert "httponly" in flags and "samesite=lax" in flags and "secure" not in flags  # loopback: not Secure
        # The cookie carries the subject and expiry, never the provider's tokens.
        payload = base64.b64decode(cookie.split("=", 1)[1].split(".")[0] + "==").decode()
        assert "oidc-worker" in payload and "id_token" not in payload and "access_token" not in payload

        me = (await client.get(f"{served.url}/auth/session")).json()
        assert me["sub"] == "oidc-worker" and me["role"] == "grid_worker" and me["grids"] == ["XY-WQ-WY-G01"]
        csrf = {"X-CSRF-Token": me["csrf"]}

        # A write with the session's CSRF token files; reads need none.
        filed = await client.post(f"{served.url}/v1/reports", json=report_body(), headers=csrf)
        assert filed.status_code == 201, filed.text
        mine = (await client.get(f"{served.url}/v1/reports")).json()["items"]
        assert [r["id"] for r in mine] == [filed.json()["id"]]

        # Without the token, or from another origin: refused, nothing filed.
        bare = await client.post(f"{served.url}/v1/reports", json=report_body())
        assert bare.status_code == 403 and "CSRF" in bare.json()["detail"]
        elsewhere = await client.post(
            f"{served.url}/v1/reports", json=report_body(), headers={**csrf, "Origin": "https://evil.example"}
        )
        assert elsewhere.status_code == 403 and "another origin" in elsewhere.json()["detail"]
        assert len((await client.get(f"{served.url}/v1/reports")).json()["items"]) == 1

        # Bearer tokens keep working for API clients, with no CSRF token.
        async with httpx.AsyncClient(timeout=10) as api:
            token = worker_token(served.settings, sub="api-client")
            assert (
                await api.post(f"{served.url}/v1/reports", json=report_body(), headers=bearer(token))
            ).status_code == 201

        # Sign-out: the session ends here, and the provider's end-session URL is offered.
        out = await client.post(f"{served.url}/auth/logout", headers=csrf)
        assert out.status_code == 200 and out.json()["redirect"].startswith(provider.issuer + "/end-session")
        assert (await client.get(f"{served.url}/auth/session")).status_code == 401
        assert (await client.post(f"{served.url}/v1/reports", json=report_body(), headers=csrf)).status_code == 401

    logged = service_log(caplog)
    assert "signed in: oidc-worker" in logged and "signed out: oidc-worker" in logged
    assert provider.secrets["intake"] not in logged and PASSWORD not in logged


async def test_each_refusal_is_clear_opens_nothing_and_logs_no_secret(
    served: Served, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    url = served.url

    async def refused(client: httpx.AsyncClient, callback: str, reason: str) -> None:
        answer = await client.get(callback)
        assert answer.status_code == 400, answer.text
        assert f'data-reason="{reason}"' in answer.text and "Sign in again" in answer.text
        assert (await client.get(f"{url}/auth/session")).status_code == 401

    async with browser() as client:
        # A state this browser never started (a forged or another browser's callback).
        callback = await password_sign_in(client, f"{url}/auth/login", "oidc-worker")
        code, _ = code_of(callback)
        await refused(client, f"{url}/auth/callback?code={code}&state=forged", "state")
        # The same callback twice: its state was used up by the first (refused, then the replay too).
        good = await password_sign_in(client, f"{url}/auth/login", "oidc-worker")
        assert (await client.get(good)).status_code == 303
        await client.post(
            f"{url}/auth/logout", headers={"X-CSRF-Token": (await client.get(f"{url}/auth/session")).json()["csrf"]}
        )
        await refused(client, good, "state")

    async with browser() as client:
        # A replayed code: a used code presented with a fresh sign-in's state is refused by the provider.
        used = await password_sign_in(client, f"{url}/auth/login", "oidc-worker")
        assert (await client.get(used)).status_code == 303
        client.cookies.delete(cookie_name(served.settings))
        fresh = await password_sign_in(client, f"{url}/auth/login", "oidc-worker")
        _, state = code_of(fresh)
        await refused(client, f"{url}/auth/callback?code={code_of(used)[0]}&state={state}", "code")

    async with browser() as client:
        # An expired code (its ten minutes passed at the provider).
        late = await password_sign_in(client, f"{url}/auth/login", "oidc-worker")
        assert provider.expire_codes() >= 1
        await refused(client, late, "code")

    async with browser() as client:
        # A missing PKCE verifier: the provider refuses the exchange without it ...
        pending = await password_sign_in(client, f"{url}/auth/login", "oidc-worker")
        code, state = code_of(pending)
        token = await client.post(
            f"{provider.issuer}/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": f"{url}/auth/callback",
                "client_id": "chuishao-intake",
                "client_secret": provider.secrets["intake"],
            },
        )
        assert token.status_code == 400 and token.json()["error"] == "invalid_grant"
        # ... and the service refuses a pending sign-in that has none (a session made without one).
        signer = TimestampSigner(served.settings.session_key)
        session = {f"_state_city_{state}": {"data": {"redirect_uri": f"{url}/auth/callback", "nonce": "n"}, "exp": 9e9}}
        forged = signer.sign(base64.b64encode(json.dumps(session).encode())).decode()
        client.cookies.set(cookie_name(served.settings), forged)
        await refused(client, pending, "verifier")

    async with browser() as client:
        # A person the provider knows but with no role in Chuishao (not in the directory, no role claim).
        callback = await password_sign_in(client, f"{url}/auth/login", "oidc-nobody")
        await refused(client, callback, "role")

    async with browser() as client:
        # Expiry: a session ends at its maximum age and the API says to sign in again.
        # Five seconds: long enough that a loaded machine still reads the session before it ends (with
        # one second it failed a clean-clone CI run), short enough to wait for.
        short = served.settings.model_copy(update={"session_max_age_seconds": 5})
        served.app.state.sign_in.settings = short  # type: ignore[attr-defined]
        assert (await sign_in(client, url)).status_code == 303
        signed_in = time.monotonic()  # the session's clock started before this (at the callback)
        assert (await client.get(f"{url}/auth/session")).status_code == 200
        await asyncio.sleep(max(0.0, signed_in + 5.3 - time.monotonic()))
        expired = await client.get(f"{url}/v1/reports")
        assert expired.status_code == 401 and "expired" in expired.json()["detail"]
        served.app.state.sign_in.settings = served.settings  # type: ignore[attr-defined]

    logged = service_log(caplog)
    for reason in ("state", "code", "verifier", "role"):
        assert f"sign-in refused: {reason}" in logged
    assert provider.secrets["intake"] not in logged and PASSWORD not in logged and code not in logged
    idp_log = (provider.idp.state_dir / "idp.log").read_text()
    assert provider.secrets["intake"] not in idp_log and PASSWORD not in idp_log


async def test_the_directory_decides_the_roles_of_a_subject_it_knows_and_a_deactivation_ends_the_session(
    infra: Infra, provider: Provider
) -> None:
    settings, app = await start_service(
        infra,
        DispatchSettings,
        build_dispatch,
        DISPATCH_MIGRATIONS,
        directory_refresh_seconds=0.2,
        **provider.settings_for("dispatch"),
    )
    async with serving(app, port=provider.ports["dispatch"]) as url, browser() as client:
        admin = bearer(mint_token(settings, sub="admin-directory", role="admin"))
        person = {
            "name": "联络员 李",
            "subject": "oidc-liaison",
            "roles": [{"role": "liaison", "department": "XY-WQ-ZF"}],
            "reason": "joined the law enforcement team",
        }
        created = await client.post(f"{url}/v1/people", json=person, headers=admin)
        assert created.status_code == 201, created.text

        async def known() -> bool:
            return "oidc-liaison" in app.state.directory.entries

        await eventually(known, timeout=10)
        # The ID token says department XY-WQ-WY-WY; the directory says XY-WQ-ZF, and the directory wins.
        callback = await password_sign_in(client, f"{url}/auth/login?next=/console/", "oidc-liaison")
        assert (await client.get(callback)).headers["location"] == "/console/"
        me = (await client.get(f"{url}/auth/session")).json()
        assert (me["role"], me["department"]) == ("liaison", "XY-WQ-ZF")

        gone = await client.post(
            f"{url}/v1/people/{created.json()['id']}/deactivate", json={"reason": "left"}, headers=admin
        )
        assert gone.status_code == 200, gone.text

        async def refused() -> bool:
            return (await client.get(f"{url}/v1/cases")).status_code == 401

        await eventually(refused, timeout=10)
