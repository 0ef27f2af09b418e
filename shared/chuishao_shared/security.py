"""FastAPI dependencies for bearer authentication (or a page's sign-in session) and role checks."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chuishao_shared.auth import AuthError, AuthUnavailable, Principal, TokenVerifier
from chuishao_shared.problems import Problem
from chuishao_shared.signin import session_principal

_bearer = HTTPBearer(auto_error=False, description="JWT bearer token")


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        # A page signed in through the city's identity provider (chuishao_shared.signin): its session
        # cookie, with the CSRF checks on writes. API clients send a bearer token and never reach this.
        signed_in = session_principal(request)
        if signed_in is not None:
            return signed_in
        raise Problem(401, "Unauthorized", "A bearer token is required.", headers=challenge)
    verifier: TokenVerifier = request.app.state.verifier
    try:
        principal = await verifier.verify(credentials.credentials)
        # Roles and scopes come from the directory for the subjects it knows (chuishao_shared.directory).
        directory = getattr(request.app.state, "directory", None)
        return principal if directory is None else directory.resolve(principal)
    except AuthUnavailable as error:
        # The token could not be checked (introspection down): refused for now, never let through.
        raise Problem(
            503, "Service Unavailable", f"{error}; try again shortly.", headers={"Retry-After": "5"}
        ) from error
    except AuthError as error:
        errors = [{"field": error.claim, "message": str(error)}] if error.claim else None
        raise Problem(401, "Unauthorized", f"Invalid token: {error}", errors=errors, headers=challenge) from error


def _with_role(principal: Principal, roles: tuple[str, ...]) -> Principal:
    if principal.role not in roles:
        raise Problem(403, "Forbidden", f"This action needs the role {' or '.join(roles)}.")
    return principal


def require_role(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    async def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        return _with_role(principal, roles)

    return check


async def principal_with_role(request: Request, *roles: str) -> Principal:
    """`require_role(*roles)` for a direct route (chuishao_shared.direct_routes): no dependency solving."""
    return _with_role(await current_principal(request, await _bearer(request)), roles)
