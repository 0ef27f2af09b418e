"""The facts photo access is decided on: a photo's uploaders, and the reports that use it (through the
GIN index over `report_photo_hashes`, migration 0006)."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_intake.domain.photo_access import PhotoUse, departments_of

# A photo attached to more reports than this is still judged on these (the oldest are enough to
# include every party who could have attached it).
MAX_USES = 1000

_UPLOADERS = text("SELECT uploader FROM photo_uploads WHERE sha256 = :sha")
_USES = text(
    "SELECT reporter, grid, case_view FROM reports "
    "WHERE report_photo_hashes(photos, verification, case_timeline) @> ARRAY[CAST(:sha AS text)] "
    "ORDER BY created_at LIMIT :limit"
)
_RECORD = text("INSERT INTO photo_uploads (sha256, uploader) VALUES (:sha, :uploader) ON CONFLICT DO NOTHING")


async def photo_uploaders(conn: AsyncConnection, sha256: str) -> set[str]:
    return {row.uploader for row in await conn.execute(_UPLOADERS, {"sha": sha256})}


async def photo_uses(conn: AsyncConnection, sha256: str) -> list[PhotoUse]:
    rows = await conn.execute(_USES, {"sha": sha256, "limit": MAX_USES})
    return [
        PhotoUse(
            row.reporter,
            row.grid,
            departments_of(json.loads(row.case_view) if isinstance(row.case_view, str) else row.case_view),
        )
        for row in rows
    ]


async def record_upload(conn: AsyncConnection, sha256: str, uploader: str) -> None:
    await conn.execute(_RECORD, {"sha": sha256, "uploader": uploader})
