"""Opaque bearer tokens by RFC 7662 introspection (chuishao_shared.introspection): an active answer is a
principal (a service account's subject when it names none), an inactive one a refusal, an unreachable
endpoint a refusal for now (never an acceptance); answers are kept by the token's hash, briefly and never
past its expiry; JWTs never go there."""

from __future__ import annotations

import asyncio
import base64
import time
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from chuishao_shared import introspection
from chuishao_shared.auth import AuthError, AuthUnavailable, TokenVerifier, mint_token
from chuishao_shared.introspection import Introspector, opaque_verifier
from chuishao_shared.settings import Settings

URL = "http://127.0.0.1:8009/introspect"
SECRET = "dispatch-introspection-secret-0123"


class Endpoint:
    """An introspection endpoint: `answers` by token; anything else is inactive."""

    def __init__(self) -> None:
        self.answers: dict[str, dict[str, Any]] = {}
        self.requests: list[httpx.Request] = []
        self.status = 200
        self.down = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if self.status != 200:
            return httpx.Response(self.status, json={"error": "invalid_client"})
        token = parse_qs(request.content.decode())["token"][0]
        return httpx.Response(200, json=self.answers.get(token, {"active": False}))


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "service_name": "dispatch",
        "oidc_introspection_url": URL,
        "oidc_introspection_client_id": "chuishao-dispatch-service",
        "oidc_introspection_client_secret": SECRET,
    }
    return Settings(**{**values, **overrides})


def introspector(endpoint: Endpoint, **overrides: Any) -> Introspector:
    return Introspector(settings(**overrides), httpx.MockTransport(endpoint))


def service_answer(client_id: str = "chuishao-intake-service", ttl: float = 3600, **claims: Any) -> dict[str, Any]:
    return {"active": True, "client_id": client_id, "scope": "chuishao", "exp": int(time.time() + ttl), **claims}


async def test_an_active_service_token_is_its_client_with_the_answers_role() -> None:
    endpoint = Endpoint()
    endpoint.answers["a1b2c3"] = service_answer(role="ops")
    check = introspector(endpoint)
    principal = await check.verify("a1b2c3")
    assert (principal.sub, principal.role) == ("service:chuishao-intake-service", "ops")
    (request,) = endpoint.requests
    scheme, encoded = request.headers["authorization"].split()
    assert scheme == "Basic" and base64.b64decode(encoded).decode() == f"chuishao-dispatch-service:{SECRET}"
    assert parse_qs(request.content.decode()) == {"token": ["a1b2c3"], "token_type_hint": ["access_token"]}
    # Kept: the next request with it asks nobody, and it is kept by its hash, not as itself.
    assert await check.verify("a1b2c3") == principal and len(endpoint.requests) == 1
    assert all("a1b2c3" not in key for key in check._answers)


async def test_a_subject_in_the_answer_wins_and_scope_claims_are_checked() -> None:
    endpoint = Endpoint()
    endpoint.answers["person"] = service_answer(sub="demo-liaison", role="liaison", department="XY-GPS")
    endpoint.answers["no-scope"] = service_answer(role="liaison")
    endpoint.answers["no-role"] = service_answer()
    check = introspector(endpoint)
    person = await check.verify("person")
    assert (person.sub, person.role, person.department) == ("demo-liaison", "liaison", "XY-GPS")
    with pytest.raises(AuthError, match="department") as refused:
        await check.verify("no-scope")
    assert refused.value.claim == "department"
    with pytest.raises(AuthError, match="role") as refused:
        await check.verify("no-role")
    assert refused.value.claim == "role"


async def test_an_inactive_or_unknown_token_is_refused_and_remembered_briefly() -> None:
    endpoint = Endpoint()
    check = introspector(endpoint)
    for _ in range(3):
        with pytest.raises(AuthError, match="not active"):
            await check.verify("deadbeef")
    assert len(endpoint.requests) == 1


async def test_answers_are_kept_briefly_and_never_past_the_tokens_expiry(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [time.time()]
    monkeypatch.setattr(introspection.time, "time", lambda: now[0])
    endpoint = Endpoint()
    endpoint.answers["long"] = service_answer(role="ops", ttl=3600)
    endpoint.answers["short"] = {**service_answer(role="ops"), "exp": int(now[0]) + 5}
    check = introspector(endpoint, oidc_introspection_cache_seconds=30)
    await check.verify("long")
    await check.verify("short")
    now[0] += 6  # the short one has expired: asked again, and the provider now says inactive
    endpoint.answers.pop("short")
    with pytest.raises(AuthError, match="not active"):
        await check.verify("short")
    await check.verify("long")
    assert len(endpoint.requests) == 3  # long is still kept
    now[0] += 30  # past the cache time: asked again (a revoked token is refused within it)
    endpoint.answers.pop("long")
    with pytest.raises(AuthError, match="not active"):
        await check.verify("long")


async def test_an_unreachable_or_refusing_endpoint_refuses_for_now_and_is_asked_again() -> None:
    endpoint = Endpoint()
    endpoint.answers["t1"] = service_answer(role="ops")
    check = introspector(endpoint)
    endpoint.down = True
    with pytest.raises(AuthUnavailable, match="unavailable"):
        await check.verify("t1")
    endpoint.down, endpoint.status = False, 401  # our own introspecting client is refused
    with pytest.raises(AuthUnavailable, match="refused this service's introspection client"):
        await check.verify("t1")
    endpoint.status = 503
    with pytest.raises(AuthUnavailable):
        await check.verify("t1")
    endpoint.status = 200  # nothing was kept from the failures
    assert (await check.verify("t1")).role == "ops"


async def test_concurrent_requests_with_one_new_token_share_one_introspection() -> None:
    endpoint = Endpoint()
    endpoint.answers["shared"] = service_answer(role="ops")
    check = introspector(endpoint)
    principals = await asyncio.gather(*(check.verify("shared") for _ in range(10)))
    assert len({p.sub for p in principals}) == 1 and len(endpoint.requests) == 1


async def test_the_verifier_sends_only_non_jwts_to_introspection() -> None:
    endpoint = Endpoint()
    endpoint.answers["opaque"] = service_answer(role="ops")
    configured = settings()
    verifier = TokenVerifier(configured, opaque=Introspector(configured, httpx.MockTransport(endpoint)))
    jwt = mint_token(configured, sub="demo-admin", role="admin", ttl_seconds=60)
    assert (await verifier.verify(jwt)).sub == "demo-admin"
    # The rate limiter's look (ask=False) never introspects: unknown until a route has checked it.
    with pytest.raises(AuthError, match="not been introspected"):
        await verifier.verify("opaque", ask=False)
    assert endpoint.requests == []
    assert (await verifier.verify("opaque")).sub == "service:chuishao-intake-service"
    assert (await verifier.verify("opaque", ask=False)).sub == "service:chuishao-intake-service"
    assert len(endpoint.requests) == 1
    # Without an introspection URL a non-JWT stays what it was: an invalid token.
    plain = TokenVerifier(Settings(environment="test"), opaque=opaque_verifier(Settings(environment="test")))
    with pytest.raises(AuthError):
        await plain.verify("opaque")
