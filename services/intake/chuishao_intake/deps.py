"""Annotated dependency aliases for intake's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from chuishao_intake.handlers import IntakeContext
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import check_key
from chuishao_shared.security import current_principal, require_role


async def _context(request: Request) -> IntakeContext:
    return request.app.state.context


async def _idempotency_key(idempotency_key: Annotated[str | None, Header()] = None) -> str | None:
    return check_key(idempotency_key)


Context = Annotated[IntakeContext, Depends(_context)]
AnyUser = Annotated[Principal, Depends(current_principal)]
GridWorker = Annotated[Principal, Depends(require_role("grid_worker"))]
IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
