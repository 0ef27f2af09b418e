"""The console's duty view in production's configuration (adapters/notify_api.py, chuishao_shared.signin):
dispatch and notify verify tokens from the real embedded OpenID provider (django-oidc-provider) — its key set
for JWTs, RFC 7662 introspection for its opaque access tokens — so dispatch can mint no HS256 token for a
cookie session. A liaison signed in with a password opens the duty API: dispatch forwards the provider's own
access token for that person, kept encrypted in the session cookie (never readable in it), notify introspects
it and scopes the answer: their department's roster, another department refused. An expired access token is
renewed with the refresh token at the real provider; after sign-out the duty API refuses. No token in a log.
(No browser: the cookie session is driven over HTTP as test_sign_in.py does.)"""

from __future__ import annotations

import base64
import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from chuishao_dispatch.adapters import notify_api
from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_shared.devstack import EmbeddedIdentityProvider, free_port
from chuishao_shared.signin import cookie_name
from support.idp import LANDING, PASSWORD, PEOPLE, Provider, password_sign_in
from support.infra import Infra, unique
from support.notify import MOBILES, _consumer_ready, seed_duty_rosters, start_notify
from support.services import serving, start_service
from support.system import ASSIST, LEAD

INTROSPECTING = {"dispatch": "test-introspect-dispatch-0123456789", "notify": "test-introspect-notify-0123456789"}
ADMIN_SECRET = "test-duty-admin-secret-0123456789"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """The provider with dispatch's sign-in client, an introspecting account for dispatch and for notify, and
    an admin account (client credentials) that seeds notify's rosters."""
    port, secret = free_port(), "test-secret-dispatch-0123456789"
    clients: list[dict[str, Any]] = [
        {
            "client_id": "chuishao-dispatch",
            "client_secret": secret,
            "redirect_uris": [f"http://127.0.0.1:{port}/auth/callback"],
            "post_logout_redirect_uris": [f"http://127.0.0.1:{port}{LANDING['dispatch']}"],
        },
        {"client_id": "chuishao-duty-admin", "client_secret": ADMIN_SECRET, "scope": ["chuishao"],
         "claims": {"role": "admin"}},
    ]  # fmt: skip
    clients += [
        {"client_id": f"chuishao-{name}-service", "client_secret": value, "scope": ["token_introspection"]}
        for name, value in INTROSPECTING.items()
    ]
    seed: dict[str, Any] = {"password": PASSWORD, "people": PEOPLE, "clients": clients}
    idp = EmbeddedIdentityProvider(tmp_path_factory.mktemp("idp"), free_port(), seed).start()
    yield Provider(idp, {"dispatch": port}, {"dispatch": secret})
    idp.stop()


def verifying(provider: Provider, service: str) -> dict[str, Any]:
    """As production verifies: the provider's key set, and introspection for its opaque tokens."""
    return {
        "jwt_jwks_url": f"{provider.issuer}/jwks",
        "oidc_introspection_url": f"{provider.issuer}/introspect",
        "oidc_introspection_client_id": f"chuishao-{service}-service",
        "oidc_introspection_client_secret": INTROSPECTING[service],
        "oidc_introspection_cache_seconds": 0.0,
    }


def issued(provider: Provider) -> list[tuple[str, str]]:
    """The access and refresh tokens the provider holds for dispatch's sign-in client."""
    with sqlite3.connect(provider.idp.state_dir / "idp.sqlite3") as db:
        rows = db.execute(
            "SELECT access_token, refresh_token FROM oidc_provider_token WHERE client_id = "
            "(SELECT id FROM oidc_provider_client WHERE client_id = 'chuishao-dispatch')"
        ).fetchall()
    return [(str(a), str(r)) for a, r in rows]


