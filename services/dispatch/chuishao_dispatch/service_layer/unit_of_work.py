"""The unit of work: one connection and one transaction per use case. It holds the repositories,
numbers and stages the case's events in the outbox, writes the idempotency record, commits once, and
only then records the use case's metrics.

For a consumed event it joins the consumer's transaction instead (which also holds the event's
processed-events row); the consumer commits, then runs `run_after_commit`.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncTransaction

import chuishao_shared.idempotency as idempotency
from chuishao_dispatch.adapters.repository import (
    AbstractCaseRepository,
    AbstractRuleRepository,
    LoadedCase,
    SqlCaseRepository,
    SqlRuleRepository,
)
from chuishao_dispatch.domain import DomainEvent
from chuishao_shared.after_commit import AfterCommitActions
from chuishao_shared.events import Envelope, new_envelope
from chuishao_shared.outbox import OutboxWriter

SOURCE = "/chuishao/dispatch"


class AbstractUnitOfWork(AfterCommitActions, abc.ABC):
    cases: AbstractCaseRepository
    rules: AbstractRuleRepository

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

    async def save(
        self,
        loaded: LoadedCase,
        events: Sequence[DomainEvent],
        *,
        new: bool = False,
        new_report_ids: Sequence[str] = (),
    ) -> None:
        """Persist the aggregate and stage its events; sequence numbers continue the case's own."""
        envelopes = [
            new_envelope(e.type, source=SOURCE, subject=loaded.case.id, sequence=loaded.sequence + i + 1, data=e.data)
            for i, e in enumerate(events)
        ]
        loaded.sequence += len(envelopes)
        if new:
            await self.cases.add(loaded)
        else:
            await self.cases.update(loaded, new_report_ids)
        await self._stage(envelopes)

    @property
    @abc.abstractmethod
    def owns_transaction(self) -> bool: ...

    @abc.abstractmethod
    async def claim(self, subject: str, key: str | None, fingerprint: str) -> Any | None:
        """Claim an Idempotency-Key: None to go ahead, else the first request's stored answer
        (a key reused with another body is refused with a 409 problem)."""

    @abc.abstractmethod
    async def remember(self, subject: str, key: str | None, body: Any) -> None:
        """Store the answer for a claimed key, in this transaction."""

    @abc.abstractmethod
    async def _stage(self, envelopes: list[Envelope]) -> None: ...

    @abc.abstractmethod
    async def _commit(self) -> None: ...

    @abc.abstractmethod
    async def rollback(self) -> None: ...


class SqlUnitOfWork(AbstractUnitOfWork):
    def __init__(self, engine: AsyncEngine, outbox: OutboxWriter, *, joining: AsyncConnection | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.outbox = outbox
        self._joined = joining
        self._conn: AsyncConnection | None = None
        self._tx: AsyncTransaction | None = None

    @property
    def owns_transaction(self) -> bool:
        return self._joined is None

    @property
    def conn(self) -> AsyncConnection:
        assert self._conn is not None, "use the unit of work inside `async with`"
        return self._conn

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        if self._joined is not None:
            self._conn = self._joined
        else:
            self._conn = await self.engine.connect()
            self._tx = await self._conn.begin()
        self.cases = SqlCaseRepository(self._conn)
        self.rules = SqlRuleRepository(self._conn)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await super().__aexit__(kind, error, tb)
        finally:
            if self._joined is None and self._conn is not None:
                await self._conn.close()
            self._conn = self._tx = None

    async def claim(self, subject: str, key: str | None, fingerprint: str) -> Any | None:
        try:
            await idempotency.claim(self.conn, subject=subject, key=key, fingerprint=fingerprint)
        except idempotency.Replay as replay:
            return replay.body
        return None

    async def remember(self, subject: str, key: str | None, body: Any) -> None:
        await idempotency.store(self.conn, subject=subject, key=key, status=200, body=body)

    async def _stage(self, envelopes: list[Envelope]) -> None:
        await self.outbox.add(self.conn, *envelopes)

    async def _commit(self) -> None:
        if self._tx is not None:
            await self._tx.commit()

    async def rollback(self) -> None:
        # A joined unit of work leaves the consumer's transaction to the consumer.
        if self._tx is not None and self._tx.is_active:
            await self._tx.rollback()
