"""Sign-in settings (chuishao_shared.signin): production refuses the development client secret, a plain
http issuer, a missing session secret or redirect base; the session cookie's name and Secure flag."""

from __future__ import annotations

import pytest

from chuishao_shared.settings import DEV_OIDC_CLIENT_SECRET, Settings
from chuishao_shared.signin import _next, cookie_name, secure_cookie

JWKS = "https://idp.city.example/jwks"
GOOD = {
    "environment": "production",
    "jwt_jwks_url": JWKS,
    "oidc_issuer": "https://idp.city.example/realms/city",
    "oidc_client_id": "chuishao-dispatch",
    "oidc_client_secret": "a-real-client-secret-from-the-idp",
    "oidc_redirect_base": "https://console.city.example",
    "session_secret": "s" * 32,
}


def test_a_complete_production_configuration_is_accepted() -> None:
    assert Settings(**GOOD).oidc_issuer == GOOD["oidc_issuer"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"oidc_client_secret": DEV_OIDC_CLIENT_SECRET}, "CHUISHAO_OIDC_CLIENT_SECRET"),
        ({"oidc_issuer": "http://idp.city.example"}, "https URL"),
        ({"session_secret": None}, "CHUISHAO_SESSION_SECRET"),
        ({"oidc_redirect_base": None}, "CHUISHAO_OIDC_REDIRECT_BASE"),
        ({"oidc_client_id": None}, "CHUISHAO_OIDC_CLIENT_ID"),
    ],
)
def test_production_refuses_development_defaults(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings(**{**GOOD, **change})  # type: ignore[arg-type]


def test_development_takes_the_defaults_and_derives_a_session_key_per_service() -> None:
    intake = Settings(service_name="intake", oidc_issuer="http://127.0.0.1:8009", oidc_client_id="c")
    dispatch = Settings(service_name="dispatch", oidc_issuer="http://127.0.0.1:8009", oidc_client_id="c")
    assert intake.session_key != dispatch.session_key and len(intake.session_key) >= 32
    assert cookie_name(intake) != cookie_name(dispatch)  # cookies do not keep to a port
    assert not secure_cookie(intake)
    assert secure_cookie(Settings(**GOOD))  # type: ignore[arg-type]
    assert secure_cookie(intake.model_copy(update={"oidc_redirect_base": "http://10.0.0.5:8002"}))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil", "", None])
def test_after_sign_in_only_a_path_here(target: str | None) -> None:
    assert _next(target, "/console/") == "/console/"
    assert _next("/console/#/people", "/console/") == "/console/#/people"


PLATFORMS = {
    "environment": "production",
    "jwt_jwks_url": JWKS,
    "session_secret": "s" * 32,
    "wecom_corp_id": "ww0123",
    "wecom_secret": "a-wecom-application-secret",
    "dingtalk_app_key": "ding0123",
    "dingtalk_app_secret": "a-dingtalk-application-secret",
}


def test_wecom_and_dingtalk_sign_in_in_production() -> None:
    assert Settings(**PLATFORMS).wecom_api_base == "https://qyapi.weixin.qq.com"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"session_secret": None}, "CHUISHAO_SESSION_SECRET"),
        ({"wecom_api_base": "http://qyapi.weixin.qq.com"}, "CHUISHAO_WECOM_API_BASE"),
        ({"dingtalk_api_base": "http://oapi.dingtalk.com"}, "CHUISHAO_DINGTALK_API_BASE"),
        ({"wecom_secret": None}, "CHUISHAO_WECOM_CORP_ID and CHUISHAO_WECOM_SECRET"),
        ({"dingtalk_app_key": None}, "CHUISHAO_DINGTALK_APP_KEY and CHUISHAO_DINGTALK_APP_SECRET"),
    ],
)
def test_platform_sign_in_refuses_what_production_must_not_run_with(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings(**{**PLATFORMS, **change})  # type: ignore[arg-type]
