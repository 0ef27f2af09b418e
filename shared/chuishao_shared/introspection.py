"""Opaque bearer tokens, checked by OAuth 2.0 token introspection (RFC 7662).

Some identity providers issue client-credentials access tokens that are not JWTs (django-oidc-provider,
the embedded provider of `make run`, issues uuid strings); Keycloak and Entra ID issue JWTs, which are
verified against the key set and never come here. With `oidc_introspection_url` set, a token that is not
a JWT is posted there as this service's introspecting client (client_secret_basic):

- `active: false` (unknown, expired, revoked, or a client the provider does not let introspect) is a 401;
- `active: true` gives the principal: `sub`, else `service:<client_id>` (a service account), and the role
  and scope claims of the answer, checked as a JWT's are (`auth.principal_of`); the directory still wins
  for a subject it lists;
- the endpoint unreachable or failing is `AuthUnavailable` (a 503): a token is never accepted unchecked.

Answers are kept by the SHA-256 of the token (never the token itself), for
`oidc_introspection_cache_seconds` at most and never past the token's `exp`; a revoked token is
therefore refused within that time. Concurrent requests with one new token share one introspection."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from typing import Any

import httpx

from chuishao_shared.auth import AuthError, AuthUnavailable, Principal, principal_of
from chuishao_shared.service_account import basic_auth, describe_http_error
from chuishao_shared.settings import Settings
from chuishao_shared.tls import client_tls

log = logging.getLogger(__name__)


def looks_like_jwt(token: str) -> bool:
    """A JWS compact serialisation has three dot-separated parts; an opaque token (a uuid) has none."""
    return token.count(".") == 2


class Introspector:
    CACHE_SIZE = 4096
    INACTIVE_SECONDS = 10.0  # a refused token is remembered briefly, so a client retrying it costs nothing
    TIMEOUT_SECONDS = 3.0

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        assert settings.oidc_introspection_url and settings.introspection_credentials
        self.url = settings.oidc_introspection_url
        self.client_id, secret = settings.introspection_credentials
        self._authorization = basic_auth(self.client_id, secret)
        self.max_lifetime = settings.jwt_max_lifetime
        self.cache_seconds = settings.oidc_introspection_cache_seconds
        self.transport = transport
        self._tls = client_tls()
        # hash → (kept until, the principal or the refusal)
        self._answers: OrderedDict[str, tuple[float, Principal | AuthError]] = OrderedDict()
        self._pending: dict[str, asyncio.Future[tuple[float, Principal | AuthError]]] = {}
        self.calls = 0

    def known(self, token: str) -> Principal | None:
        """The principal of a token introspected lately, without asking (None: not known, or refused)."""
        kept = self._answers.get(hashlib.sha256(token.encode()).hexdigest())
        return kept[1] if kept is not None and kept[0] > time.time() and isinstance(kept[1], Principal) else None

    async def verify(self, token: str) -> Principal:
        key = hashlib.sha256(token.encode()).hexdigest()
        now = time.time()
        kept = self._answers.get(key)
        if kept is None or kept[0] <= now:
            kept = await self._shared(key, token)
        answer = kept[1]
        if isinstance(answer, AuthError):
            raise AuthError(str(answer), claim=answer.claim)  # a fresh one: a kept exception gathers tracebacks
        return answer

    async def _shared(self, key: str, token: str) -> tuple[float, Principal | AuthError]:
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.get_running_loop().create_future()
            self._pending[key] = pending
            try:
                pending.set_result(await self._introspect(key, token))
            except asyncio.CancelledError:
                pending.cancel()
                raise
            except Exception as error:
                pending.set_exception(error)
                pending.exception()  # marked retrieved: nobody else may be waiting
                raise
            finally:
                del self._pending[key]
        return await asyncio.shield(pending)

    async def _introspect(self, key: str, token: str) -> tuple[float, Principal | AuthError]:
        self.calls += 1
        headers = {"Authorization": self._authorization, "Accept": "application/json"}
        form = {"token": token, "token_type_hint": "access_token"}
        try:
            async with httpx.AsyncClient(
                timeout=self.TIMEOUT_SECONDS, transport=self.transport, verify=self._tls
            ) as client:
                response = await client.post(self.url, data=form, headers=headers)
            if response.status_code in (401, 403):
                # Our own client was refused: a configuration fault of this service, not the caller's.
                log.error(
                    "introspection: the identity provider refused client %s (HTTP %s)",
                    self.client_id,
                    response.status_code,
                )
                raise AuthUnavailable("the identity provider refused this service's introspection client")
            response.raise_for_status()
            body = response.json()
            if not isinstance(body, dict):
                raise ValueError("not a JSON object")
        except (httpx.HTTPError, ValueError) as error:
            log.warning("introspection: %s did not answer (%s)", self.url, describe_http_error(error))
            raise AuthUnavailable("the identity provider's introspection endpoint is unavailable") from None
        now = time.time()
        if body.get("active") is not True:
            return self._keep(key, now + self.INACTIVE_SECONDS, AuthError("the token is not active (introspection)"))
        try:
            principal, expires = principal_of(
                _claims(body, now, self.cache_seconds), max_lifetime=self.max_lifetime, now=now
            )
        except AuthError as error:
            return self._keep(key, now + self.INACTIVE_SECONDS, AuthError(str(error), claim=error.claim))
        if expires <= now:
            return self._keep(key, now + self.INACTIVE_SECONDS, AuthError("the token has expired", claim="exp"))
        return self._keep(key, min(expires, now + self.cache_seconds), principal)

    def _keep(self, key: str, until: float, answer: Principal | AuthError) -> tuple[float, Principal | AuthError]:
        self._answers[key] = (until, answer)
        self._answers.move_to_end(key)
        if len(self._answers) > self.CACHE_SIZE:
            self._answers.popitem(last=False)
        return until, answer


def _claims(body: dict[str, Any], now: float, cache_seconds: float) -> dict[str, Any]:
    """An active introspection answer as the claims `principal_of` checks: a service account's subject
    when the answer names none, and an expiry bounding the cache when it gives none."""
    claims = dict(body)
    if not claims.get("sub"):
        client_id = claims.get("client_id")
        if not isinstance(client_id, str) or not client_id:
            raise AuthError("the introspection answer names neither a subject nor a client", claim="sub")
        claims["sub"] = f"service:{client_id}"
    if claims.get("exp") is None:
        claims["exp"] = now + max(cache_seconds, 1.0)
    return claims


def opaque_verifier(settings: Settings) -> Introspector | None:
    """What the bearer verifier does with a token that is not a JWT: introspect it, when configured."""
    return Introspector(settings) if settings.oidc_introspection_url else None
