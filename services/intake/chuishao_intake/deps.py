"""Annotated dependency aliases for intake's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from pydantic import BaseModel

from chuishao_intake.domain.commands import Request as CommandRequest
from chuishao_intake.service_layer.handlers import IntakeBus, IntakeContext
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import check_key, request_fingerprint, url_path
from chuishao_shared.security import current_principal, require_role


async def _bus(request: Request) -> IntakeBus:
    return request.app.state.bus


async def _context(request: Request) -> IntakeContext:
    return request.app.state.context


async def _idempotency_key(idempotency_key: Annotated[str | None, Header()] = None) -> str | None:
    return check_key(idempotency_key)


def command_request(request: Request, key: str | None, body: BaseModel) -> CommandRequest:
    """The Idempotency-Key with the fingerprint of the method, path and body it came with."""
    return CommandRequest(
        key, request_fingerprint(request.method, url_path(request.scope), body.model_dump(mode="json"))
    )


Bus = Annotated[IntakeBus, Depends(_bus)]
Context = Annotated[IntakeContext, Depends(_context)]
AnyUser = Annotated[Principal, Depends(current_principal)]
GridWorker = Annotated[Principal, Depends(require_role("grid_worker"))]
IdempotencyKey = Annotated[str | None, Depends(_idempotency_key)]
