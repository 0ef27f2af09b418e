"""The used one-tap 签收 links (migration 0010) and the directory look-up the page needs. Never commits."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

# "subject": a group robot's @mention names the person by roster member id, read as their directory subject.
FIELDS = {"wecom": "wecom_user_id", "dingtalk": "dingtalk_user_id", "subject": "subject"}


async def link_status(conn: AsyncConnection, jti: str) -> str | None:
    found = await conn.scalar(text("SELECT status FROM ack_links WHERE jti = :jti"), {"jti": jti})
    return str(found) if found else None


async def claim(conn: AsyncConnection, jti: str, case_id: str, department: str, person_id: str) -> bool:
    """Take the link for this tap: a new one, or one a tap that died left `claimed`. False when used."""
    row = await conn.execute(
        text(
            "INSERT INTO ack_links (jti, case_id, department, person_id, status) "
            "VALUES (:jti, :case_id, :department, :person, 'claimed') "
            "ON CONFLICT (jti) DO UPDATE SET claimed_at = now() WHERE ack_links.status = 'claimed' RETURNING jti"
        ),
        {"jti": jti, "case_id": case_id, "department": department, "person": uuid.UUID(person_id)},
    )
    return row.first() is not None


async def mark_used(conn: AsyncConnection, jti: str) -> None:
    await conn.execute(text("UPDATE ack_links SET status = 'used', used_at = now() WHERE jti = :jti"), {"jti": jti})


async def person_by_platform(conn: AsyncConnection, platform: str, user_id: str) -> dict[str, Any] | None:
    field = FIELDS.get(platform)
    if field is None or not user_id:
        return None
    row = (
        await conn.execute(
            text(f"SELECT id, subject, roles, active FROM people WHERE {field} = :v"),  # noqa: S608 - field from FIELDS
            {"v": user_id},
        )
    ).first()
    return {"id": str(row.id), "subject": row.subject, "roles": row.roles, "active": row.active} if row else None
