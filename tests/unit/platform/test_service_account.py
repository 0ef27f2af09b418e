"""A service's own account (chuishao_shared.service_account): client-credentials tokens fetched with HTTP
Basic client authentication, kept until shortly before they expire, fetched once more on a resource's 401,
one fetch for many callers; the provider's refusal named in the log without the secret; and the settings
that refuse an unsafe configuration."""

from __future__ import annotations

import asyncio
import base64
import logging
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from pydantic import ValidationError

from chuishao_shared.service_account import (
    ClientCredentials,
    DevelopmentToken,
    ServiceTokenError,
    StaticToken,
    authorized_get,
    credentials_for,
)
from chuishao_shared.settings import Settings

SECRET = "s3cret-of-the-intake-client-0123"
ISSUER = "http://127.0.0.1:8009"


class Provider:
    """A token endpoint (and discovery document) as an identity provider answers them."""

    def __init__(self, expires_in: int = 3600) -> None:
        self.expires_in = expires_in
        self.issued: list[str] = []
        self.requests: list[httpx.Request] = []
        self.refuse: dict[str, str] | None = None
        self.down = False
        self.discoveries = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if request.url.path == "/.well-known/openid-configuration":
            self.discoveries += 1
            return httpx.Response(200, json={"issuer": ISSUER, "token_endpoint": f"{ISSUER}/oauth/token"})
        self.requests.append(request)
        if self.refuse is not None:
            return httpx.Response(400, json=self.refuse)
        token = f"opaque-token-{len(self.issued) + 1}"
        self.issued.append(token)
        return httpx.Response(200, json={"access_token": token, "token_type": "Bearer", "expires_in": self.expires_in})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "service_name": "intake",
        "service_client_id": "chuishao-intake-service",
        "service_client_secret": SECRET,
        "service_token_url": f"{ISSUER}/token",
    }
    return Settings(**{**values, **overrides})


def source(provider: Provider, clock: Clock | None = None, **overrides: Any) -> ClientCredentials:
    return ClientCredentials(settings(**overrides), httpx.MockTransport(provider), clock or Clock())


async def test_a_token_is_fetched_with_basic_client_authentication_and_kept() -> None:
    provider = Provider()
    credentials = source(provider, service_token_scope="chuishao")
    assert await credentials.token() == "opaque-token-1"
    assert await credentials.token() == "opaque-token-1"
    (request,) = provider.requests
    assert str(request.url) == f"{ISSUER}/token"
    scheme, encoded = request.headers["authorization"].split()
    assert scheme == "Basic" and base64.b64decode(encoded).decode() == f"chuishao-intake-service:{SECRET}"
    assert parse_qs(request.content.decode()) == {"grant_type": ["client_credentials"], "scope": ["chuishao"]}
    assert SECRET not in request.content.decode()  # never in the form (client_secret_post is not used)


async def test_the_token_is_renewed_shortly_before_it_expires() -> None:
    provider, clock = Provider(expires_in=300), Clock()
    credentials = source(provider, clock)
    assert await credentials.token() == "opaque-token-1"
    clock.now += 300 - ClientCredentials.MARGIN_SECONDS - 1  # still a minute and more to live
    assert await credentials.token() == "opaque-token-1"
    clock.now += 2  # within the last minute: a new one
    assert await credentials.token() == "opaque-token-2"
    # A short-lived token is renewed at half its lifetime, never used up to its end.
    short = Provider(expires_in=20)
    clock = Clock()
    credentials = source(short, clock)
    await credentials.token()
    clock.now += 10.5
    assert await credentials.token() == "opaque-token-2"


async def test_many_callers_share_one_fetch() -> None:
    provider = Provider()
    credentials = source(provider)
    tokens = await asyncio.gather(*(credentials.token() for _ in range(8)))
    assert set(tokens) == {"opaque-token-1"} and len(provider.requests) == 1