async def test_a_liaison_signed_in_through_the_provider_reads_their_duty_roster_with_the_providers_token(
    infra: Infra, provider: Provider, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    prefix = unique("t") + "."
    notify_port = free_port()
    dispatch_settings, dispatch_app = await start_service(
        infra,
        DispatchSettings,
        build_dispatch,
        DISPATCH_MIGRATIONS,
        topic_prefix=prefix,
        dispatch_notify_url=f"http://127.0.0.1:{notify_port}",
        session_secret="test-session-secret-of-dispatch-0123456789",
        **provider.settings_for("dispatch"),
        **verifying(provider, "dispatch"),
    )
    assert dispatch_settings.jwt_jwks_url  # dispatch can mint nothing notify would accept
    notify_settings, notify_app = await start_notify(infra, prefix, **verifying(provider, "notify"))
    dispatch = f"http://127.0.0.1:{provider.ports['dispatch']}"
    async with contextlib.AsyncExitStack() as stack:
        await stack.enter_async_context(serving(dispatch_app, port=provider.ports["dispatch"]))
        notify_url = await stack.enter_async_context(serving(notify_app, port=notify_port))
        await _consumer_ready(notify_app)
        notify = await stack.enter_async_context(httpx.AsyncClient(base_url=notify_url, timeout=20))

        # LEAD's roster, seeded by an admin service account's opaque token (notify introspects it).
        granted = await notify.post(
            f"{provider.issuer}/token",
            data={"grant_type": "client_credentials", "scope": "chuishao"},
            auth=("chuishao-duty-admin", ADMIN_SECRET),
        )
        assert granted.status_code == 200, granted.text
        admin = {"Authorization": f"Bearer {granted.json()['access_token']}"}
        await seed_duty_rosters(notify, admin, notify_app.state.context.duty_desks("XY-WQ-WY")[0])

        browser = await stack.enter_async_context(httpx.AsyncClient(timeout=20, follow_redirects=False))
        callback = await password_sign_in(browser, f"{dispatch}/auth/login?next=/console/duty", "oidc-liaison")
        landed = await browser.get(callback)
        assert landed.status_code == 303 and landed.headers["location"] == "/console/duty", landed.text
        [(access, refresh)] = issued(provider)
        assert "." not in access  # django-oidc-provider's access tokens are opaque: introspected, not JWKS

        # The cookie is only signed: its payload is readable base64 — and holds no token in readable form.
        name = cookie_name(dispatch_settings)
        cookie = next(h for h in landed.headers.get_list("set-cookie") if h.startswith(name + "="))
        value = cookie.split("=", 1)[1].split(";")[0]
        payload = base64.b64decode(value.split(".")[0] + "==").decode()
        assert "oidc-liaison" in payload and '"provider"' in payload
        for secret in (access, refresh):
            assert secret not in payload and secret not in value
        assert "access_token" not in payload and "refresh_token" not in payload and "id_token" not in payload
        assert len(name) + 1 + len(value) <= 4000

        # Their own department's roster: read with the provider's token, which notify introspected.
        before = notify_app.state.verifier.opaque.calls
        people = await browser.get(f"{dispatch}/v1/duty/rosters/{LEAD}/people")
        assert people.status_code == 200, people.text
        assert people.json()["available"] is True, people.json()
        assert {p["member"]: p["name"] for p in people.json()["people"]}["m-a"] == "王值班"
        assert notify_app.state.verifier.opaque.calls > before
        on_duty = (await browser.get(f"{dispatch}/v1/duty/rosters/{LEAD}/on-duty")).json()
        assert on_duty["available"] is True and on_duty["levels"], on_duty
        assert not [m for m in MOBILES if m in people.text]

        # Another department's roster: refused by notify for this person, and said so.
        refused = await browser.get(f"{dispatch}/v1/duty/rosters/{ASSIST}/week")
        assert refused.status_code == 403, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")

        # The access token expired (as dispatch's clock sees it): renewed at the provider with the refresh
        # token, the new one kept in the session and forwarded; the old one is gone at the provider.
        original = notify_api.authorization_for

        async def two_hours_later(*args: Any, **kwargs: Any) -> str:
            return await original(*args, **{**kwargs, "now": time.time() + 7200})

        monkeypatch.setattr(notify_api, "authorization_for", two_hours_later)
        renewed = await browser.get(f"{dispatch}/v1/duty/rosters/{LEAD}/on-duty")
        monkeypatch.setattr(notify_api, "authorization_for", original)
        assert renewed.status_code == 200 and renewed.json()["available"] is True, renewed.text
        [(new_access, new_refresh)] = issued(provider)
        assert new_access != access
        renewed_cookie = next(h for h in renewed.headers.get_list("set-cookie") if h.startswith(name + "="))
        assert new_access not in renewed_cookie and new_refresh not in renewed_cookie
        again = await browser.get(f"{dispatch}/v1/duty/rosters/{LEAD}/people")
        assert again.status_code == 200 and again.json()["available"] is True, again.text

        # Signed out: the session and the token it kept are gone; the duty API refuses.
        csrf = (await browser.get(f"{dispatch}/auth/session")).json()["csrf"]
        out = await browser.post(f"{dispatch}/auth/logout", headers={"X-CSRF-Token": csrf})
        assert out.status_code == 200, out.text
        after = await browser.get(f"{dispatch}/v1/duty/rosters/{LEAD}/people")
        assert after.status_code == 401, after.text

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert logged
    for secret in (access, refresh, new_access, new_refresh, granted.json()["access_token"]):
        assert secret not in logged
