from __future__ import annotations

import time

import jwt
import pytest

from chuishao_shared.auth import AuthError, TokenVerifier, mint_token
from chuishao_shared.settings import DEV_SECRET, Settings


@pytest.fixture
def settings() -> Settings:
    return Settings(jwt_secret="unit-test-secret-that-is-long-enough-012345")


async def test_minted_token_round_trips_with_claims(settings: Settings) -> None:
    token = mint_token(settings, sub="w1", role="grid_worker", grids=["G1", "G2"])
    principal = await TokenVerifier(settings).verify(token)
    assert principal.sub == "w1" and principal.role == "grid_worker" and principal.grids == {"G1", "G2"}


@pytest.mark.parametrize(
    "change",
    [
        {"exp": int(time.time()) - 5},
        {"aud": "other"},
        {"iss": "other"},
        {"role": "emperor"},
        {"grids": "G1"},
    ],
)
async def test_bad_claims_are_refused(settings: Settings, change: dict) -> None:
    claims = {
        "sub": "w1",
        "role": "grid_worker",
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "exp": int(time.time()) + 60,
        **change,
    }
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    with pytest.raises(AuthError):
        await TokenVerifier(settings).verify(token)


async def test_missing_exp_and_unsigned_tokens_are_refused(settings: Settings) -> None:
    claims = {"sub": "w1", "role": "grid_worker", "iss": settings.jwt_issuer, "aud": settings.jwt_audience}
    with pytest.raises(AuthError):
        unexpiring = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
        await TokenVerifier(settings).verify(unexpiring)
    unsigned = jwt.encode({**claims, "exp": int(time.time()) + 60}, None, algorithm="none")
    with pytest.raises(AuthError):
        await TokenVerifier(settings).verify(unsigned)


JWKS = "https://sso.example.gov.cn/.well-known/jwks.json"


def test_settings_refuse_short_secrets_and_hs256_in_production() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        Settings(jwt_secret="short")
    for secret in (DEV_SECRET, "x" * 40):
        with pytest.raises(ValueError, match="production refuses HS256"):
            Settings(environment="production", jwt_secret=secret)
    assert Settings(environment="production", jwt_jwks_url=JWKS).environment == "production"


@pytest.mark.parametrize("url", ["http://sso.example.gov.cn/jwks.json", "ftp://sso/jwks", "file:///etc/jwks.json"])
def test_key_sets_must_be_https(url: str) -> None:
    for environment in ("production", "development", None):
        with pytest.raises(ValueError, match="https"):
            Settings(environment=environment, jwt_jwks_url=url)


def test_plain_http_key_set_only_on_loopback_outside_production() -> None:
    """A local identity provider (tests, make run) may be plain http; production never."""
    assert Settings(jwt_jwks_url="http://127.0.0.1:9999/jwks.json").jwt_jwks_url
    with pytest.raises(ValueError, match="https"):
        Settings(environment="production", jwt_jwks_url="http://127.0.0.1:9999/jwks.json")


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "::", "chuishao.example"])
def test_unset_environment_refuses_the_development_secret_off_loopback(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        Settings(host=host)
    with pytest.raises(ValueError, match="loopback"):
        Settings(metrics_port=9100, metrics_host=host)
    # An explicit development environment, or a real secret, is a decision, not an omission.
    assert Settings(host=host, environment="development").host == host
    assert Settings(host=host, jwt_secret="y" * 40).host == host


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_unset_environment_accepts_the_development_secret_on_loopback(host: str) -> None:
    settings = Settings(host=host)
    assert settings.environment is None and settings.jwt_secret.get_secret_value() == DEV_SECRET


def test_docs_are_hidden_in_production_unless_asked_for() -> None:
    assert Settings().serves_docs is True
    assert Settings(environment="production", jwt_jwks_url=JWKS).serves_docs is False
    assert Settings(environment="production", jwt_jwks_url=JWKS, public_docs=True).serves_docs is True
    assert Settings(public_docs=False).serves_docs is False


def test_database_url_forms() -> None:
    settings = Settings(database_url="postgresql://u@h:5/db")
    assert settings.sqlalchemy_url == "postgresql+asyncpg://u@h:5/db"
    assert settings.asyncpg_dsn == "postgresql://u@h:5/db"


def test_trusted_proxies_must_be_addresses_or_networks() -> None:
    assert Settings(trusted_proxies=["10.0.0.0/8", "192.0.2.1", "::1"]).trusted_proxies[0] == "10.0.0.0/8"
    with pytest.raises(ValueError, match="ingress.example"):
        Settings(trusted_proxies=["ingress.example"])
