"""The unit of work of the projection. Every write of tracking comes from a consumed event, so it
joins the consumer's transaction (which also holds the event's processed-events row): the consumer
commits, then runs `run_after_commit`, where the handlers leave their metrics."""

from __future__ import annotations

import abc
from datetime import datetime
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.after_commit import AfterCommitActions
from chuishao_tracking.adapters import store
from chuishao_tracking.domain.projection import CaseProjection
from chuishao_tracking.domain.records import CaseRecord


class AbstractBoardRepository(abc.ABC):
    @abc.abstractmethod
    async def lock_case(self, case_id: str) -> None:
        """Serialise the projection of one case (a live consumer and a rebuild may both hold its events)."""

    @abc.abstractmethod
    async def add_case_event(self, event_id: Any, record: CaseRecord) -> list[CaseRecord]:
        """Keep the event (a sequence already held keeps its first event); every event the case now holds."""

    @abc.abstractmethod
    async def save_projection(self, projection: CaseProjection) -> None:
        """Write the case's board row and facts, and tell the live board once the transaction commits."""

    @abc.abstractmethod
    async def save_report(self, data: dict[str, Any]) -> None: ...

    @abc.abstractmethod
    async def save_feedback(
        self, *, report_id: str, case_id: str, sequence: int, satisfaction: str, recorded_at: datetime | str
    ) -> None: ...

    @abc.abstractmethod
    async def notify(self, case_id: str) -> None:
        """Tell the live board (every replica) that a case changed, once the transaction commits."""


class SqlBoardRepository(AbstractBoardRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def lock_case(self, case_id: str) -> None:
        await store.lock_case(self.conn, case_id)

    async def add_case_event(self, event_id: Any, record: CaseRecord) -> list[CaseRecord]:
        return await store.add_case_event(self.conn, event_id, record)

    async def save_projection(self, projection: CaseProjection) -> None:
        await store.save_projection(self.conn, projection)

    async def save_report(self, data: dict[str, Any]) -> None:
        await store.save_report(self.conn, data)

    async def save_feedback(
        self, *, report_id: str, case_id: str, sequence: int, satisfaction: str, recorded_at: datetime | str
    ) -> None:
        await store.save_feedback(
            self.conn,
            report_id=report_id,
            case_id=case_id,
            sequence=sequence,
            satisfaction=satisfaction,
            recorded_at=recorded_at,  # type: ignore[arg-type]
        )

    async def notify(self, case_id: str) -> None:
        await store.notify(self.conn, case_id)


class AbstractUnitOfWork(AfterCommitActions):
    board: AbstractBoardRepository

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None  # the consumer's transaction commits or rolls back

    async def commit(self) -> None:
        """Nothing to do here: the consumer commits its transaction right after the handler."""


class JoinedUnitOfWork(AbstractUnitOfWork):
    def __init__(self, conn: AsyncConnection) -> None:
        super().__init__()
        self.board = SqlBoardRepository(conn)
