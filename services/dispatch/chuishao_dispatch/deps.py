"""Annotated dependency aliases for dispatch's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from chuishao_dispatch.domain import Actor
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.handlers import DispatchBus
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import check_key
from chuishao_shared.security import require_role


async def _bus(request: Request) -> DispatchBus:
    return request.app.state.bus


async def _context(request: Request) -> DispatchContext:
    return request.app.state.context


async def _idempotency_key(idempotency_key: Annotated[str | None, Header()] = None) -> str | None:
    return check_key(idempotency_key)


def actor_of(principal: Principal) -> Actor:
    return Actor(principal.sub, principal.role, principal.department, principal.jurisdiction)


Bus = Annotated[DispatchBus, Depends(_bus)]
Context = Annotated[DispatchContext, Depends(_context)]
Staff = Annotated[Principal, Depends(require_role("liaison", "dispatcher", "admin"))]
# Cases are the departments' and the dispatchers' work: admin keeps reference data only and does not
# read cases (docs/api.md, "Who may call what"; the authorization matrix test holds the whole table).
CaseReader = Annotated[Principal, Depends(require_role("liaison", "dispatcher"))]
Liaison = Annotated[Principal, Depends(require_role("liaison"))]
Dispatcher = Annotated[Principal, Depends(require_role("dispatcher"))]
Admin = Annotated[Principal, Depends(require_role("admin"))]
RuleReader = Annotated[Principal, Depends(require_role("admin", "dispatcher", "liaison"))]
IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
