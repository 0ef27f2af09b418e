"""Keep each report's view of its case (summary and timeline) current from consumed case events."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

# Same freshness rule as the case status: only a newer event of the case (or another case, after a
# merge) changes the view; a report that moves to another case starts a fresh timeline.
_PROJECT = text(
    """
    UPDATE reports SET
        case_view = CAST(:summary AS jsonb),
        case_timeline = CASE WHEN case_id IS DISTINCT FROM :case_id THEN '[]'::jsonb ELSE case_timeline END
                        || CAST(:entry AS jsonb)
    WHERE id = ANY(:ids) AND (case_id IS DISTINCT FROM :case_id OR case_seq < :seq)
    """
)


async def project_case(
    conn: AsyncConnection,
    *,
    report_ids: list[str],
    case_id: str,
    sequence: int,
    summary: dict[str, Any],
    entry: dict[str, Any],
) -> None:
    """Run before the status projection, whose sequence bump this statement's guard relies on."""
    await conn.execute(
        _PROJECT,
        {
            "summary": json.dumps(summary, ensure_ascii=False, default=str),
            "entry": json.dumps([entry], ensure_ascii=False, default=str),
            "case_id": case_id,
            "seq": sequence,
            "ids": [uuid.UUID(r) for r in report_ids],
        },
    )
