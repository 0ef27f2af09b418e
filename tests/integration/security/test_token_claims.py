"""Token and claim-type fuzz over real HTTP (issue 28): a correctly signed token whose claim has the
wrong type or value — a list for `department`, a string for `grids` or `exp`, a number for `role`, an
empty `sub`, a century of life, a desk without its jurisdiction — is answered 401 with a problem
naming the claim, by intake and by dispatch alike; never a 500."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chuishao_shared.auth import ROLES, mint_token
from support.factories import GRID, bearer
from support.system import System
from support.tokens import sign

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
NOW = int(time.time())
DAY = 24 * 3600


def _not_text(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


def _not_number(value: Any) -> bool:
    return isinstance(value, bool) or not isinstance(value, int | float)


# (claim, role the token carries, a wrong value for that claim)
WRONG = st.one_of(
    st.tuples(st.just("sub"), st.just("grid_worker"), JSON.filter(_not_text)),
    st.tuples(st.just("role"), st.just("grid_worker"), JSON.filter(lambda v: not (isinstance(v, str) and v in ROLES))),
    st.tuples(
        st.just("grids"),
        st.just("grid_worker"),
        JSON.filter(lambda v: v is not None and (not isinstance(v, list) or any(map(_not_text, v)))),
    ),
    st.tuples(st.just("department"), st.just("liaison"), JSON.filter(_not_text)),
    st.tuples(st.just("department"), st.just("grid_worker"), JSON.filter(lambda v: v is not None and _not_text(v))),
    st.tuples(st.just("jurisdiction"), st.just("dispatcher"), JSON.filter(_not_text)),
    st.tuples(
        st.just("exp"),
        st.sampled_from(["grid_worker", "dispatcher"]),
        JSON.filter(_not_number)
        | st.integers(NOW + 2 * DAY, NOW + 200 * 365 * DAY)
        | st.floats(min_value=NOW + 2 * DAY)
        | st.integers(0, NOW - 10),
    ),
    st.tuples(
        st.just("iat"),
        st.just("grid_worker"),
        JSON.filter(lambda v: v is not None and _not_number(v)) | st.integers(NOW + 3600, NOW + 365 * DAY),
    ),
    st.tuples(st.just("nbf"), st.just("grid_worker"), JSON.filter(lambda v: v is not None and _not_number(v))),
    st.tuples(st.just("iss"), st.just("grid_worker"), JSON.filter(lambda v: v != "chuishao-dev")),
    st.tuples(
        st.just("aud"),
        st.just("grid_worker"),
        JSON.filter(lambda v: v != "chuishao" and not (isinstance(v, list) and "chuishao" in v)),
    ),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wrong=WRONG)
async def test_a_claim_of_the_wrong_type_or_value_is_a_401_naming_it(
    chuishao: System, wrong: tuple[str, str, Any]
) -> None:
    claim, role, value = wrong
    s = chuishao.dispatch.settings
    assert (s.jwt_issuer, s.jwt_audience) == ("chuishao-dev", "chuishao")
    claims: dict[str, Any] = {
        "sub": "fuzz",
        "role": role,
        "iss": s.jwt_issuer,
        "aud": s.jwt_audience,
        "iat": int(time.time()),
        "exp": int(time.time()) + 3600,
        **{"grid_worker": {"grids": [GRID]}, "liaison": {"department": "XY-GPS"}}.get(role, {}),
        **({"jurisdiction": "XY"} if role == "dispatcher" else {}),
        claim: value,
    }
    token = sign(claims, s.jwt_secret.get_secret_value())
    for client, path in ((chuishao.intake.client, "/v1/reports"), (chuishao.dispatch.client, "/v1/cases")):
        response = await client.get(path, headers=bearer(token))
        assert response.status_code == 401, (path, claims, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["errors"][0]["field"] == claim, (claims, response.text)


async def test_a_desk_without_a_jurisdiction_sees_no_district(chuishao: System) -> None:
    """A dispatcher token without `jurisdiction` used to read the overdue counts of all five districts."""
    s = chuishao.dispatch.settings
    now = int(time.time())
    base = {"sub": "desk", "role": "dispatcher", "iss": s.jwt_issuer, "aud": s.jwt_audience, "exp": now + 600}
    for claims in (base, {**base, "jurisdiction": None}, {**base, "jurisdiction": ""}):
        response = await chuishao.dispatch.client.get(
            "/v1/overdue", headers=bearer(sign(claims, s.jwt_secret.get_secret_value()))
        )
        assert response.status_code == 401, response.text
        assert response.json()["errors"] == [
            {"field": "jurisdiction", "message": "claim 'jurisdiction' must be a non-empty string"}
        ]
    desk = bearer(mint_token(s, sub="desk", role="dispatcher", jurisdiction="XY"))
    assert (await chuishao.dispatch.client.get("/v1/overdue", headers=desk)).status_code == 200
