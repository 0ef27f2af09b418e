from __future__ import annotations

import time

import jwt
import pytest

from chuishao_shared.auth import AuthError, TokenVerifier, mint_token
from chuishao_shared.settings import DEV_SECRET, Settings


@pytest.fixture
def settings() -> Settings:
    return Settings(jwt_secret="unit-test-secret-that-is-long-enough-012345")


def test_minted_token_round_trips_with_claims(settings: Settings) -> None:
    token = mint_token(settings, sub="w1", role="grid_worker", grids=["G1", "G2"])
    principal = TokenVerifier(settings).verify(token)
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
def test_bad_claims_are_refused(settings: Settings, change: dict) -> None:
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
        TokenVerifier(settings).verify(token)


def test_missing_exp_and_unsigned_tokens_are_refused(settings: Settings) -> None:
    claims = {"sub": "w1", "role": "grid_worker", "iss": settings.jwt_issuer, "aud": settings.jwt_audience}
    with pytest.raises(AuthError):
        TokenVerifier(settings).verify(jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256"))
    unsigned = jwt.encode({**claims, "exp": int(time.time()) + 60}, None, algorithm="none")
    with pytest.raises(AuthError):
        TokenVerifier(settings).verify(unsigned)


def test_settings_refuse_short_and_default_secrets_in_production() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        Settings(jwt_secret="short")
    with pytest.raises(ValueError, match="production"):
        Settings(environment="production", jwt_secret=DEV_SECRET)
    assert Settings(environment="production", jwt_secret="x" * 40).environment == "production"


def test_database_url_forms() -> None:
    settings = Settings(database_url="postgresql://u@h:5/db")
    assert settings.sqlalchemy_url == "postgresql+asyncpg://u@h:5/db"
    assert settings.asyncpg_dsn == "postgresql://u@h:5/db"
