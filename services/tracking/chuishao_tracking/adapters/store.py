"""Writes of the read model. Never commits: the consumer's transaction (with its dedupe row) does."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.db import positional, transaction_driver
from chuishao_tracking.adapters.community_store import COMMUNITY_TABLES
from chuishao_tracking.domain.facts import CaseFacts
from chuishao_tracking.domain.projection import CaseProjection
from chuishao_tracking.domain.records import CaseRecord, CaseView, parse_time

NOTIFY_CHANNEL = "chuishao_tracking_board"
RESET = "*reset"
READ_MODEL_TABLES = ("board_cases", "case_events", "case_facts", "reports", "feedback", *COMMUNITY_TABLES)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# Statements are built once: `text()` parses its SQL each time it is called. Per case event the
# projection costs three statements besides the consumer's own (docs/benchmarks.md, "tracking's
# projection CPU"): the lock, the event's insert with the read of the case's events, and one write of
# the board row, the facts and the notification.
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"

# The read's snapshot predates the insert, so it returns the events the case held before this one; the
# caller adds the new event when no stored event already holds its sequence (the insert's conflict).
_ADD_AND_READ = (
    "WITH added AS (INSERT INTO case_events (case_id, sequence, event_id, type, at, actor_role, details, snapshot) "
    "VALUES (:case_id, :sequence, :event_id, :type, :at, :actor_role, CAST(:details AS jsonb), "
    "CAST(:snapshot AS jsonb)) ON CONFLICT DO NOTHING RETURNING 1) "
    "SELECT sequence, type, at, actor_role, details, snapshot FROM case_events WHERE case_id = :case_id"
)

_FACT_COLUMNS = (
    "ordinal integer, kind text, department text, community text, category text, started_at timestamptz, "
    "due_at timestamptz, done_at timestamptz, ended_at timestamptz, label text, flag boolean, detail jsonb"
)
_FACT_NAMES = "kind, department, community, category, started_at, due_at, done_at, ended_at, label, flag, detail"

# One statement: the board row, the facts (rows past the new count deleted, the others upserted, an
# unchanged row left alone) and the notification, which PostgreSQL delivers when the transaction commits.
_SAVE_PROJECTION = (
    "WITH board AS (INSERT INTO board_cases (id, sequence, status, is_open, category, grid, community, "
    "lead_department, departments, escalation_level, next_deadline_at, opened_at, updated_at, view) VALUES (:id, "
    ":sequence, :status, :is_open, :category, :grid, :community, :lead, :departments, :level, :next_deadline_at, "
    ":opened_at, :updated_at, CAST(:view AS jsonb)) ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, "
    "status = excluded.status, is_open = excluded.is_open, lead_department = excluded.lead_department, "
    "departments = excluded.departments, escalation_level = excluded.escalation_level, "
    "next_deadline_at = excluded.next_deadline_at, opened_at = excluded.opened_at, "
    "updated_at = excluded.updated_at, view = excluded.view RETURNING 1), "
    "gone AS (DELETE FROM case_facts WHERE case_id = :id AND ordinal >= :fact_count RETURNING 1), "
    f"kept AS (INSERT INTO case_facts (case_id, ordinal, {_FACT_NAMES}) "
    f"SELECT :id, f.ordinal, {', '.join('f.' + n for n in _FACT_NAMES.split(', '))} "
    f"FROM jsonb_to_recordset(CAST(:facts AS jsonb)) AS f({_FACT_COLUMNS}) "
    "ON CONFLICT (case_id, ordinal) DO UPDATE SET "
    + ", ".join(f"{n} = excluded.{n}" for n in _FACT_NAMES.split(", "))
    + f" WHERE ({', '.join('case_facts.' + n for n in _FACT_NAMES.split(', '))}) IS DISTINCT FROM "
    f"({', '.join('excluded.' + n for n in _FACT_NAMES.split(', '))}) RETURNING 1) "
    "SELECT (SELECT count(*) FROM board) + (SELECT count(*) FROM gone) + (SELECT count(*) FROM kept), "
    "pg_notify(:channel, :id)"
)

_NOTIFY = text("SELECT pg_notify(:channel, :payload)")


_ADD_AND_READ_ARGS = ["case_id", "sequence", "event_id", "type", "at", "actor_role", "details", "snapshot"]
_ADD_AND_READ_SQL = positional(_ADD_AND_READ, _ADD_AND_READ_ARGS)
_SAVE_ARGS = [
    "id",
    "sequence",
    "status",
    "is_open",
    "category",
    "grid",
    "community",
    "lead",
    "departments",
    "level",
    "next_deadline_at",
    "opened_at",
    "updated_at",
    "view",
    "fact_count",
    "facts",
    "channel",
]
_SAVE_SQL = positional(_SAVE_PROJECTION, _SAVE_ARGS)


async def lock_case(conn: AsyncConnection, case_id: str) -> None:
    """Serialise the projection of one case (a live consumer and a rebuild may both hold its events)."""
    await (await transaction_driver(conn)).execute(_LOCK, f"case:{case_id}")


async def add_case_event(conn: AsyncConnection, event_id: uuid.UUID, record: CaseRecord) -> list[CaseRecord]:
    """Store the event (a sequence already held keeps its first event) and return every event the case
    now holds, in one round trip. Call with the case locked."""
    driver = await transaction_driver(conn)
    rows = await driver.fetch(
        _ADD_AND_READ_SQL,
        record.case_id,
        record.sequence,
        event_id,
        record.type,
        record.at,
        record.actor_role,
        _json(record.details),
        _json(record.case.to_json()),
    )
    records = [
        CaseRecord(
            case_id=record.case_id,
            sequence=r["sequence"],
            type=r["type"],
            at=r["at"],
            actor_role=r["actor_role"],
            details=dict(r["details"]),
            case=CaseView.from_snapshot(r["snapshot"]),
        )
        for r in rows
    ]
    if all(r.sequence != record.sequence for r in records):
        records.append(record)
    return records


async def save_projection(conn: AsyncConnection, projection: CaseProjection) -> None:
    """Write the case's board row and facts, and tell the live board (on commit), in one statement."""
    view = projection.case
    departments = sorted(
        {a.department for a in view.assignments if view.current(a.department) is a and a.status != "returned"}
    )
    facts = _fact_items(view.id, projection.facts)
    for row in facts:  # read back by jsonb_to_recordset
        for column in ("started_at", "due_at", "done_at", "ended_at"):
            row[column] = row[column] and row[column].isoformat()
    driver = await transaction_driver(conn)
    await driver.execute(
        _SAVE_SQL,
        view.id,
        projection.sequence,
        view.status,
        view.is_open,
        view.category,
        view.grid,
        view.community,
        view.lead_department,
        departments,
        view.escalation_level,
        view.next_deadline_at,
        view.opened_at,
        projection.updated_at,
        _json(view.to_json()),
        len(facts),
        _json(facts),
        NOTIFY_CHANNEL,
    )


