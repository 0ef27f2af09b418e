"""Annotated dependency aliases for notify's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.handlers import NotifyBus
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import check_key
from chuishao_shared.security import require_role


async def _bus(request: Request) -> NotifyBus:
    return request.app.state.bus


async def _context(request: Request) -> NotifyContext:
    return request.app.state.context


async def _idempotency_key(idempotency_key: Annotated[str | None, Header()] = None) -> str | None:
    return check_key(idempotency_key)


Bus = Annotated[NotifyBus, Depends(_bus)]
Context = Annotated[NotifyContext, Depends(_context)]
Admin = Annotated[Principal, Depends(require_role("admin"))]
# Admins see every subscription; a liaison sees its own department's (for the console's delivery log).
Reader = Annotated[Principal, Depends(require_role("admin", "liaison", "community_staff"))]
# A community's staff manage their own community's subscriptions (checked against the subscription).
Manager = Annotated[Principal, Depends(require_role("admin", "community_staff"))]
IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
