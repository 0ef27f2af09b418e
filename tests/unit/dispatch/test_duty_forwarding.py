"""The console's duty view asks notify as the caller, never with more (adapters/notify_api.py): a bearer token
goes through unchanged; a cookie session is stated as a 60-s token with exactly the session's role and scope,
naming dispatch as the actor — only where dispatch holds the key notify checks; where tokens come from the
identity provider's key set, the provider's own access token the session keeps is forwarded (renewed by its
refresh token when it has expired, else "sign in again"); paths are quoted whole. And the console's duty page
has every word it uses in both languages."""

from __future__ import annotations

import base64
import logging
import re
import time
from pathlib import Path
from types import SimpleNamespace

import jwt
import pytest

from chuishao_dispatch.adapters import notify_api
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.entrypoints import console_duty
from chuishao_shared import signin
from chuishao_shared.auth import Principal
from chuishao_shared.signin import ProviderToken

LIAISON = Principal(sub="oidc-liaison", role="liaison", department="XY-WQ-WY-WY")


PRODUCTION = {"jwt_jwks_url": "https://idp.example/jwks"}


def held() -> ProviderToken:
    """A live token, made when the test runs: one made at import expired before its test ran in a slow
    suite (the tier takes longer than its ten minutes on a slow host)."""
    return ProviderToken("opaque-access-0123", time.time() + 600, "opaque-refresh-0123")


async def test_a_bearer_token_is_passed_on_unchanged() -> None:
    for settings in (DispatchSettings(), DispatchSettings(**PRODUCTION)):
        sent = await notify_api.authorization_for("Bearer abc.def.ghi", LIAISON, settings, held())
        assert sent == "Bearer abc.def.ghi"


