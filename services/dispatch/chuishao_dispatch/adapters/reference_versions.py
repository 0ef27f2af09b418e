"""The tables of reference data at run time (migration 0012): versions, change sets and their audit."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

# Writers of versions serialise on this advisory lock: numbers are taken and committed in order.
_LOCK = 0x52_45_46  # "REF"

_VERSION_COLUMNS = "version, content, changeset_id, rule_version, created_by, reason, effective_at, created_at"
_CHANGESET_COLUMNS = (
    "id, status, base_version, content, author, reason, restores, created_at, approved_by, approved_at, "
    "effective_at, version"
)


def _row(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    for key in ("id", "changeset_id"):
        if out.get(key) is not None:
            out[key] = str(out[key])
    return out


async def lock(conn: AsyncConnection) -> None:
    await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})


async def in_force(conn: AsyncConnection, at: datetime, *, content: bool = True) -> dict[str, Any] | None:
    """The version in force at `at`: the highest whose effective time has come."""
    columns = _VERSION_COLUMNS if content else _VERSION_COLUMNS.replace("content, ", "")
    row = (
        await conn.execute(
            text(f"SELECT {columns} FROM reference_versions WHERE effective_at <= :at ORDER BY version DESC LIMIT 1"),
            {"at": at},
        )
    ).first()
    return None if row is None else _row(row)


async def latest(conn: AsyncConnection) -> dict[str, Any] | None:
    row = (
        await conn.execute(text(f"SELECT {_VERSION_COLUMNS} FROM reference_versions ORDER BY version DESC LIMIT 1"))
    ).first()
    return None if row is None else _row(row)


async def version(conn: AsyncConnection, number: int) -> dict[str, Any] | None:
    row = (
        await conn.execute(text(f"SELECT {_VERSION_COLUMNS} FROM reference_versions WHERE version = :v"), {"v": number})
    ).first()
    return None if row is None else _row(row)


async def versions(conn: AsyncConnection) -> list[dict[str, Any]]:
    columns = _VERSION_COLUMNS.replace("content, ", "")
    rows = await conn.execute(text(f"SELECT {columns} FROM reference_versions ORDER BY version DESC"))
    return [_row(r) for r in rows]


async def add_version(
    conn: AsyncConnection,
    *,
    content: dict[str, Any],
    changeset_id: str | None,
    created_by: str,
    reason: str,
    effective_at: datetime,
    rule_version: int | None,
) -> int:
    """The next version (the caller holds `lock`)."""
    number = (await conn.execute(text("SELECT coalesce(max(version), 0) + 1 FROM reference_versions"))).scalar_one()
    await conn.execute(
        text(
            "INSERT INTO reference_versions (version, content, changeset_id, rule_version, created_by, reason, "
            "effective_at) VALUES (:v, CAST(:c AS jsonb), :cs, :rv, :by, :reason, :at)"
        ),
        {
            "v": number,
            "c": json.dumps(content, ensure_ascii=False),
            "cs": changeset_id,
            "rv": rule_version,
            "by": created_by,
            "reason": reason,
            "at": effective_at,
        },
    )
    return int(number)


async def set_rule_version(conn: AsyncConnection, number: int, rule_version: int) -> None:
    await conn.execute(
        text("UPDATE reference_versions SET rule_version = :rv WHERE version = :v"), {"v": number, "rv": rule_version}
    )


async def add_changeset(
    conn: AsyncConnection,
    *,
    content: dict[str, Any],
    author: str,
    reason: str,
    base_version: int,
    restores: int | None,
    at: datetime,
) -> str:
    changeset_id = str(uuid.uuid4())
    await conn.execute(
        text(
            "INSERT INTO reference_changesets (id, status, base_version, content, author, reason, restores, "
            "created_at) VALUES (:id, 'proposed', :base, CAST(:c AS jsonb), :author, :reason, :restores, :at)"
        ),
        {
            "id": changeset_id,
            "base": base_version,
            "c": json.dumps(content, ensure_ascii=False),
            "author": author,
            "reason": reason,
            "restores": restores,
            "at": at,
        },
    )
    return changeset_id


async def changeset(conn: AsyncConnection, changeset_id: str, *, for_update: bool = False) -> dict[str, Any] | None:
    try:
        uuid.UUID(changeset_id)
    except ValueError:
        return None
    lock_clause = " FOR UPDATE" if for_update else ""
    row = (
        await conn.execute(
            text(f"SELECT {_CHANGESET_COLUMNS} FROM reference_changesets WHERE id = :id{lock_clause}"),
            {"id": changeset_id},
        )
    ).first()
    return None if row is None else _row(row)


async def changesets(conn: AsyncConnection, limit: int = 50) -> list[dict[str, Any]]:
    columns = _CHANGESET_COLUMNS.replace("content, ", "")
    rows = await conn.execute(
        text(f"SELECT {columns} FROM reference_changesets ORDER BY created_at DESC LIMIT :n"), {"n": limit}
    )
    return [_row(r) for r in rows]


async def approve(
    conn: AsyncConnection, changeset_id: str, *, by: str, at: datetime, effective_at: datetime, version: int
) -> None:
    await conn.execute(
        text(
            "UPDATE reference_changesets SET status = 'approved', approved_by = :by, approved_at = :at, "
            "effective_at = :eff, version = :v WHERE id = :id"
        ),
        {"id": changeset_id, "by": by, "at": at, "eff": effective_at, "v": version},
    )


async def withdraw(conn: AsyncConnection, changeset_id: str) -> None:
    await conn.execute(
        text("UPDATE reference_changesets SET status = 'withdrawn' WHERE id = :id"), {"id": changeset_id}
    )


async def audit(
    conn: AsyncConnection,
    *,
    at: datetime,
    actor: str,
    action: str,
    reason: str,
    changeset_id: str | None = None,
    version: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    await conn.execute(
        text(
            "INSERT INTO reference_audit (at, actor, action, changeset_id, version, reason, detail) "
            "VALUES (:at, :actor, :action, :cs, :v, :reason, CAST(:d AS jsonb))"
        ),
        {
            "at": at,
            "actor": actor,
            "action": action,
            "cs": changeset_id,
            "v": version,
            "reason": reason,
            "d": json.dumps(detail or {}, ensure_ascii=False),
        },
    )


async def audit_trail(conn: AsyncConnection, limit: int = 200) -> list[dict[str, Any]]:
    rows = await conn.execute(
        text(
            "SELECT id, at, actor, action, changeset_id, version, reason, detail FROM reference_audit "
            "ORDER BY id DESC LIMIT :n"
        ),
        {"n": limit},
    )
    return [_row(r) for r in rows]


async def past_cases(conn: AsyncConnection, since: datetime, until: datetime) -> list[Any]:
    """(category, grid, severity, opened_at, first acknowledgement by a lead, resolved_at) of the cases opened
    in [since, until): the dry run's input, read from dispatch's own case table."""
    rows = await conn.execute(
        text(
            """
            SELECT category, grid, doc->'report'->>'severity', opened_at,
                   (SELECT min((a->>'acknowledged_at')::timestamptz) FROM jsonb_array_elements(doc->'assignments') a
                     WHERE a->>'role' = 'lead' AND a->>'acknowledged_at' IS NOT NULL),
                   (doc->>'resolved_at')::timestamptz
              FROM cases WHERE opened_at >= :since AND opened_at < :until
            """
        ),
        {"since": since, "until": until},
    )
    return list(rows)


def days_before(at: datetime, days: int) -> datetime:
    return at - timedelta(days=days)
