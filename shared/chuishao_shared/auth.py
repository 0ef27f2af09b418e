"""JWT bearer authentication with the product's roles and claims.

Algorithms are fixed by configuration, never taken from the token: HS256 with a shared secret in
development, RS256 against a JWKS URL in production. `alg: none` is therefore always refused. A token
that is not a JWT (an opaque client-credentials token) is checked by introspection when
`oidc_introspection_url` is set (chuishao_shared.introspection)."""

from __future__ import annotations

import asyncio
import json
import math
import re
import time
import urllib.request
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol

import jwt

from chuishao_shared.settings import Settings

ROLES = ("grid_worker", "liaison", "dispatcher", "admin", "ops", "community_staff", "volunteer", "unit_contact")


@dataclass(frozen=True)
class Principal:
    sub: str
    role: str
    grids: frozenset[str] = field(default_factory=frozenset)
    department: str | None = None
    jurisdiction: str | None = None
    # The community side (COMMUNITY.md §1): staff and volunteers speak for one community, a unit's
    # contact for one co-building unit.
    community: str | None = None
    unit: str | None = None


class AuthError(Exception):
    """A refused token; `claim` names the claim at fault when there is one (the problem's `errors`)."""

    def __init__(self, message: str, *, claim: str | None = None) -> None:
        super().__init__(message)
        self.claim = claim


class AuthUnavailable(AuthError):
    """The token could not be checked (the identity provider's introspection endpoint is down): refused as
    a 503, never accepted."""


class OpaqueTokens(Protocol):
    """Checks bearer tokens that are not JWTs (chuishao_shared.introspection.Introspector)."""

    async def verify(self, token: str) -> Principal: ...

    def known(self, token: str) -> Principal | None: ...


class TokenVerifier:
    """Verifies bearer tokens without ever blocking the event loop. With a JWKS the key set is
    fetched in a worker thread with a time-out, at most once per `JWKS_REFRESH_SECONDS`, and only
    for a key id it does not hold; unknown key ids are remembered as misses, so random `kid`s can
    neither stall requests nor flood the identity provider."""

    CACHE_SIZE = 4096
    CACHE_SECONDS = 300
    JWKS_REFRESH_SECONDS = 60.0
    JWKS_TIMEOUT_SECONDS = 3.0

    def __init__(self, settings: Settings, opaque: OpaqueTokens | None = None) -> None:
        self.settings = settings
        # A phone client sends the same token with every request: remember verified ones briefly
        # (never past their own expiry) instead of checking the signature each time.
        self._verified: OrderedDict[str, tuple[float, Principal]] = OrderedDict()
        self._keys: dict[str, Any] = {}
        self._misses: OrderedDict[str, float] = OrderedDict()
        self._last_refresh = float("-inf")
        self._refreshing: asyncio.Task[None] | None = None
        self.jwks_fetches = 0
        # Opaque tokens (not JWTs): RFC 7662 introspection when configured (chuishao_shared.introspection).
        self.opaque = opaque

    async def verify(self, token: str, *, ask: bool = True) -> Principal:
        """The token's principal. `ask=False` (the rate limiter, before any route): an opaque token only
        from what introspection already said, so a flood of made-up tokens costs the provider nothing."""
        if self.opaque is not None and token.count(".") != 2:
            if ask:
                return await self.opaque.verify(token)
            known = self.opaque.known(token)
            if known is None:
                raise AuthError("the token has not been introspected yet")
            return known
        now = time.time()
        cached = self._verified.get(token)
        if cached is not None and cached[0] > now:
            self._verified.move_to_end(token)
            return cached[1]
        key, algorithms = await self._key_for(token)
        principal, expires = self._verify(token, key, algorithms)
        self._verified[token] = (min(expires, now + self.CACHE_SECONDS), principal)
        if len(self._verified) > self.CACHE_SIZE:
            self._verified.popitem(last=False)
        return principal

    async def _key_for(self, token: str) -> tuple[Any, list[str]]:
        url = self.settings.jwt_jwks_url
        if url is None:
            return self.settings.jwt_secret.get_secret_value(), ["HS256"]
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as error:
            raise AuthError(str(error)) from error
        if not isinstance(kid, str) or not kid:
            raise AuthError("the token names no key id")
        key = self._keys.get(kid)
        if key is None:
            now = time.monotonic()
            if self._misses.get(kid, 0.0) > now:
                raise AuthError("unknown key id")
            await self._refresh(now)
            key = self._keys.get(kid)
            if key is None:
                self._misses[kid] = now + self.JWKS_REFRESH_SECONDS
                if len(self._misses) > self.CACHE_SIZE:
                    self._misses.popitem(last=False)
                raise AuthError("unknown key id")
        return key, ["RS256"]

    async def _refresh(self, now: float) -> None:
        """One fetch at a time, and none within `JWKS_REFRESH_SECONDS` of the last one."""
        if self._refreshing is None:
            if now - self._last_refresh < self.JWKS_REFRESH_SECONDS:
                return
            self._last_refresh = now
            self._refreshing = asyncio.create_task(self._fetch())
        task = self._refreshing
        try:
            await asyncio.shield(task)
        except Exception as error:
            raise AuthError("the identity provider's key set is unavailable") from error

    async def _fetch(self) -> None:
        try:
            self.jwks_fetches += 1
            document = await asyncio.wait_for(asyncio.to_thread(self._download), self.JWKS_TIMEOUT_SECONDS)
            key_set = jwt.PyJWKSet.from_dict(document)
            self._keys = {k.key_id: k.key for k in key_set.keys if k.key_id}
            self._misses.clear()
        finally:
            self._refreshing = None

    def _download(self) -> dict[str, Any]:
        url = self.settings.jwt_jwks_url
        assert url is not None
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=self.JWKS_TIMEOUT_SECONDS) as response:  # noqa: S310 (https enforced by settings)
            document: dict[str, Any] = json.loads(response.read(1 << 20))
        return document

    def _verify(self, token: str, key: Any, algorithms: list[str]) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise AuthError(str(error), claim=_claim_of(error)) from error
        return principal_of(claims, max_lifetime=self.settings.jwt_max_lifetime, now=time.time())


