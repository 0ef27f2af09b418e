"""Token claims by type and lifetime (issue 28): a claim of the wrong type, an endless token, an empty
subject or a role without its scope is an `AuthError` naming the claim, never a crash further in."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chuishao_shared.auth import AuthError, TokenVerifier, mint_token, principal_of
from chuishao_shared.demo import demo_tokens
from chuishao_shared.settings import Settings
from support.tokens import sign as sign_with

SETTINGS = Settings(jwt_secret="unit-test-secret-that-is-long-enough-012345")
NOW = time.time()
DAY = 24 * 3600
YEAR = 365 * DAY


def _claims(**change: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "sub": "w1",
        "role": "grid_worker",
        "grids": ["XY-WQ-WY-G01"],
        "iss": SETTINGS.jwt_issuer,
        "aud": SETTINGS.jwt_audience,
        "iat": int(NOW),
        "exp": int(NOW) + 3600,
    }
    claims.update(change)
    return {k: v for k, v in claims.items() if v is not ...}


def sign(claims: dict[str, Any]) -> str:
    return sign_with(claims, SETTINGS.jwt_secret.get_secret_value())


def _token(**change: Any) -> str:
    return sign(_claims(**change))


@pytest.mark.parametrize(
    ("change", "claim"),
    [
        ({"exp": str(int(NOW) + 3600)}, "exp"),  # a string that int() would have taken
        ({"exp": True}, "exp"),
        ({"exp": int(NOW) + 100 * YEAR}, "exp"),  # a century
        ({"exp": int(NOW) + 2 * DAY}, "exp"),  # over the 24 h maximum
        ({"exp": int(NOW) + 2 * DAY, "iat": ...}, "exp"),  # no iat: counted from now
        ({"iat": int(NOW) - 2 * DAY}, "exp"),  # issued two days ago, still "valid" for an hour
        ({"iat": str(int(NOW))}, "iat"),
        ({"iat": int(NOW) + 3600}, "iat"),  # issued in the future
        ({"nbf": "soon"}, "nbf"),
        ({"exp": ...}, "exp"),
        ({"sub": ""}, "sub"),
        ({"sub": "   "}, "sub"),
        ({"sub": 7}, "sub"),
        ({"sub": ...}, "sub"),
        ({"role": 3}, "role"),
        ({"role": ["admin"]}, "role"),
        ({"role": "emperor"}, "role"),
        ({"grids": "XY-WQ-WY-G01"}, "grids"),
        ({"grids": [1]}, "grids"),
        ({"grids": [""]}, "grids"),
        ({"department": ["XY-GPS"]}, "department"),
        ({"department": {"code": "XY-GPS"}}, "department"),
        ({"jurisdiction": 5}, "jurisdiction"),
        ({"role": "liaison"}, "department"),  # a liaison speaks for a department
        ({"role": "liaison", "department": ""}, "department"),
        ({"role": "dispatcher"}, "jurisdiction"),  # no city-wide desk in PRODUCT.md §1, §7
        ({"role": "dispatcher", "jurisdiction": None}, "jurisdiction"),
        ({"role": "community_staff"}, "community"),  # the community side speaks for one community
        ({"role": "volunteer", "community": ""}, "community"),
        ({"role": "volunteer", "community": ["XY-WQ-WY"]}, "community"),
        ({"role": "unit_contact"}, "unit"),  # ... or one co-building unit
        ({"role": "unit_contact", "unit": 7}, "unit"),
        ({"aud": "other"}, "aud"),
        ({"iss": 1}, "iss"),
    ],
)
async def test_a_wrong_claim_is_refused_by_name(change: dict[str, Any], claim: str) -> None:
    with pytest.raises(AuthError) as refused:
        await TokenVerifier(SETTINGS).verify(_token(**change))
    assert refused.value.claim == claim, str(refused.value)


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"iat": ...},  # iat is optional
        {"exp": float(int(NOW) + 3600)},  # a NumericDate may have a fraction
        {"exp": int(NOW) + DAY, "iat": int(NOW)},  # exactly the maximum
        {"role": "liaison", "grids": ..., "department": "XY-GPS"},
        {"role": "dispatcher", "grids": ..., "jurisdiction": "XY-WQ"},
        {"role": "admin", "grids": None},
        {"role": "community_staff", "grids": ..., "community": "XY-WQ-WY"},
        {"role": "volunteer", "grids": ..., "community": "XY-WQ-WY"},
        {"role": "unit_contact", "grids": ..., "unit": "UNIT-1"},
    ],
)
async def test_well_typed_claims_within_the_lifetime_pass(change: dict[str, Any]) -> None:
    principal = await TokenVerifier(SETTINGS).verify(_token(**change))
    assert principal.sub == "w1"


def test_the_maximum_lifetime_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHUISHAO_JWT_MAX_LIFETIME", str(7 * DAY))
    assert Settings().jwt_max_lifetime == 7 * DAY
    week = _claims(exp=int(NOW) + 6 * DAY)
    principal, _ = principal_of(week, max_lifetime=7 * DAY, now=NOW)
    assert principal.sub == "w1"
    with pytest.raises(AuthError):
        principal_of(week, max_lifetime=DAY, now=NOW)


async def test_minted_tokens_stay_within_the_maximum() -> None:
    with pytest.raises(ValueError, match="MAX_LIFETIME"):
        mint_token(SETTINGS, sub="w1", role="admin", ttl_seconds=SETTINGS.jwt_max_lifetime + 1)
    token = mint_token(SETTINGS, sub="w1", role="admin", ttl_seconds=SETTINGS.jwt_max_lifetime)
    assert (await TokenVerifier(SETTINGS).verify(token)).role == "admin"


async def test_every_demo_token_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHUISHAO_JWT_SECRET", SETTINGS.jwt_secret.get_secret_value())
    verifier = TokenVerifier(SETTINGS)
    tokens = demo_tokens()
    for name, token in tokens.items():
        principal = await verifier.verify(token)
        assert principal.role == name.split(":")[0]
    assert "dispatcher:XY" in tokens and "liaison:XY-GPS" in tokens
    assert (await verifier.verify(tokens["volunteer:XY-WQ-WY"])).community == "XY-WQ-WY"
    assert (await verifier.verify(tokens["unit_contact:DEMO-UNIT"])).unit == "DEMO-UNIT"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
CLAIMS = ["sub", "role", "grids", "department", "jurisdiction", "exp", "iat", "nbf", "iss", "aud"]


@settings(max_examples=300, deadline=None)
@given(
    role=st.sampled_from(["grid_worker", "liaison", "dispatcher", "admin", "ops"]),
    changes=st.dictionaries(st.sampled_from(CLAIMS), JSON, min_size=1, max_size=3),
)
async def test_any_claim_values_give_a_principal_or_a_refusal_naming_a_claim(
    role: str, changes: dict[str, Any]
) -> None:
    claims = {**_claims(role=role, department="XY-GPS", jurisdiction="XY"), **changes}
    token = sign(claims)
    try:
        principal = await TokenVerifier(SETTINGS).verify(token)
    except AuthError as error:
        assert error.claim in CLAIMS, (claims, error)
    else:
        assert isinstance(principal.sub, str) and principal.sub.strip()
        assert principal.department is None or isinstance(principal.department, str)
        assert principal.jurisdiction is None or isinstance(principal.jurisdiction, str)
        assert all(isinstance(g, str) for g in principal.grids)
        assert isinstance(claims["exp"], int | float) and claims["exp"] - NOW <= DAY + 60
