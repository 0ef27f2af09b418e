"""JWT bearer authentication with the product's roles and claims.

Algorithms are fixed by configuration, never taken from the token: HS256 with a shared secret in
development, RS256 against a JWKS URL in production. `alg: none` is therefore always refused."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import jwt

from chuishao_shared.settings import Settings

ROLES = ("grid_worker", "liaison", "dispatcher", "admin", "ops")


@dataclass(frozen=True)
class Principal:
    sub: str
    role: str
    grids: frozenset[str] = field(default_factory=frozenset)
    department: str | None = None
    jurisdiction: str | None = None


class AuthError(Exception):
    pass


class TokenVerifier:
    """Verifies bearer tokens without ever blocking the event loop. With a JWKS the key set is
    fetched in a worker thread with a time-out, at most once per `JWKS_REFRESH_SECONDS`, and only
    for a key id it does not hold; unknown key ids are remembered as misses, so random `kid`s can
    neither stall requests nor flood the identity provider."""

    CACHE_SIZE = 4096
    CACHE_SECONDS = 300
    JWKS_REFRESH_SECONDS = 60.0
    JWKS_TIMEOUT_SECONDS = 3.0

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # A phone client sends the same token with every request: remember verified ones briefly
        # (never past their own expiry) instead of checking the signature each time.
        self._verified: OrderedDict[str, tuple[float, Principal]] = OrderedDict()
        self._keys: dict[str, Any] = {}
        self._misses: OrderedDict[str, float] = OrderedDict()
        self._last_refresh = float("-inf")
        self._refreshing: asyncio.Task[None] | None = None
        self.jwks_fetches = 0

    async def verify(self, token: str) -> Principal:
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
            raise AuthError(str(error)) from error
        role = claims.get("role")
        if role not in ROLES:
            raise AuthError(f"unknown role {role!r}")
        grids = claims.get("grids") or []
        if not isinstance(grids, list) or not all(isinstance(g, str) for g in grids):
            raise AuthError("claim 'grids' must be a list of grid codes")
        principal = Principal(
            sub=str(claims["sub"]),
            role=role,
            grids=frozenset(grids),
            department=claims.get("department"),
            jurisdiction=claims.get("jurisdiction"),
        )
        return principal, float(claims["exp"])


def mint_token(settings: Settings, *, sub: str, role: str, ttl_seconds: int = 12 * 3600, **claims: Any) -> str:
    """Development tokens (HS256). Production tokens come from the city's identity provider."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
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
