"""Hands each command to its one handler with a fresh unit of work (or the consumer's, joined)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chuishao_dispatch.domain.commands import Command
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.handlers import HANDLERS
from chuishao_dispatch.service_layer.unit_of_work import AbstractUnitOfWork


class MessageBus:
    def __init__(self, uow_factory: Callable[[], AbstractUnitOfWork], context: DispatchContext) -> None:
        self.uow_factory = uow_factory
        self.context = context

    def uow(self) -> AbstractUnitOfWork:
        return self.uow_factory()

    async def handle(self, command: Command, uow: AbstractUnitOfWork | None = None) -> Any:
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")  # fail loudly, never skip
        return await handler(command, uow or self.uow_factory(), self.context)
