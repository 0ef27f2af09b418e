"""Reports table access. Repositories never commit: the unit of work does."""

from __future__ import annotations

import abc
import json
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_intake.adapters import case_view
from chuishao_intake.domain.case_view import CaseChange
from chuishao_intake.domain.open311 import RequestQuery
from chuishao_shared import case_numbers
from chuishao_shared.db import autocommit_driver, positional
from chuishao_shared.outbox.writer import OUTBOX_COLUMNS
from chuishao_shared.vocabulary import FINISHED

# Filing is the hot path: the idempotency claim, the report's short number, the report and its event go
# to PostgreSQL as ONE statement (one round trip, one implicit transaction). Without a key, or when the
# key is new, the counter of the number's prefix for the day is incremented (its row lock orders
# concurrent filings: no number is handed out twice, even by two communities whose names shorten alike)
# and the report and its event are written with the number; when the key exists nothing is, `filed` is
# false and no number is taken. The event's payload gets the number in SQL (`data.number`); the stored
# idempotency answer has none, so a replay reads it from the report.
_FILE = f"""
WITH claim AS (
    INSERT INTO idempotency_keys (subject, key, request_hash, status_code, response)
    SELECT :reporter, CAST(:idem_key AS text), :idem_hash, 201, CAST(:response AS jsonb)
    WHERE CAST(:idem_key AS text) IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING 1
), go AS (
    SELECT (CAST(:idem_key AS text) IS NULL OR EXISTS (SELECT 1 FROM claim)) AS filed
), counter AS (
    INSERT INTO report_counters (prefix, day, last)
    SELECT CAST(:number_prefix AS text), CAST(:number_day AS date), 1 FROM go WHERE go.filed
    ON CONFLICT (prefix, day) DO UPDATE SET last = report_counters.last + 1
    RETURNING last
), numbered AS (
    SELECT {case_numbers.sql_number("CAST(:number_prefix AS text)", "last")} AS number FROM counter
), report AS (
    INSERT INTO reports (id, reporter, category, grid, community, description, severity, place, resident,
                         photos, handled_on_site, topic_id, created_at, number)
    SELECT :id, :reporter, :category, :grid, :community, :description, :severity, CAST(:place AS jsonb),
           CAST(:resident AS jsonb), CAST(:photos AS jsonb), :handled_on_site, CAST(:topic_id AS text), :created_at,
           numbered.number
    FROM numbered
), event AS (
    INSERT INTO outbox ({OUTBOX_COLUMNS})
    SELECT :event_id, :topic, :key, :event_type,
           convert_to(CAST(jsonb_set(CAST(convert_from(:payload, 'UTF8') AS jsonb), '{{data,number}}',
                                     to_jsonb(numbered.number)) AS text), 'UTF8'),
           CAST(:headers AS jsonb)
    FROM numbered
)
SELECT go.filed, (SELECT number FROM numbered) AS number, pg_notify(:channel, '') IS NULL AS notified FROM go
"""
_FILE_ARGS = [
    "reporter", "idem_key", "idem_hash", "response", "number_prefix", "number_day", "id", "category", "grid",
    "community", "description", "severity", "place", "resident", "photos", "handled_on_site", "topic_id",
    "created_at", "event_id", "topic", "key", "event_type", "payload", "headers", "channel",
]  # fmt: skip
# Sent to asyncpg itself (chuishao_shared.db.autocommit_driver): SQLAlchemy's execution path cost as much
# CPU as the driver's for this one statement.
_FILE_SQL = positional(_FILE, _FILE_ARGS)

_COLUMNS = (
    "id, reporter, category, grid, community, description, severity, place, resident, photos, "
    "handled_on_site, topic_id, created_at, event_seq, case_id, case_status, verification, feedback, case_view, "
    "case_timeline, updated_at, number"
)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None  # not an id of ours: matches nothing