def fact_rows(case_id: str, facts: CaseFacts) -> list[dict[str, Any]]:
    """One generic row per fact (its detail as JSON text); `adapters.queries.load_facts` reads them back."""
    return [{**row, "detail": _json(row["detail"])} for row in _fact_items(case_id, facts)]


def _fact_items(case_id: str, facts: CaseFacts) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(
        kind: str,
        item: Any,
        *,
        started_at: datetime | None,
        due_at: datetime | None = None,
        done_at: datetime | None = None,
        ended_at: datetime | None = None,
        label: str | None = None,
        flag: bool = False,
        detail: dict[str, Any] | None = None,
        department: str | None = None,
    ) -> None:
        rows.append(
            {
                "case_id": case_id,
                "ordinal": len(rows),
                "kind": kind,
                "department": department,
                "community": item.community,
                "category": item.category,
                "started_at": started_at,
                "due_at": due_at,
                "done_at": done_at,
                "ended_at": ended_at,
                "label": label,
                "flag": flag,
                "detail": detail or {},
            }
        )

    for a in facts.acks:
        add(
            "ack",
            a,
            department=a.department,
            started_at=a.requested_at,
            due_at=a.due_at,
            done_at=a.acknowledged_at,
            ended_at=a.ended_at,
            label=a.ended_by,
            detail={"role": a.role},
        )
    for c in facts.cycles:
        add(
            "cycle",
            c,
            department=c.department,
            started_at=c.started_at,
            due_at=c.due_at,
            done_at=c.resolved_at,
            ended_at=c.ended_at,
            flag=c.reworked,
        )
    for closure in facts.closures:
        add("closure", closure, department=closure.department, started_at=closure.closed_at, label=closure.resolution)
    for w in facts.whistles:
        add("whistle", w, started_at=w.at, detail={"departments": list(w.departments)})
    for e in facts.escalations:
        add("escalation", e, department=e.department, started_at=e.at, detail={"level": e.level})
    return rows


async def save_report(conn: AsyncConnection, data: dict[str, Any]) -> None:
    await conn.execute(
        text(
            "INSERT INTO reports (report_id, category, grid, community, handled_on_site, received_at) VALUES "
            "(:report_id, :category, :grid, :community, :handled_on_site, :received_at) ON CONFLICT DO NOTHING"
        ),
        data,
    )


async def save_feedback(
    conn: AsyncConnection, *, report_id: str, case_id: str, sequence: int, satisfaction: str, recorded_at: datetime
) -> None:
    """The latest feedback per report wins, whatever order the events arrive in."""
    await conn.execute(
        text(
            "INSERT INTO feedback (report_id, case_id, sequence, satisfaction, recorded_at) VALUES (:report_id, "
            ":case_id, :sequence, :satisfaction, :recorded_at) ON CONFLICT (report_id) DO UPDATE SET "
            "case_id = excluded.case_id, sequence = excluded.sequence, satisfaction = excluded.satisfaction, "
            "recorded_at = excluded.recorded_at WHERE excluded.sequence > feedback.sequence"
        ),
        {
            "report_id": report_id,
            "case_id": case_id,
            "sequence": sequence,
            "satisfaction": satisfaction,
            "recorded_at": parse_time(recorded_at),
        },
    )


async def notify(conn: AsyncConnection, payload: str) -> None:
    """Delivered by PostgreSQL only when the transaction commits, to every replica that listens."""
    await conn.execute(_NOTIFY, {"channel": NOTIFY_CHANNEL, "payload": payload})


async def wipe(conn: AsyncConnection, consumer: str) -> None:
    await conn.execute(text(f"TRUNCATE {', '.join(READ_MODEL_TABLES)}"))
    await conn.execute(text("DELETE FROM processed_events WHERE consumer = :consumer"), {"consumer": consumer})
    await notify(conn, RESET)
