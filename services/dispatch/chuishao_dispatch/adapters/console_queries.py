"""Read queries the console's extra API routes need: several cases by id, likely duplicates of a
case, and a jurisdiction's open and overdue counts by department. Read-only, never locks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_dispatch.adapters.repository import LoadedCase
from chuishao_dispatch.domain import Case

_LIVE = "('triage', 'dispatched', 'acknowledged', 'in_progress', 'reopened')"
_OVERDUE = f"(status IN {_LIVE} AND (escalation_level > 0 OR resolve_due_at < now()))"


def _loaded(row: Any) -> LoadedCase:
    return LoadedCase(Case.from_dict(row.doc), row.sequence, list(row.jurisdiction_chain))


async def cases_by_id(conn: AsyncConnection, ids: list[str]) -> list[LoadedCase]:
    rows = await conn.execute(
        text("SELECT id, doc, sequence, jurisdiction_chain FROM cases WHERE id = ANY(:ids)"), {"ids": ids}
    )
    return [_loaded(r) for r in rows]


async def open_cases_like(
    conn: AsyncConnection, *, case_id: str, category: str, grid: str, since: datetime, until: datetime
) -> list[LoadedCase]:
    """Open cases of the same category and grid opened within the window, other than `case_id`."""
    rows = await conn.execute(
        text(
            "SELECT id, doc, sequence, jurisdiction_chain FROM cases WHERE category = :category AND grid = :grid "
            f"AND opened_at BETWEEN :since AND :until AND id <> :id AND status IN {_LIVE} "
            "ORDER BY opened_at DESC LIMIT 50"
        ),
        {"category": category, "grid": grid, "since": since, "until": until, "id": case_id},
    )
    return [_loaded(r) for r in rows]


async def counts_by_department(conn: AsyncConnection, jurisdiction: str | None) -> list[Any]:
    """(department, open, overdue) over the live cases whose jurisdiction chain holds `jurisdiction`
    (all when None), counting each active department of a case."""
    rows = await conn.execute(
        text(
            "SELECT d AS department, count(*) AS open, count(*) FILTER (WHERE "
            f"{_OVERDUE}) AS overdue FROM cases, unnest(active_departments) AS d "
            f"WHERE status IN {_LIVE} AND (CAST(:j AS text) IS NULL OR :j = ANY(jurisdiction_chain)) "
            "GROUP BY d ORDER BY overdue DESC, open DESC, d"
        ),
        {"j": jurisdiction},
    )
    return list(rows)


async def overdue_cases(conn: AsyncConnection, jurisdiction: str | None, limit: int) -> list[LoadedCase]:
    rows = await conn.execute(
        text(
            f"SELECT id, doc, sequence, jurisdiction_chain FROM cases WHERE {_OVERDUE} "
            "AND (CAST(:j AS text) IS NULL OR :j = ANY(jurisdiction_chain)) "
            "ORDER BY escalation_level DESC, resolve_due_at NULLS LAST LIMIT :limit"
        ),
        {"j": jurisdiction, "limit": limit},
    )
    return [_loaded(r) for r in rows]