# Clock skew allowed on the lifetime bound (PyJWT itself allows none on `exp`, `nbf` and `iat`).
LEEWAY_SECONDS = 60
# Which scope claim each role must carry: a role's scope is never "everything" by omission.
SCOPE_CLAIMS = {
    "liaison": "department",
    "dispatcher": "jurisdiction",
    "community_staff": "community",
    "volunteer": "community",
    "unit_contact": "unit",
}
_PYJWT_CLAIMS = re.compile(r"\((exp|nbf|iat|iss|aud|sub|jti)\)")


def _claim_of(error: jwt.PyJWTError) -> str | None:
    if isinstance(error, jwt.MissingRequiredClaimError):
        return error.claim
    if isinstance(error, jwt.ExpiredSignatureError):
        return "exp"
    if isinstance(error, jwt.InvalidIssuedAtError):
        return "iat"
    if isinstance(error, jwt.InvalidAudienceError):
        return "aud"
    if isinstance(error, jwt.InvalidIssuerError):
        return "iss"
    if isinstance(error, jwt.exceptions.InvalidSubjectError):
        return "sub"
    found = _PYJWT_CLAIMS.search(str(error))
    return found.group(1) if found else None


def _number(claims: dict[str, Any], name: str) -> float | None:
    """A NumericDate (RFC 7519 §2): a JSON number, never a string, a boolean or infinity."""
    value = claims.get(name)
    if value is None and name != "exp":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AuthError(f"claim '{name}' must be a number of seconds since the epoch", claim=name)
    return float(value)


def _text(claims: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = claims.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise AuthError(f"claim '{name}' must be a non-empty string", claim=name)
    return value


def principal_of(claims: dict[str, Any], *, max_lifetime: float, now: float) -> tuple[Principal, float]:
    """The principal a signature-checked token's claims name, and when it expires. Every claim is
    checked by type (a wrong one is a 401 naming it, never a 500 further in), the lifetime is bounded,
    and each role carries its scope."""
    exp = _number(claims, "exp")
    assert exp is not None
    iat = _number(claims, "iat")
    nbf = _number(claims, "nbf")
    if iat is not None and iat > now + LEEWAY_SECONDS:
        raise AuthError("claim 'iat' lies in the future", claim="iat")
    if nbf is not None and nbf > now + LEEWAY_SECONDS:
        raise AuthError("claim 'nbf' lies in the future", claim="nbf")
    issued = iat if iat is not None else now
    if exp - min(issued, now) > max_lifetime + LEEWAY_SECONDS:
        raise AuthError(f"claim 'exp' gives a lifetime over the maximum of {max_lifetime:.0f} s", claim="exp")
    sub = _text(claims, "sub", required=True)
    assert sub is not None
    role = claims.get("role")
    if not isinstance(role, str) or role not in ROLES:
        raise AuthError(f"claim 'role' must be one of {', '.join(ROLES)}", claim="role")
    grids = claims.get("grids")
    if grids is None:
        grids = []
    if not isinstance(grids, list) or not all(isinstance(g, str) and g.strip() for g in grids):
        raise AuthError("claim 'grids' must be a list of grid codes", claim="grids")
    department = _text(claims, "department", required=SCOPE_CLAIMS.get(role) == "department")
    jurisdiction = _text(claims, "jurisdiction", required=SCOPE_CLAIMS.get(role) == "jurisdiction")
    community = _text(claims, "community", required=SCOPE_CLAIMS.get(role) == "community")
    unit = _text(claims, "unit", required=SCOPE_CLAIMS.get(role) == "unit")
    principal = Principal(
        sub=sub,
        role=role,
        grids=frozenset(grids),
        department=department,
        jurisdiction=jurisdiction,
        community=community,
        unit=unit,
    )
    return principal, exp


def mint_token(settings: Settings, *, sub: str, role: str, ttl_seconds: int = 12 * 3600, **claims: Any) -> str:
    """Development tokens (HS256). Production tokens come from the city's identity provider."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if not 0 < ttl_seconds <= settings.jwt_max_lifetime:
        raise ValueError(f"ttl_seconds must lie within CHUISHAO_JWT_MAX_LIFETIME ({settings.jwt_max_lifetime} s)")
    now = int(time.time())
    payload = {
        "sub": sub,
        "role": role,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    payload.update({k: v for k, v in claims.items() if v is not None})
    return jwt.encode(payload, settings.jwt_secret.get_secret_value(), algorithm="HS256")
