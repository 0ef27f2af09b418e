"""Keep each report's view of its case (summary and timeline) current from consumed case events."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_intake.domain.case_view import CaseChange, report_rounds
from chuishao_shared.db import transaction_driver

# One statement per round of a poll's case events (`domain.case_view.report_rounds`: no report twice in a
# round, a report's run of one case's events as one update): the view (summary and timeline) and the status
# together. Only a newer event of the case (or another case, after a merge) changes a report; a report that
# moves to another case starts a fresh timeline. Every SET expression reads the row as it was, so the
# timeline's `case_id IS DISTINCT FROM` and each entry's sequence check see the old case and sequence even
# though the same statement moves the report.
_FOLLOW = """
    UPDATE reports SET
        case_view = u.summary,
        case_timeline = CASE WHEN reports.case_id IS DISTINCT FROM u.case_id THEN '[]'::jsonb
                        ELSE reports.case_timeline END
            || (SELECT coalesce(jsonb_agg(e.entry ORDER BY e.n), '[]'::jsonb)
                FROM jsonb_array_elements(u.entries) WITH ORDINALITY AS e(entry, n)
                WHERE reports.case_id IS DISTINCT FROM u.case_id
                   OR (u.sequences ->> (e.n - 1)::int)::int > reports.case_seq),
        case_id = u.case_id, case_status = u.status, case_seq = u.seq, updated_at = now()
    FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[], $4::text[], $5::text[], $6::integer[], $7::jsonb[])
         AS u(id, summary, entries, case_id, status, seq, sequences)
    WHERE reports.id = u.id AND (reports.case_id IS DISTINCT FROM u.case_id OR reports.case_seq < u.seq)
"""


async def follow_cases(conn: AsyncConnection, changes: Sequence[CaseChange]) -> int:
    """Returns how many report updates were made (none for events older than what the reports show)."""
    driver = await transaction_driver(conn)
    updated = 0
    for round_ in report_rounds(list(changes)):
        status_line = await driver.execute(
            _FOLLOW,
            [uuid.UUID(u.report_id) for u in round_],
            [_json(u.summary) for u in round_],
            [_json(list(u.entries)) for u in round_],
            [u.case_id for u in round_],
            [u.status for u in round_],
            [u.sequence for u in round_],
            [_json(list(u.sequences)) for u in round_],
        )
        updated += int(status_line.split()[-1])  # "UPDATE n"
    return updated


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
