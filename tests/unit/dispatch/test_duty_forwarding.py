"""The console's duty view asks notify as the caller, never with more (adapters/notify_api.py): a bearer token
goes through unchanged; a cookie session is stated as a 60-s token with exactly the session's role and scope,
naming dispatch as the actor — and only where dispatch holds the key notify checks; paths are quoted whole.
And the console's duty page has every word it uses in both languages."""

from __future__ import annotations

import re
import time
from pathlib import Path

import jwt
import pytest

from chuishao_dispatch.adapters import notify_api
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.entrypoints import console_duty
from chuishao_shared.auth import Principal

LIAISON = Principal(sub="oidc-liaison", role="liaison", department="XY-WQ-WY-WY")


def test_a_bearer_token_is_passed_on_unchanged() -> None:
    settings = DispatchSettings()
    assert notify_api.authorization_for("Bearer abc.def.ghi", LIAISON, settings) == "Bearer abc.def.ghi"


def test_a_cookie_session_is_stated_with_exactly_its_role_and_scope_for_a_minute() -> None:
    settings = DispatchSettings()
    header = notify_api.authorization_for("", LIAISON, settings)
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


def test_where_tokens_come_from_the_identity_providers_key_set_nothing_is_minted() -> None:
    settings = DispatchSettings(jwt_jwks_url="https://idp.example/jwks")
    with pytest.raises(notify_api.Unavailable) as refused:
        notify_api.authorization_for("", LIAISON, settings)
    assert refused.value.cause == "sign_in"


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
