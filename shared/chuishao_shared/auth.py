"""JWT bearer authentication with the product's roles and claims.

Algorithms are fixed by configuration, never taken from the token: HS256 with a shared secret in
development, RS256 against a JWKS URL in production. `alg: none` is therefore always refused."""

from __future__ import annotations

import time
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
    CACHE_SIZE = 4096
    CACHE_SECONDS = 300

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_jwks_url else None
        # A phone client sends the same token with every request: remember verified ones briefly
        # (never past their own expiry) instead of checking the signature each time.
        self._verified: dict[str, tuple[float, Principal]] = {}

    def verify(self, token: str) -> Principal:
        now = time.time()
        cached = self._verified.get(token)
        if cached is not None and cached[0] > now:
            return cached[1]
        principal, expires = self._verify(token)
        if len(self._verified) >= self.CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = (min(expires, now + self.CACHE_SECONDS), principal)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            if self._jwks is not None:
                key: Any = self._jwks.get_signing_key_from_jwt(token).key
                algorithms = ["RS256"]
            else:
                key = self.settings.jwt_secret.get_secret_value()
                algorithms = ["HS256"]
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
