"""Notify's roster and escalation API, read for the console user (the console's duty view, entrypoints/duty.py).

Whose authority: always the caller's own, never dispatch's.

- A bearer token (an API client, a `#token=` console) is passed through unchanged, as the staff map does
  with the community service.
- A console signed in through the city's identity provider holds only dispatch's session cookie, which
  notify can neither see nor check. Where tokens come from the identity provider (production:
  `CHUISHAO_JWT_JWKS_URL` set), dispatch forwards **the provider's own access token for that person**,
  kept encrypted in the session at sign-in (chuishao_shared.signin, `keep_provider_token`): notify checks it
  as any bearer — a JWT by the key set, an opaque token by RFC 7662 introspection — and its directory
  resolves the person's role and scope. An access token within `TOKEN_LEEWAY_SECONDS` of its expiry is first
  renewed with the session's refresh token, if the provider gave one; without one, or when the provider
  refuses to renew it, or when the session holds none (a WeCom or DingTalk sign-in, a token too large for
  the cookie), the answer is `available: false, cause: "sign_in"`, asking the person to sign in again.
- Where dispatch holds the key notify verifies with (HS256: development, tests, `make run`) it states the
  person it has already checked instead, with exactly the role and scope the session resolved to (the
  directory's for a subject it knows), in a token of 60 s for notify's audience that names dispatch as the
  actor (RFC 8693 `act`).

Dispatch never reads with rights of its own, and never logs a token. Notify checks the token and scopes the
answer as for any caller (a liaison: their own department only)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import httpx

from chuishao_shared.auth import Principal, mint_token
from chuishao_shared.problems import Problem
from chuishao_shared.settings import Settings
from chuishao_shared.signin import ProviderToken
from chuishao_shared.tls import client_tls

log = logging.getLogger("chuishao.dispatch.notify_api")

TIMEOUT_SECONDS = 5.0
DELEGATED_SECONDS = 60


class Unavailable(Exception):
    """Notify was not asked, or gave no usable answer: the view says so; `cause` is `unreachable` (notify, or
    the identity provider renewing a token) or `sign_in` (this sign-in cannot be passed on: sign in again)."""

    def __init__(self, reason: str, cause: str = "unreachable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.cause = cause


SIGN_IN_AGAIN = "your sign-in with the city's identity provider has expired; sign in again to see the duty view"
Refresh = Callable[[ProviderToken], Awaitable[ProviderToken | None]]


async def authorization_for(
    sent: str,
    principal: Principal,
    settings: Settings,
    held: ProviderToken | None = None,
    refresh: Refresh | None = None,
    now: float | None = None,
) -> str:
    """The Authorization header that asks notify as the caller (see the module's note): `sent`, the one the
    caller sent, if any; `held`, the provider's access token the session keeps; `refresh`, which renews it
    (None from it: the provider refused)."""
    if sent.lower().startswith("bearer "):
        return sent
    if settings.jwt_jwks_url is None:
        return f"Bearer {_delegated(principal, settings)}"
    if held is None:
        raise Unavailable(
            "this sign-in holds no token from the city's identity provider that notify can check; sign in "
            "again through the identity provider, or open the duty view with a bearer token",
            cause="sign_in",
        )
    if held.expired(now):
        if not held.refresh_token or refresh is None:
            raise Unavailable(SIGN_IN_AGAIN, cause="sign_in")
        try:
            renewed = await refresh(held)
        except Exception as error:  # the provider did not answer: not the person's fault
            log.warning("the identity provider did not renew an access token: %s", type(error).__name__)
            raise Unavailable("the city's identity provider did not answer; try again shortly") from None
        if renewed is None:
            raise Unavailable(SIGN_IN_AGAIN, cause="sign_in")
        held = renewed
    return f"Bearer {held.access_token}"


def _delegated(principal: Principal, settings: Settings) -> str:
    """Development: the session's person, stated by dispatch for a minute, dispatch as the actor."""
    return mint_token(
        settings,
        sub=principal.sub,
        role=principal.role,
        ttl_seconds=DELEGATED_SECONDS,
        grids=sorted(principal.grids) or None,
        department=principal.department,
        jurisdiction=principal.jurisdiction,
        community=principal.community,
        unit=principal.unit,
        act={"sub": f"service:{settings.service_name}"},
    )


def notify_path(template: str, **values: str) -> str:
    """`/v1/rosters/{owner}` with each value quoted whole (no `/` or `..` passes through)."""
    return template.format(**{k: quote(v, safe="") for k, v in values.items()})


async def read(base: str, path: str, authorization: str, params: dict[str, str] | None = None) -> dict[str, Any]:
    """Notify's JSON answer; its refusals (403, 404, 422) as the same problem; anything else Unavailable.
    Only the path and the status are logged, never an answer (it names people)."""
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS, verify=client_tls()) as client:
            answer = await client.get(
                base.rstrip("/") + path,
                params=params,
                headers={"Authorization": authorization, "Accept": "application/json"},
            )
    except httpx.HTTPError as error:
        log.warning("notify did not answer %s: %s", path, type(error).__name__)
        raise Unavailable("notify did not answer") from error
    if answer.status_code in (403, 404, 422):
        body = answer.json() if answer.headers.get("content-type", "").endswith("json") else {}
        raise Problem(
            answer.status_code,
            str(body.get("title") or "Refused"),
            str(body.get("detail") or "Refused by notify."),
            errors=body.get("errors"),
        )
    if answer.status_code != 200:
        # A 401 here is not the caller's: dispatch has just accepted their sign-in, so notify and dispatch
        # disagree on keys or issuer — a deployment's fault, reported as such, not as "sign in again".
        log.warning("notify answered %s for %s", answer.status_code, path)
        raise Unavailable(f"notify answered {answer.status_code}")
    body = answer.json()
    if not isinstance(body, dict):
        raise Unavailable("notify's answer was not an object")
    return body
