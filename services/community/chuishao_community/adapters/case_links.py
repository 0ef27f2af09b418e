"""点单响应's bookkeeping in PostgreSQL: one need per dispatch case (`case_needs`, the idempotency of a case
becoming a need, whichever event brings it and however often), and the whistled needs a case's reports
point at (`whistles.report_id`). Never commits: the unit of work does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection


class CaseLinks:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def claim(
        self, case_id: str, need_id: str, community: str, at: datetime, *, replacing: Sequence[str] = ()
    ) -> bool:
        """True when this case had no need yet, or its need is in one of the `replacing` statuses (a case
        handed again after the community cancelled its need): the caller then records `need_id`."""
        row = await self.conn.execute(
            text(
                "INSERT INTO case_needs (case_id, need_id, community, created_at) VALUES (:c, :n, :community, :at) "
                "ON CONFLICT (case_id) DO UPDATE SET need_id = EXCLUDED.need_id, created_at = EXCLUDED.created_at "
                "WHERE EXISTS (SELECT 1 FROM needs WHERE needs.id = case_needs.need_id AND needs.status = ANY(:ended)) "
                "RETURNING case_id"
            ),
            {"c": case_id, "n": need_id, "community": community, "at": at, "ended": list(replacing)},
        )
        return row.first() is not None

    async def need_of(self, case_id: str) -> str | None:
        row = await self.conn.execute(text("SELECT need_id FROM case_needs WHERE case_id = :c"), {"c": case_id})
        return row.scalar_one_or_none()

    async def whistled(self, report_ids: Sequence[str]) -> list[str]:
        """The needs whose whistle was filed as one of these reports."""
        if not report_ids:
            return []
        rows = await self.conn.execute(
            text("SELECT need_id FROM whistles WHERE report_id = ANY(:r) ORDER BY need_id"), {"r": list(report_ids)}
        )
        return list(rows.scalars())

    async def learn_case(self, need_id: str, case_id: str) -> None:
        await self.conn.execute(
            text("UPDATE whistles SET case_id = :c WHERE need_id = :n AND case_id IS DISTINCT FROM :c"),
            {"n": need_id, "c": case_id},
        )