class AbstractReportRepository(abc.ABC):
    @abc.abstractmethod
    async def file(
        self,
        report: dict[str, Any],
        event_row: dict[str, Any],
        *,
        channel: str,
        idempotency: tuple[str | None, str, dict[str, Any]],
        number: tuple[str, str],
    ) -> tuple[bool, str | None]:
        """Store the report with its next short number, its event and its idempotency key at once:
        (True, the number), or (False, None) when the key was used. `number` is the counter's day
        (ISO date, Asia/Shanghai) and the number's prefix (`chuishao_shared.case_numbers`)."""

    @abc.abstractmethod
    async def get(self, report_id: uuid.UUID, *, for_update: bool = False) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    async def of_reporter(
        self, *, reporter: str, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    async def public(self, query: RequestQuery) -> list[dict[str, Any]]:
        """Open311 `GET requests`, filtered, ordered and limited in the database."""

    @abc.abstractmethod
    async def bump_sequence(self, report_id: uuid.UUID, field: str, value: dict[str, Any]) -> int:
        """Store a verification or feedback and return the report's next event sequence number."""

    @abc.abstractmethod
    async def follow_cases(self, changes: Sequence[CaseChange]) -> int:
        """Project case events onto their reports (status, summary, timeline entry), as if one by one in
        order; an older event (lower sequence) never overwrites a newer one. Returns how many report
        updates were made."""


class SqlReportRepository(AbstractReportRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def follow_cases(self, changes: Sequence[CaseChange]) -> int:
        return await case_view.follow_cases(self.conn, changes)

    async def file(
        self,
        report: dict[str, Any],
        event_row: dict[str, Any],
        *,
        channel: str,
        idempotency: tuple[str | None, str, dict[str, Any]],
        number: tuple[str, str],
    ) -> tuple[bool, str | None]:
        key, fingerprint, response = idempotency
        day, number_prefix = number
        values = {
            **report,
            **event_row,
            "place": json.dumps(report["place"], ensure_ascii=False),
            "resident": json.dumps(report["resident"], ensure_ascii=False) if report["resident"] else None,
            "photos": json.dumps(report["photos"]),
            "idem_key": key,
            "idem_hash": fingerprint,
            "response": json.dumps(response, ensure_ascii=False, default=str),
            "channel": channel,
            "number_day": date.fromisoformat(day),
            "number_prefix": number_prefix,
        }
        driver = await autocommit_driver(self.conn)
        row = await driver.fetchrow(_FILE_SQL, *(values[name] for name in _FILE_ARGS))
        return bool(row["filed"]), row["number"]

    async def get(self, report_id: uuid.UUID, *, for_update: bool = False) -> dict[str, Any] | None:
        lock = " FOR UPDATE" if for_update else ""
        result = await self.conn.execute(
            text(f"SELECT {_COLUMNS} FROM reports WHERE id = :id{lock}"), {"id": report_id}
        )
        row = result.first()
        return dict(row._mapping) if row else None

    async def of_reporter(
        self, *, reporter: str, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> list[dict[str, Any]]:
        where = "reporter = :reporter"
        params: dict[str, Any] = {"reporter": reporter, "limit": limit}
        if after is not None:
            where += " AND (created_at, id) < (:after_at, :after_id)"
            params.update(after_at=after[0], after_id=after[1])
        sql = f"SELECT {_COLUMNS} FROM reports WHERE {where} ORDER BY created_at DESC, id DESC LIMIT :limit"
        return [dict(r._mapping) for r in (await self.conn.execute(text(sql), params)).all()]

    async def public(self, query: RequestQuery) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"limit": query.limit}
        if query.ids:
            ids = [i for i in (_uuid(v) for v in query.ids) if i is not None]
            where = ["id = ANY(:ids)"]
            params["ids"] = ids
        else:
            where = ["created_at >= :start", "created_at <= :end"]
            params.update(start=query.start, end=query.end)
            if query.service_codes:
                where.append("category = ANY(:codes)")
                params["codes"] = list(query.service_codes)
            if len(set(query.statuses)) == 1:  # both statuses, or none, mean every request
                finished = "(case_status IS NOT NULL AND case_status = ANY(:finished))"
                where.append(finished if query.statuses[0] == "closed" else f"NOT {finished}")
                params["finished"] = sorted(FINISHED)
        sql = (
            f"SELECT {_COLUMNS} FROM reports WHERE {' AND '.join(where)} ORDER BY created_at DESC, id DESC LIMIT :limit"
        )
        return [dict(r._mapping) for r in (await self.conn.execute(text(sql), params)).all()]

    async def bump_sequence(self, report_id: uuid.UUID, field: str, value: dict[str, Any]) -> int:
        assert field in ("verification", "feedback")
        result = await self.conn.execute(
            text(
                f"UPDATE reports SET {field} = CAST(:value AS jsonb), event_seq = event_seq + 1, updated_at = now() "
                "WHERE id = :id RETURNING event_seq"
            ),
            {"id": report_id, "value": json.dumps(value, ensure_ascii=False, default=str)},
        )
        return int(result.scalar_one())
