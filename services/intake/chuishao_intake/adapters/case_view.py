"""Keep each report's view of its case (summary and timeline) current from consumed case events."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_intake.domain.case_view import CaseChange, rounds
from chuishao_shared.db import transaction_driver

# One statement per round of a poll's case events (`domain.case_view.rounds`: no report twice in a round):
# the view (summary and timeline) and the status together. Only a newer event of the case (or another
# case, after a merge) changes a report; a report that moves to another case starts a fresh timeline.
# Every SET expression reads the row as it was, so the timeline's `case_id IS DISTINCT FROM` sees the old
# case even though the same statement moves the report.
_FOLLOW = """
    UPDATE reports SET
        case_view = u.summary,
        case_timeline = CASE WHEN reports.case_id IS DISTINCT FROM u.case_id THEN '[]'::jsonb
                        ELSE reports.case_timeline END || u.entry,
        case_id = u.case_id, case_status = u.status, case_seq = u.seq, updated_at = now()
    FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[], $4::text[], $5::text[], $6::integer[])
         AS u(id, summary, entry, case_id, status, seq)
    WHERE reports.id = u.id AND (reports.case_id IS DISTINCT FROM u.case_id OR reports.case_seq < u.seq)
"""


async def follow_cases(conn: AsyncConnection, changes: Sequence[CaseChange]) -> int:
    """Returns how many report updates were made (none for events older than what the reports show)."""
    driver = await transaction_driver(conn)
    updated = 0
    for round_ in rounds(list(changes)):
        rows = [
            (report_id, _json(change.summary), _json([change.entry]), change)
            for change in round_
            for report_id in map(uuid.UUID, change.report_ids)
        ]
        status_line = await driver.execute(
            _FOLLOW,
            [r[0] for r in rows],
            [r[1] for r in rows],
            [r[2] for r in rows],
            [r[3].case_id for r in rows],
            [r[3].status for r in rows],
            [r[3].sequence for r in rows],
        )
        updated += int(status_line.split()[-1])  # "UPDATE n"
    return updated


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