async def test_a_401_from_the_resource_drops_the_token_and_retries_once_with_a_new_one() -> None:
    provider = Provider()
    credentials = source(provider)
    seen: list[str] = []
    revoked = {"opaque-token-1"}

    def resource(request: httpx.Request) -> httpx.Response:
        token = request.headers["authorization"].removeprefix("Bearer ")
        seen.append(token)
        return httpx.Response(401 if token in revoked else 200, json={"ok": True})

    async with httpx.AsyncClient(transport=httpx.MockTransport(resource)) as client:
        answer = await authorized_get(client, credentials, "http://dispatch.test/v1/people/changes", {"since": 0})
        assert answer.status_code == 200 and seen == ["opaque-token-1", "opaque-token-2"]
        # The new token is kept: the next call needs no fetch.
        await authorized_get(client, credentials, "http://dispatch.test/v1/people/changes", {"since": 0})
        assert len(provider.issued) == 2
        # A resource that refuses every token: one retry, then its 401 stands (no loop).
        revoked.update({"opaque-token-2", "opaque-token-3"})
        seen.clear()
        answer = await authorized_get(client, credentials, "http://dispatch.test/v1/people/changes", {"since": 0})
        assert answer.status_code == 401 and seen == ["opaque-token-2", "opaque-token-3"]


async def test_the_token_endpoint_is_found_by_discovery_once() -> None:
    provider = Provider()
    credentials = source(provider, service_token_url=None, oidc_issuer=ISSUER, oidc_client_id="chuishao-intake")
    await credentials.token()
    credentials.invalidate("opaque-token-1")
    await credentials.token()
    assert provider.discoveries == 1
    assert [str(r.url) for r in provider.requests] == [f"{ISSUER}/oauth/token"] * 2


async def test_a_refusal_is_named_in_the_log_without_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    provider = Provider()
    provider.refuse = {"error": "invalid_client", "error_description": "Client authentication failed"}
    credentials = source(provider)
    with pytest.raises(ServiceTokenError, match="invalid_client: Client authentication failed"):
        await credentials.token()
    provider.refuse, provider.down = None, True
    with pytest.raises(ServiceTokenError, match="could not be reached: ConnectError"):
        await credentials.token()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "chuishao-intake-service" in logged and "invalid_client" in logged
    assert SECRET not in logged and base64.b64encode(SECRET.encode()).decode()[:12] not in logged
    provider.down = False
    assert await credentials.token() == "opaque-token-1"  # and it recovers once the provider does


async def test_an_answer_without_a_bearer_token_is_refused() -> None:
    def odd(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"access_token": "x", "token_type": "mac"})

    credentials = ClientCredentials(settings(), httpx.MockTransport(odd))
    with pytest.raises(ServiceTokenError, match="no bearer access_token"):
        await credentials.token()


async def test_the_source_follows_the_settings() -> None:
    assert isinstance(credentials_for(settings(directory_token="static-token")), StaticToken)
    assert isinstance(credentials_for(settings()), ClientCredentials)
    development = credentials_for(settings(service_client_id=None, service_client_secret=None))
    assert isinstance(development, DevelopmentToken)
    assert (await development.token()).count(".") == 2  # a JWT minted with the development key


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"service_client_secret": None}, "go together"),
        ({"service_token_url": None}, "needs CHUISHAO_SERVICE_TOKEN_URL or CHUISHAO_OIDC_ISSUER"),
        ({"service_token_url": "http://sso.example.gov.cn/token"}, "SERVICE_TOKEN_URL must be an https URL"),
        ({"oidc_introspection_url": "http://sso.example.gov.cn/introspect"}, "INTROSPECTION_URL must be an https"),
        (
            {"service_client_id": None, "service_client_secret": None, "oidc_introspection_url": f"{ISSUER}/i"},
            "needs a client to introspect as",
        ),
    ],
)
def test_unsafe_or_incomplete_settings_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        settings(**overrides)


def test_production_needs_https_and_a_real_account() -> None:
    production = {
        "environment": "production",
        "jwt_jwks_url": "https://sso.example.gov.cn/jwks.json",
        "service_token_url": "https://sso.example.gov.cn/token",
    }
    assert settings(**production).service_client_id == "chuishao-intake-service"
    with pytest.raises(ValidationError, match="SERVICE_TOKEN_URL must be an https URL"):
        settings(**{**production, "service_token_url": f"{ISSUER}/token"})  # loopback is no excuse there
    with pytest.raises(ValidationError, match="CHUISHAO_SERVICE_CLIENT_SECRET"):
        settings(**production, service_client_secret="short")
    with pytest.raises(ValidationError, match="reads the directory at CHUISHAO_DIRECTORY_URL as a service account"):
        settings(**production, service_client_id=None, service_client_secret=None, directory_url="http://dispatch:8002")
    # A static token is still an accepted override.
    bare = {"service_client_id": None, "service_client_secret": None, "directory_url": "http://dispatch:8002"}
    assert settings(**production, **bare, directory_token="t").directory_token is not None
