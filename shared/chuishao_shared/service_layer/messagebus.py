"""The message bus: hands each command to its one handler with a fresh unit of work, or with the one
a Kafka consumer joined to its own transaction. A command without a handler fails loudly.

A service builds one bus in its composition root from its handler table (command type → handler), a
unit-of-work factory and the context its handlers need besides the unit of work (reference data, the
clock). Routes, consumers and timers all go through `handle`, so they run the same use cases."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.events.envelope import Envelope
from chuishao_shared.service_layer.unit_of_work import AbstractUnitOfWork

log = logging.getLogger(__name__)

U = TypeVar("U", bound=AbstractUnitOfWork)
C = TypeVar("C")

Handler = Callable[[Any, Any, Any], Awaitable[Any]]  # (command, unit of work, context) → the answer
# What a consumer hands its transaction's connection and the event to; returns the after-commit work.
EventHandler = Callable[[AsyncConnection, Envelope], Awaitable[Callable[[], None] | None]]
# The same for a whole poll's events (`EventConsumer(poll_handler=...)`).
PollHandler = Callable[[AsyncConnection, list[Envelope]], Awaitable[Callable[[], None] | None]]


class MissingHandler(LookupError):
    """A command type nobody registered: a wiring mistake, never skipped silently."""


class MessageBus(Generic[U, C]):
    def __init__(self, handlers: Mapping[type, Handler], uow_factory: Callable[[], U], context: C) -> None:
        self.handlers = dict(handlers)
        self.uow_factory = uow_factory
        self.context = context

    def uow(self) -> U:
        """A fresh unit of work (for a read, or a use case composed outside a handler)."""
        return self.uow_factory()

    async def handle(self, command: object, uow: U | None = None) -> Any:
        """Run the command's handler in `uow` (a joined one) or in a fresh unit of work; returns its answer."""
        handler = self.handlers.get(type(command))
        if handler is None:
            raise MissingHandler(f"no handler for {type(command).__name__}")
        return await handler(command, uow if uow is not None else self.uow_factory(), self.context)

    def event_handler(
        self, command_of: Callable[[Envelope], object | None], join: Callable[[AsyncConnection], U]
    ) -> EventHandler:
        """The consumer's handler: each event becomes a command, handled in a unit of work that joins the
        consumer's transaction; the consumer commits, then runs the unit of work's after-commit actions."""

        async def on_event(conn: AsyncConnection, envelope: Envelope) -> Callable[[], None] | None:
            command = command_of(envelope)
            if command is None:
                log.info("ignoring %s", envelope.type)
                return None
            uow = join(conn)
            await self.handle(command, uow)
            return uow.run_after_commit

        return on_event

    def poll_handler(
        self, commands_of: Callable[[list[Envelope]], Sequence[object]], join: Callable[[AsyncConnection], U]
    ) -> PollHandler:
        """The consumer's handler for a whole poll: its events become commands (one may stand for many
        events), each handled in a unit of work of its own that joins the consumer's transaction (entering one
        forgets the after-commit actions of another); once the consumer commits, every one's actions run."""

        async def on_poll(conn: AsyncConnection, envelopes: list[Envelope]) -> Callable[[], None]:
            joined: list[U] = []
            for command in commands_of(envelopes):
                joined.append(join(conn))
                await self.handle(command, joined[-1])

            def after_commit() -> None:
                for uow in joined:
                    uow.run_after_commit()

            return after_commit

        return on_poll
