"""Annotated dependency aliases for dispatch's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from chuishao_dispatch.handlers.common import DispatchContext
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import check_key
from chuishao_shared.security import require_role


async def _context(request: Request) -> DispatchContext:
    return request.app.state.context


async def _idempotency_key(idempotency_key: Annotated[str | None, Header()] = None) -> str | None:
    return check_key(idempotency_key)


Context = Annotated[DispatchContext, Depends(_context)]
Staff = Annotated[Principal, Depends(require_role("liaison", "dispatcher", "admin"))]
Liaison = Annotated[Principal, Depends(require_role("liaison"))]
Dispatcher = Annotated[Principal, Depends(require_role("dispatcher"))]
Admin = Annotated[Principal, Depends(require_role("admin"))]
RuleReader = Annotated[Principal, Depends(require_role("admin", "dispatcher", "liaison"))]
IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
