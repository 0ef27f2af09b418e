"""FastAPI dependencies for bearer authentication and role checks."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chuishao_shared.auth import AuthError, Principal, TokenVerifier
from chuishao_shared.problems import Problem

_bearer = HTTPBearer(auto_error=False, description="JWT bearer token")


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise Problem(401, "Unauthorized", "A bearer token is required.", headers=challenge)
    verifier: TokenVerifier = request.app.state.verifier
    try:
        return verifier.verify(credentials.credentials)
    except AuthError as error:
        raise Problem(401, "Unauthorized", f"Invalid token: {error}", headers=challenge) from error


def require_role(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    async def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if principal.role not in roles:
            raise Problem(403, "Forbidden", f"This action needs the role {' or '.join(roles)}.")
        return principal

    return check
