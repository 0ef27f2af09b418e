"""Reports table access. Repositories never commit: the handler's transaction does."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

_INSERT = text(
    "INSERT INTO reports (id, reporter, category, grid, community, description, severity, place, resident, "
    "photos, handled_on_site, created_at) VALUES (:id, :reporter, :category, :grid, :community, :description, "
    ":severity, CAST(:place AS jsonb), CAST(:resident AS jsonb), CAST(:photos AS jsonb), :handled_on_site, "
    ":created_at)"
)
_COLUMNS = (
    "id, reporter, category, grid, community, description, severity, place, resident, photos, "
    "handled_on_site, created_at, event_seq, case_id, case_status, verification, feedback"
)


async def insert_report(conn: AsyncConnection, report: dict[str, Any]) -> None:
    await conn.execute(
        _INSERT,
        {
            **report,
            "place": json.dumps(report["place"], ensure_ascii=False),
            "resident": json.dumps(report["resident"], ensure_ascii=False) if report["resident"] else None,
            "photos": json.dumps(report["photos"]),
        },
    )


async def get_report(conn: AsyncConnection, report_id: uuid.UUID, *, for_update: bool = False) -> Row | None:
    lock = " FOR UPDATE" if for_update else ""
    result = await conn.execute(text(f"SELECT {_COLUMNS} FROM reports WHERE id = :id{lock}"), {"id": report_id})
    return result.first()


async def list_reports(
    conn: AsyncConnection, *, reporter: str, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> list[Row]:
    where = "reporter = :reporter"
    params: dict[str, Any] = {"reporter": reporter, "limit": limit}
    if after is not None:
        where += " AND (created_at, id) < (:after_at, :after_id)"
        params.update(after_at=after[0], after_id=after[1])
    sql = f"SELECT {_COLUMNS} FROM reports WHERE {where} ORDER BY created_at DESC, id DESC LIMIT :limit"
    return list((await conn.execute(text(sql), params)).all())


async def bump_sequence(conn: AsyncConnection, report_id: uuid.UUID, field: str, value: dict[str, Any]) -> int:
    """Store a verification or feedback and return the report's next event sequence number."""
    assert field in ("verification", "feedback")
    result = await conn.execute(
        text(
            f"UPDATE reports SET {field} = CAST(:value AS jsonb), event_seq = event_seq + 1 "
            "WHERE id = :id RETURNING event_seq"
        ),
        {"id": report_id, "value": json.dumps(value, ensure_ascii=False, default=str)},
    )
    return int(result.scalar_one())


async def apply_case_status(
    conn: AsyncConnection, *, report_ids: list[str], case_id: str, status: str, sequence: int
) -> int:
    """Project a case's status onto its reports; older events (lower sequence) never overwrite newer."""
    ids = [uuid.UUID(r) for r in report_ids]
    result = await conn.execute(
        text(
            "UPDATE reports SET case_id = :case_id, case_status = :status, case_seq = :seq "
            "WHERE id = ANY(:ids) AND (case_id IS DISTINCT FROM :case_id OR case_seq < :seq)"
        ),
        {"case_id": case_id, "status": status, "seq": sequence, "ids": ids},
    )
    return result.rowcount
