"""Writes of the read model. Never commits: the consumer's transaction (with its dedupe row) does."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.db import transaction_driver
from chuishao_tracking.adapters.community_store import COMMUNITY_TABLES
from chuishao_tracking.domain.facts import CaseFacts
from chuishao_tracking.domain.projection import CaseProjection
from chuishao_tracking.domain.records import CaseRecord, CaseView, parse_time

NOTIFY_CHANNEL = "chuishao_tracking_board"
RESET = "*reset"
READ_MODEL_TABLES = ("board_cases", "case_events", "case_facts", "reports", "feedback", *COMMUNITY_TABLES)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# Statements are built once: `text()` parses its SQL each time it is called. A consumer's poll of case
# events costs three statements besides the consumer's own, however many events and cases it holds
# (docs/performance.md): the locks, the events' insert with the read of their cases' events, and one write
# of the board rows, the facts and the notifications.
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k"

# The read's snapshot predates the insert, so it returns the events the cases held before these; the
# caller adds each new event whose sequence no stored event holds (the insert's conflict keeps the first).
_ADD_AND_READ_SQL = (
    "WITH added AS (INSERT INTO case_events (case_id, sequence, event_id, type, at, actor_role, details, snapshot) "
    "SELECT * FROM unnest($1::text[], $2::integer[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], "
    "$7::jsonb[], $8::jsonb[]) ON CONFLICT DO NOTHING RETURNING 1) "
    "SELECT case_id, sequence, type, at, actor_role, details, snapshot FROM case_events WHERE case_id = ANY($9::text[])"
)

_BOARD_COLUMNS = (
    "id text, sequence integer, status text, is_open boolean, category text, grid text, community text, "
    "lead text, departments text[], level integer, next_deadline_at timestamptz, opened_at timestamptz, "
    "updated_at timestamptz, view jsonb, fact_count integer"
)
_FACT_COLUMNS = (
    "case_id text, ordinal integer, kind text, department text, community text, category text, "
    "started_at timestamptz, due_at timestamptz, done_at timestamptz, ended_at timestamptz, label text, "
    "flag boolean, detail jsonb"
)
_FACT_NAMES = "kind, department, community, category, started_at, due_at, done_at, ended_at, label, flag, detail"

# One statement for every case of a poll: the board rows, the facts (rows past each case's new count
# deleted, the others upserted, an unchanged row left alone) and the notifications, which PostgreSQL
# delivers when the transaction commits.
_SAVE_SQL = (
    f"WITH b AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS b({_BOARD_COLUMNS})), "
    "board AS (INSERT INTO board_cases (id, sequence, status, is_open, category, grid, community, "
    "lead_department, departments, escalation_level, next_deadline_at, opened_at, updated_at, view) "
    "SELECT id, sequence, status, is_open, category, grid, community, lead, departments, level, next_deadline_at, "
    "opened_at, updated_at, view FROM b ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, "
    "status = excluded.status, is_open = excluded.is_open, lead_department = excluded.lead_department, "
    "departments = excluded.departments, escalation_level = excluded.escalation_level, "
    "next_deadline_at = excluded.next_deadline_at, opened_at = excluded.opened_at, "
    "updated_at = excluded.updated_at, view = excluded.view RETURNING 1), "
    "gone AS (DELETE FROM case_facts USING b WHERE case_facts.case_id = b.id AND case_facts.ordinal >= b.fact_count "
    "RETURNING 1), "
    f"kept AS (INSERT INTO case_facts (case_id, ordinal, {_FACT_NAMES}) "
    f"SELECT f.case_id, f.ordinal, {', '.join('f.' + n for n in _FACT_NAMES.split(', '))} "
    f"FROM jsonb_to_recordset($2::jsonb) AS f({_FACT_COLUMNS}) "
    "ON CONFLICT (case_id, ordinal) DO UPDATE SET "
    + ", ".join(f"{n} = excluded.{n}" for n in _FACT_NAMES.split(", "))
    + f" WHERE ({', '.join('case_facts.' + n for n in _FACT_NAMES.split(', '))}) IS DISTINCT FROM "
    f"({', '.join('excluded.' + n for n in _FACT_NAMES.split(', '))}) RETURNING 1) "
    "SELECT (SELECT count(*) FROM board) + (SELECT count(*) FROM gone) + (SELECT count(*) FROM kept), "
    "(SELECT count(pg_notify($3, id) IS NULL) FROM b)"
)

_NOTIFY = text("SELECT pg_notify(:channel, :payload)")


async def lock_cases(conn: AsyncConnection, case_ids: Iterable[str]) -> None:
    """Serialise the projection of these cases (a live consumer and a rebuild may both hold their events).
    The locks are taken in one order, so two transactions locking overlapping cases cannot deadlock."""
    keys = sorted({f"case:{case_id}" for case_id in case_ids})
    await (await transaction_driver(conn)).execute(_LOCK, keys)


async def add_case_events(
    conn: AsyncConnection, events: Sequence[tuple[uuid.UUID, CaseRecord]]
) -> dict[str, list[CaseRecord]]:
    """Store the events (a sequence already held keeps its first event) and return, for each of their
    cases, every event the case now holds, in one round trip. Call with the cases locked."""
    case_ids = list(dict.fromkeys(record.case_id for _, record in events))
    driver = await transaction_driver(conn)
    rows = await driver.fetch(
        _ADD_AND_READ_SQL,
        [record.case_id for _, record in events],
        [record.sequence for _, record in events],
        [event_id for event_id, _ in events],
        [record.type for _, record in events],
        [record.at for _, record in events],
        [record.actor_role for _, record in events],
        [_json(record.details) for _, record in events],
        [_json(record.case.to_json()) for _, record in events],
        case_ids,
    )
    held: dict[str, list[CaseRecord]] = {case_id: [] for case_id in case_ids}
    for r in rows:
        held[r["case_id"]].append(
            CaseRecord(
                case_id=r["case_id"],
                sequence=r["sequence"],
                type=r["type"],
                at=r["at"],
                actor_role=r["actor_role"],
                details=dict(r["details"]),
                case=CaseView.from_snapshot(r["snapshot"]),
            )
        )
    sequences = {case_id: {r.sequence for r in records} for case_id, records in held.items()}
    for _, record in events:
        if record.sequence not in sequences[record.case_id]:
            sequences[record.case_id].add(record.sequence)
            held[record.case_id].append(record)
    return held


async def save_projections(conn: AsyncConnection, projections: Sequence[CaseProjection]) -> None:
    """Write each case's board row and facts, and tell the live board (on commit), in one statement.
    One projection per case."""
    boards: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    for projection in projections:
        view = projection.case
        departments = sorted(
            {a.department for a in view.assignments if view.current(a.department) is a and a.status != "returned"}
        )
        rows = _fact_items(view.id, projection.facts)
        boards.append(
            {
                "id": view.id,
                "sequence": projection.sequence,
                "status": view.status,
                "is_open": view.is_open,
                "category": view.category,
                "grid": view.grid,
                "community": view.community,
                "lead": view.lead_department,
                "departments": departments,
                "level": view.escalation_level,
                "next_deadline_at": _iso(view.next_deadline_at),
                "opened_at": _iso(view.opened_at),
                "updated_at": _iso(projection.updated_at),
                "view": view.to_json(),
                "fact_count": len(rows),
            }
        )
        for row in rows:  # read back by jsonb_to_recordset
            for column in ("started_at", "due_at", "done_at", "ended_at"):
                row[column] = _iso(row[column])
        facts.extend(rows)
    driver = await transaction_driver(conn)
    await driver.execute(_SAVE_SQL, _json(boards), _json(facts), NOTIFY_CHANNEL)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


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


_SAVE_REPORTS = (
    "INSERT INTO reports (report_id, category, grid, community, handled_on_site, received_at) "
    "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::timestamptz[]) "
    "ON CONFLICT DO NOTHING"
)
_REPORT_FIELDS = ("report_id", "category", "grid", "community", "handled_on_site", "received_at")


async def save_reports(conn: AsyncConnection, reports: Sequence[dict[str, Any]]) -> None:
    """The reports' structured facts, in one statement; a report already kept keeps its first row."""
    columns = [[report[field] for report in reports] for field in _REPORT_FIELDS]
    await (await transaction_driver(conn)).execute(_SAVE_REPORTS, *columns)


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
