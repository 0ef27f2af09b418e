"""Tracking's unit of work: the shared one (`chuishao_shared.service_layer.unit_of_work`) with the
board repository. Every projection write comes from a consumed event, so it joins the consumer's
transaction (which also holds the event's processed-events row): the consumer commits, then runs
`run_after_commit`. Only the rebuild's wipe runs in a transaction of its own. Tracking publishes
nothing: it has no outbox."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.service_layer import unit_of_work as core
from chuishao_tracking.adapters.board import AbstractBoardRepository, SqlBoardRepository


class AbstractUnitOfWork(core.AbstractUnitOfWork):
    board: AbstractBoardRepository


class SqlUnitOfWork(core.SqlUnitOfWork, AbstractUnitOfWork):
    def bind(self, conn: AsyncConnection) -> None:
        self.board = SqlBoardRepository(conn)


class JoinedUnitOfWork(SqlUnitOfWork):
    """The unit of work of a consumed event, inside the consumer's transaction."""

    def __init__(self, conn: AsyncConnection) -> None:
        super().__init__(conn.engine, None, joining=conn)
