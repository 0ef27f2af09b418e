"""Reads and writes of the lost-whistle check: reports accepted long ago that no case names yet.
Intake learns each report's case from the case events (`reports.case_id`)."""

from __future__ import annotations

import abc
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_WHERE = "case_id IS NULL AND created_at < now() - make_interval(secs => :seconds)"
_COUNT = text(f"SELECT count(*) FROM reports WHERE {_WHERE}")
_LIST = text(f"SELECT id, category, grid, created_at FROM reports WHERE {_WHERE} ORDER BY created_at, id LIMIT :limit")
# A report's retained events, marked unpublished so the relay sends them again in their id order.
_REQUEUE = text(
    "UPDATE outbox SET published_at = NULL WHERE key = ANY(:keys) AND event_type LIKE 'report.%' "
    "AND published_at IS NOT NULL RETURNING key"
)
_IN_OUTBOX = text("SELECT DISTINCT key FROM outbox WHERE key = ANY(:keys) AND event_type = 'report.received'")


async def count_unrouted(conn: AsyncConnection, older_than_seconds: float) -> int:
    return int((await conn.execute(_COUNT, {"seconds": older_than_seconds})).scalar_one())


async def list_unrouted(conn: AsyncConnection, older_than_seconds: float, limit: int) -> list[dict[str, Any]]:
    result = await conn.execute(_LIST, {"seconds": older_than_seconds, "limit": limit})
    return [dict(row._mapping) for row in result.all()]


async def requeue_retained(conn: AsyncConnection, report_ids: list[uuid.UUID]) -> set[str]:
    """Ids of the reports whose retained events were queued again."""
    keys = [str(r) for r in report_ids]
    return {row[0] for row in (await conn.execute(_REQUEUE, {"keys": keys})).all()}


async def still_in_outbox(conn: AsyncConnection, report_ids: list[uuid.UUID]) -> set[str]:
    keys = [str(r) for r in report_ids]
    return {row[0] for row in (await conn.execute(_IN_OUTBOX, {"keys": keys})).all()}


class AbstractUnroutedRepository(abc.ABC):
    @abc.abstractmethod
    async def count(self, older_than_seconds: float) -> int: ...

    @abc.abstractmethod
    async def find(self, older_than_seconds: float, limit: int) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    async def requeue_retained(self, report_ids: list[uuid.UUID]) -> set[str]:
        """Ids of the reports whose retained events were queued again."""

    @abc.abstractmethod
    async def still_in_outbox(self, report_ids: list[uuid.UUID]) -> set[str]:
        """Ids of the reports whose `report.received` is not yet published."""


class SqlUnroutedRepository(AbstractUnroutedRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def count(self, older_than_seconds: float) -> int:
        return await count_unrouted(self.conn, older_than_seconds)

    async def find(self, older_than_seconds: float, limit: int) -> list[dict[str, Any]]:
        return await list_unrouted(self.conn, older_than_seconds, limit)

    async def requeue_retained(self, report_ids: list[uuid.UUID]) -> set[str]:
        return await requeue_retained(self.conn, report_ids)

    async def still_in_outbox(self, report_ids: list[uuid.UUID]) -> set[str]:
        return await still_in_outbox(self.conn, report_ids)