async def test_a_cookie_session_is_stated_with_exactly_its_role_and_scope_for_a_minute() -> None:
    settings = DispatchSettings()
    header = await notify_api.authorization_for("", LIAISON, settings, held())  # development: minted, as before
    assert header.startswith("Bearer ")
    claims = jwt.decode(
        header[7:],
        settings.jwt_secret.get_secret_value(),
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert claims["sub"] == "oidc-liaison" and claims["role"] == "liaison"
    assert claims["department"] == "XY-WQ-WY-WY"
    assert not {"jurisdiction", "community", "unit", "grids"} & set(claims)  # nothing the session did not have
    assert claims["act"] == {"sub": "service:dispatch"}
    assert claims["exp"] - claims["iat"] == notify_api.DELEGATED_SECONDS == 60
    assert claims["exp"] <= time.time() + 61


async def test_where_tokens_come_from_the_identity_providers_key_set_nothing_is_minted() -> None:
    settings = DispatchSettings(**PRODUCTION)
    with pytest.raises(notify_api.Unavailable) as refused:
        await notify_api.authorization_for("", LIAISON, settings)  # a session that keeps no provider token
    assert refused.value.cause == "sign_in" and "sign in again" in refused.value.reason


async def test_in_production_the_sessions_own_provider_token_is_forwarded_while_it_lasts() -> None:
    async def never(_: ProviderToken) -> ProviderToken | None:
        raise AssertionError("a live token is not renewed")

    header = await notify_api.authorization_for("", LIAISON, DispatchSettings(**PRODUCTION), held(), never)
    assert header == "Bearer opaque-access-0123"


async def test_an_expired_provider_token_is_renewed_by_its_refresh_token() -> None:
    expired = ProviderToken("old-access", time.time() - 1, "the-refresh")
    asked: list[ProviderToken] = []

    async def renew(held: ProviderToken) -> ProviderToken | None:
        asked.append(held)
        return ProviderToken("new-access", time.time() + 3600, "the-refresh")

    header = await notify_api.authorization_for("", LIAISON, DispatchSettings(**PRODUCTION), expired, renew)
    assert header == "Bearer new-access" and asked == [expired]
    # Within the leeway of its expiry counts as expired too (the request must not outlive it).
    almost = ProviderToken("old-access", time.time() + signin.TOKEN_LEEWAY_SECONDS - 1, "the-refresh")
    assert await notify_api.authorization_for("", LIAISON, DispatchSettings(**PRODUCTION), almost, renew) == (
        "Bearer new-access"
    )


async def test_an_expired_token_without_a_refresh_token_or_refused_renewal_asks_to_sign_in_again() -> None:
    settings = DispatchSettings(**PRODUCTION)

    async def refused(_: ProviderToken) -> ProviderToken | None:
        return None

    async def down(_: ProviderToken) -> ProviderToken | None:
        raise OSError("connection refused")

    no_refresh = ProviderToken("old-access", time.time() - 1)
    for held, renew in ((no_refresh, refused), (ProviderToken("old-access", time.time() - 1, "rt"), refused)):
        with pytest.raises(notify_api.Unavailable) as said:
            await notify_api.authorization_for("", LIAISON, settings, held, renew)
        assert said.value.cause == "sign_in" and "sign in again" in said.value.reason
        assert "old-access" not in said.value.reason
    # The provider not answering is not the person's fault: unreachable, not "sign in again".
    with pytest.raises(notify_api.Unavailable) as said:
        await notify_api.authorization_for("", LIAISON, settings, ProviderToken("a", time.time() - 1, "rt"), down)
    assert said.value.cause == "unreachable"


def test_the_kept_token_is_sealed_with_a_key_of_the_session_secret_and_opens_only_with_it() -> None:
    settings = DispatchSettings(session_secret="s" * 40)
    token = held()
    sealed = signin.seal_provider_token(settings, token)
    assert "opaque-access-0123" not in sealed and "opaque-refresh-0123" not in sealed
    for text in (sealed, base64.urlsafe_b64decode(sealed + "==").decode("latin-1")):
        assert "opaque-access" not in text and "opaque-refresh" not in text
    assert signin.open_provider_token(settings, sealed) == token
    assert signin.open_provider_token(DispatchSettings(session_secret="t" * 40), sealed) is None  # another key
    assert signin.open_provider_token(settings, sealed[:-4] + "AAAA") is None  # tampered
    assert "opaque" not in repr(token)


def test_a_token_that_would_overflow_the_cookie_is_not_kept_and_the_log_names_no_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = DispatchSettings(session_secret="s" * 40)
    app = SimpleNamespace(state=SimpleNamespace(sign_in=signin.SignIn(settings, "/console/")))
    session: dict = {signin.SESSION: {"sub": "oidc-liaison", "claims": {}, "exp": time.time() + 600, "csrf": "c"}}
    request = SimpleNamespace(app=app, session=session, scope={"session": session})
    assert signin.keep_provider_token(request, {"access_token": "small-token", "expires_in": 3600})  # type: ignore[arg-type]
    assert signin.provider_token(request).access_token == "small-token"  # type: ignore[arg-type, union-attr]
    assert signin.cookie_bytes(settings, session) <= signin.COOKIE_LIMIT
    huge = "h" * 3000
    with caplog.at_level(logging.ERROR):
        kept = signin.keep_provider_token(request, {"access_token": huge, "expires_in": 3600})  # type: ignore[arg-type]
    assert kept is False and "provider" not in session[signin.SESSION]
    assert "not kept" in caplog.text and huge not in caplog.text


def test_codes_are_quoted_whole_into_notifys_paths() -> None:
    assert notify_api.notify_path("/v1/rosters/{owner}/week", owner="../webhooks") == "/v1/rosters/..%2Fwebhooks/week"


def test_every_word_the_duty_page_uses_exists_in_both_languages() -> None:
    package = Path(console_duty.__file__).parents[1]
    used = set(re.findall(r"\bw\.([a-z_0-9]+)", (package / "static" / "console_duty.js").read_text()))
    used |= set(re.findall(r"\bt\.([a-z_0-9]+)", (package / "templates" / "console_duty.html").read_text()))
    assert used, "no words found: the pattern no longer matches"
    for index in (0, 1):
        assert sorted(used - set(console_duty.WORDS)) == [], index
        assert all(words[index] for words in console_duty.WORDS.values())
