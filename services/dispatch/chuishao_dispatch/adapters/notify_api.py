"""Notify's roster and escalation API, read for the console user (the console's duty view, entrypoints/duty.py).

Whose authority: always the caller's own, never dispatch's. A bearer token (an API client, a `#token=`
console) is passed through unchanged, as the staff map does with the community service. A console signed in
through the city's identity provider holds only dispatch's session cookie — the backend-for-frontend keeps no
provider token (chuishao_shared.signin) — which notify can neither see nor check. For it dispatch states the
person it has already checked, with exactly the role and scope the session resolved to (the directory's for a
subject it knows), in a token of 60 s for notify's audience that names dispatch as the actor (RFC 8693 `act`).
It can do that only where it holds the key notify verifies with (HS256: development, tests, `make run`);
where tokens come from the identity provider's key set (production) it cannot sign one and says so instead
of reading with rights of its own. Notify checks the token and scopes the answer as for any caller (a
liaison: their own department only)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import httpx

from chuishao_shared.auth import Principal, mint_token
from chuishao_shared.problems import Problem
from chuishao_shared.settings import Settings
from chuishao_shared.tls import client_tls

log = logging.getLogger("chuishao.dispatch.notify_api")

TIMEOUT_SECONDS = 5.0
DELEGATED_SECONDS = 60


class Unavailable(Exception):
    """Notify was not asked, or gave no usable answer: the view says so; `cause` is `unreachable` (notify) or
    `sign_in` (this sign-in cannot be passed on)."""

    def __init__(self, reason: str, cause: str = "unreachable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.cause = cause


def authorization_for(sent: str, principal: Principal, settings: Settings) -> str:
    """The Authorization header that asks notify as the caller (`sent`: the one the caller sent, if any; see
    the module's note)."""
    if sent.lower().startswith("bearer "):
        return sent
    if settings.jwt_jwks_url is not None:
        raise Unavailable(
            "this sign-in holds no token notify can check (tokens come from the identity provider's key set); "
            "open the duty view with a bearer token",
            cause="sign_in",
        )
    token = mint_token(
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
    return f"Bearer {token}"


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
