"""This service's own account at the identity provider: bearer tokens for its calls to other services.

Three sources, in this order (`credentials_for`):
- `directory_token`: a static token set by hand (an override; it expires when its issuer says);
- the OAuth2 client-credentials grant (RFC 6749 §4.4) with `service_client_id` and
  `service_client_secret`, client authentication `client_secret_basic` (RFC 6749 §2.3.1), at
  `service_token_url` or the `token_endpoint` of `oidc_issuer`'s discovery document. The access token
  is kept until shortly before its `expires_in`, then fetched again; a 401 from the resource drops it
  and the call is made once more with a new one (revoked, or the provider restarted);
- outside production with nothing configured: a short HS256 development token minted here.

A refusal by the provider is logged with its `error` and `error_description`, never the secret or a
token."""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings
from chuishao_shared.tls import client_tls

log = logging.getLogger(__name__)


class ServiceTokenError(Exception):
    """No access token could be had (the provider refused, or could not be reached)."""


class Credentials(Protocol):
    async def token(self) -> str: ...

    def invalidate(self, token: str) -> None: ...


class StaticToken:
    def __init__(self, value: str) -> None:
        self._value = value

    async def token(self) -> str:
        return self._value

    def invalidate(self, token: str) -> None:
        """A static token cannot be renewed here: the resource's 401 stands."""


class DevelopmentToken:
    """A short HS256 token for `service:<name>` with role ops (development and tests only)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def token(self) -> str:
        ttl = int(min(600, self.settings.jwt_max_lifetime))
        return mint_token(self.settings, sub=f"service:{self.settings.service_name}", role="ops", ttl_seconds=ttl)

    def invalidate(self, token: str) -> None:
        """Each call mints a fresh one."""


def basic_auth(client_id: str, secret: str) -> str:
    """HTTP Basic credentials as RFC 6749 §2.3.1 has them: each part form-urlencoded first."""
    pair = f"{quote(client_id, safe='')}:{quote(secret, safe='')}".encode()
    return "Basic " + base64.b64encode(pair).decode()


class ClientCredentials:
    """Access tokens of `client_id` by the client-credentials grant, one fetch at a time."""

    # Renew this long before `expires_in` runs out (or at half the lifetime for short-lived tokens), so a
    # token never expires between being taken here and being checked by the resource.
    MARGIN_SECONDS = 60.0
    DEFAULT_LIFETIME = 300.0  # when the provider gives no `expires_in`
    TIMEOUT_SECONDS = 5.0

    def __init__(
        self,
        settings: Settings,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        assert settings.service_client_id and settings.service_client_secret
        self.client_id = settings.service_client_id
        self._secret = settings.service_client_secret
        self.token_url = settings.service_token_url
        self.issuer = settings.oidc_issuer
        self.scope = settings.service_token_scope
        self.transport = transport
        self.clock = clock
        self._tls = client_tls()
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock = asyncio.Lock()
        self.fetches = 0

    async def token(self) -> str:
        if self._token is not None and self.clock() < self._renew_at:
            return self._token
        async with self._lock:  # callers waiting here take the token the first one fetched
            if self._token is None or self.clock() >= self._renew_at:
                self._token, lifetime = await self._fetch()
                self._renew_at = self.clock() + max(lifetime - min(self.MARGIN_SECONDS, lifetime / 2), 0.0)
            return self._token

    def invalidate(self, token: str) -> None:
        if self._token == token:
            self._token = None

    async def _endpoint(self, client: httpx.AsyncClient) -> str:
        if self.token_url is None:
            url = f"{(self.issuer or '').rstrip('/')}/.well-known/openid-configuration"
            try:
                answer = await client.get(url)
                answer.raise_for_status()
                self.token_url = str(answer.json()["token_endpoint"])
            except (httpx.HTTPError, ValueError, KeyError) as error:
                reason = describe_http_error(error)
                raise self._fail(f"its discovery document ({url}) names no token endpoint: {reason}") from None
        return self.token_url

    async def _fetch(self) -> tuple[str, float]:
        self.fetches += 1
        form = {"grant_type": "client_credentials"}
        if self.scope:
            form["scope"] = self.scope
        headers = {
            "Authorization": basic_auth(self.client_id, self._secret.get_secret_value()),
            "Accept": "application/json",
        }
        timeout = httpx.Timeout(self.TIMEOUT_SECONDS)
        async with httpx.AsyncClient(timeout=timeout, transport=self.transport, verify=self._tls) as client:
            url = await self._endpoint(client)
            try:
                answer = await client.post(url, data=form, headers=headers)
            except httpx.HTTPError as error:
                reason = describe_http_error(error)
                raise self._fail(f"its token endpoint {url} could not be reached: {reason}") from None
        body = _json(answer)
        if answer.status_code != 200:
            code = body.get("error") or f"HTTP {answer.status_code}"
            described = f": {body['error_description']}" if body.get("error_description") else ""
            raise self._fail(f"it answered {code}{described}")
        token = body.get("access_token")
        if not isinstance(token, str) or not token or str(body.get("token_type", "bearer")).lower() != "bearer":
            raise self._fail("its answer holds no bearer access_token")
        lifetime = body.get("expires_in")
        if isinstance(lifetime, bool) or not isinstance(lifetime, int | float) or lifetime <= 0:
            lifetime = self.DEFAULT_LIFETIME
        return token, float(lifetime)

    def _fail(self, reason: str) -> ServiceTokenError:
        message = f"service account {self.client_id}: no access token from the identity provider, {reason}"
        log.error("%s", message)
        return ServiceTokenError(message)


def _json(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def describe_http_error(error: Exception) -> str:
    """An HTTP error by its kind and status only (its text could echo a request)."""
    if isinstance(error, httpx.HTTPStatusError):
        return f"HTTP {error.response.status_code}"
    return type(error).__name__


def credentials_for(settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> Credentials:
    """This service's bearer credentials for other services' APIs (see the module's docstring)."""
    if settings.directory_token is not None:
        return StaticToken(settings.directory_token.get_secret_value())
    if settings.service_client_id and settings.service_client_secret:
        return ClientCredentials(settings, transport)
    if settings.environment == "production":  # the settings refuse this; never mint with the development key
        raise ServiceTokenError("production needs CHUISHAO_SERVICE_CLIENT_ID and _SECRET for service calls")
    return DevelopmentToken(settings)


async def authorized_get(
    client: httpx.AsyncClient, credentials: Credentials, url: str, params: dict[str, Any]
) -> httpx.Response:
    """GET with the service's bearer token; on a 401 the token is dropped and the call made once more."""
    token = await credentials.token()
    answer = await client.get(url, params=params, headers={"Authorization": f"Bearer {token}"})
    if answer.status_code == 401:
        credentials.invalidate(token)
        fresh = await credentials.token()
        if fresh != token:
            answer = await client.get(url, params=params, headers={"Authorization": f"Bearer {fresh}"})
    return answer
