"""The unit of work: one connection and one transaction per use case. It holds the report repository,
stages events in the outbox, reads and writes idempotency records, commits once, and only then runs
the use case's metrics.

Filing is the hot path: `file_report` sends the idempotency claim, the report and its event as ONE
statement in autocommit (one round trip, one implicit transaction). For a consumed event the unit of
work joins the consumer's transaction; the consumer commits, then runs `run_after_commit`.
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import chuishao_shared.idempotency as idempotency
from chuishao_intake.adapters.repository import AbstractReportRepository, SqlReportRepository
from chuishao_shared.after_commit import AfterCommitActions
from chuishao_shared.events import Envelope
from chuishao_shared.outbox import OutboxWriter


class AbstractUnitOfWork(AfterCommitActions, abc.ABC):
    reports: AbstractReportRepository

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
    def owns_transaction(self) -> bool: ...

    @abc.abstractmethod
    async def file_report(
        self, report: dict[str, Any], event: Envelope, *, key: str | None, fingerprint: str, response: Any
    ) -> bool:
        """Report, event and idempotency key in one atomic statement; False when the key was used."""

    @abc.abstractmethod
    async def stage(self, *events: Envelope) -> None:
        """Put events in the outbox, in this transaction."""

    @abc.abstractmethod
    async def remember(self, subject: str, key: str | None, fingerprint: str, status: int, body: Any) -> None:
        """Record the answer for `key` in this transaction; raises `idempotency.Replay` (or a 409 problem)
        when the key was used before."""

    @abc.abstractmethod
    async def replay(self, subject: str, key: str, fingerprint: str) -> tuple[int, Any]:
        """The stored answer of an earlier request with this key (a 409 problem for another body)."""

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

    @property
    def owns_transaction(self) -> bool:
        return self._joined is None

    @property
    def conn(self) -> AsyncConnection:
        assert self._conn is not None, "use the unit of work inside `async with`"
        return self._conn

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        # SQLAlchemy begins the transaction with the first statement (or not at all in autocommit).
        self._conn = self._joined or await self.engine.connect()
        self.reports = SqlReportRepository(self._conn)
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

    async def file_report(
        self, report: dict[str, Any], event: Envelope, *, key: str | None, fingerprint: str, response: Any
    ) -> bool:
        autocommit = await self.conn.execution_options(isolation_level="AUTOCOMMIT")
        self._conn = autocommit
        self.reports = SqlReportRepository(autocommit)
        return await self.reports.file(
            report, self.outbox.row(event), channel=self.outbox.channel, idempotency=(key, fingerprint, response)
        )

    async def stage(self, *events: Envelope) -> None:
        await self.outbox.add(self.conn, *events)

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
        if self._joined is None and self._conn is not None and self._conn.in_transaction():
            await self._conn.rollback()
