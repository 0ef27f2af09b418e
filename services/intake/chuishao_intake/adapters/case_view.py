"""Keep each report's view of its case (summary and timeline) current from consumed case events."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.db import positional, transaction_driver

# One statement per consumed case event: the view (summary and timeline) and the status together. Only a
# newer event of the case (or another case, after a merge) changes a report; a report that moves to
# another case starts a fresh timeline. Every SET expression reads the row as it was, so the timeline's
# `case_id IS DISTINCT FROM` sees the old case even though the same statement moves the report.
_FOLLOW_ARGS = ["summary", "entry", "case_id", "status", "seq", "ids"]
_FOLLOW = positional(
    """
    UPDATE reports SET
        case_view = CAST(:summary AS jsonb),
        case_timeline = CASE WHEN case_id IS DISTINCT FROM :case_id THEN '[]'::jsonb ELSE case_timeline END
                        || CAST(:entry AS jsonb),
        case_id = :case_id, case_status = :status, case_seq = :seq, updated_at = now()
    WHERE id = ANY(:ids) AND (case_id IS DISTINCT FROM :case_id OR case_seq < :seq)
    """,
    _FOLLOW_ARGS,
)


async def follow_case(
    conn: AsyncConnection,
    *,
    report_ids: list[str],
    case_id: str,
    status: str,
    sequence: int,
    summary: dict[str, Any],
    entry: dict[str, Any],
) -> int:
    """Returns how many reports changed (none for an event older than what they show)."""
    driver = await transaction_driver(conn)
    status_line = await driver.execute(
        _FOLLOW,
        json.dumps(summary, ensure_ascii=False, default=str),
        json.dumps([entry], ensure_ascii=False, default=str),
        case_id,
        status,
        sequence,
        [uuid.UUID(r) for r in report_ids],
    )
    return int(status_line.split()[-1])  # "UPDATE n"
