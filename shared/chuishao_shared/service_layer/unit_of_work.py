"""The unit of work: one connection and one transaction per use case. It stages the use case's events
in the outbox, claims and stores its idempotency record, commits once, and only after that commit runs
the use case's after-commit actions (its metrics).

For a consumed event it joins the consumer's connection instead, whose transaction also holds the
event's processed-events row: committing is then the consumer's, and so is running `run_after_commit`
once it has committed. A service subclasses `SqlUnitOfWork` only to add its repositories (`bind`)."""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import chuishao_shared.idempotency as idempotency
from chuishao_shared.after_commit import AfterCommitActions
from chuishao_shared.events.envelope import Envelope
from chuishao_shared.outbox.writer import OutboxWriter


class AbstractUnitOfWork(AfterCommitActions, abc.ABC):
    """Use as `async with uow: ... await uow.commit()`; leaving without a commit rolls back.

    The outbox and idempotency methods are not abstract: a fake for one service's handler tests
    implements only those its handlers use."""

    async def __aenter__(self) -> Self:
        self.forget_after_commit()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.rollback()  # a no-op after commit

    async def commit(self) -> None:
        await self._commit()
        if self.owns_transaction:
            self.run_after_commit()

    @property
    @abc.abstractmethod
    def owns_transaction(self) -> bool:
        """False when joined to a consumer's transaction: that consumer commits and runs after-commit work."""

    async def stage(self, *envelopes: Envelope) -> None:
        """Put events in the outbox, in this transaction."""
        raise NotImplementedError

    async def claim(self, subject: str, key: str | None, fingerprint: str) -> Any | None:
        """Claim an Idempotency-Key before a use case whose answer is not known up front: None to go ahead,
        else the first request's stored answer (a key reused with another body is a 409 problem)."""
        raise NotImplementedError

    async def store_answer(self, subject: str, key: str | None, body: Any, status: int = 200) -> None:
        """Store the answer for a claimed key, in this transaction."""
        raise NotImplementedError

    async def remember(self, subject: str, key: str | None, fingerprint: str, status: int, body: Any) -> None:
        """Claim and store in one statement when the answer is known up front; raises
        `idempotency.Replay` (or a 409 problem) when the key was used before."""
        raise NotImplementedError

    async def replay(self, subject: str, key: str, fingerprint: str) -> tuple[int, Any]:
        """The stored answer of an earlier request with this key (a 409 problem for another body)."""
        raise NotImplementedError

    @abc.abstractmethod
    async def _commit(self) -> None: ...

    @abc.abstractmethod
    async def rollback(self) -> None: ...


class SqlUnitOfWork(AbstractUnitOfWork):
    """Owns a pooled connection and its transaction (begun by the first statement), or joins the
    consumer's connection (`joining`). `outbox` is None for a service that publishes nothing."""

    def __init__(
        self, engine: AsyncEngine, outbox: OutboxWriter | None, *, joining: AsyncConnection | None = None
    ) -> None:
        super().__init__()
        self.engine = engine
        self.outbox = outbox
        self._joined = joining
        self._conn: AsyncConnection | None = None

    @property
    def owns_transaction(self) -> bool:
        return self._joined is None

    @property
    def conn(self) -> AsyncConnection:
        assert self._conn is not None, "use the unit of work inside `async with`"
        return self._conn

    def bind(self, conn: AsyncConnection) -> None:
        """Build the service's repositories on `conn` (called on entering, and when the connection changes)."""

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self._conn = self._joined or await self.engine.connect()
        self.bind(self._conn)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await super().__aexit__(kind, error, tb)
        finally:
            if self._joined is None and self._conn is not None:
                await self._conn.close()
            self._conn = None

    async def stage(self, *envelopes: Envelope) -> None:
        if self.outbox is None:
            raise TypeError("this service publishes nothing: its unit of work has no outbox")
        await self.outbox.add(self.conn, *envelopes)

    async def claim(self, subject: str, key: str | None, fingerprint: str) -> Any | None:
        try:
            await idempotency.claim(self.conn, subject=subject, key=key, fingerprint=fingerprint)
        except idempotency.Replay as replay:
            return replay.body
        return None

    async def store_answer(self, subject: str, key: str | None, body: Any, status: int = 200) -> None:
        await idempotency.store(self.conn, subject=subject, key=key, status=status, body=body)

    async def remember(self, subject: str, key: str | None, fingerprint: str, status: int, body: Any) -> None:
        await idempotency.remember(
            self.conn, subject=subject, key=key, fingerprint=fingerprint, status=status, body=body
        )

    async def replay(self, subject: str, key: str, fingerprint: str) -> tuple[int, Any]:
        try:
            await idempotency.replay(self.conn, subject=subject, key=key, fingerprint=fingerprint)
        except idempotency.Replay as previous:
            return previous.status, previous.body
        raise AssertionError("idempotency.replay always raises")

    async def _commit(self) -> None:
        if self._joined is None and self.conn.in_transaction():
            await self.conn.commit()

    async def rollback(self) -> None:
        # A joined unit of work leaves the consumer's transaction to the consumer.
        if self._joined is None and self._conn is not None and self._conn.in_transaction():
            await self._conn.rollback()
