"""Writes of the read model. Never commits: the consumer's transaction (with its dedupe row) does."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_tracking.domain.facts import CaseFacts
from chuishao_tracking.domain.projection import CaseProjection
from chuishao_tracking.domain.records import CaseRecord, CaseView, parse_time

NOTIFY_CHANNEL = "chuishao_tracking_board"
RESET = "*reset"
READ_MODEL_TABLES = ("board_cases", "case_events", "case_facts", "reports", "feedback")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def lock_case(conn: AsyncConnection, case_id: str) -> None:
    """Serialise the projection of one case (a live consumer and a rebuild may both hold its events)."""
    await conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"case:{case_id}"})


async def insert_case_event(conn: AsyncConnection, event_id: uuid.UUID, record: CaseRecord) -> None:
    await conn.execute(
        text(
            "INSERT INTO case_events (case_id, sequence, event_id, type, at, actor_role, details, snapshot) "
            "VALUES (:case_id, :sequence, :event_id, :type, :at, :actor_role, CAST(:details AS jsonb), "
            "CAST(:snapshot AS jsonb)) ON CONFLICT DO NOTHING"
        ),
        {
            "case_id": record.case_id,
            "sequence": record.sequence,
            "event_id": event_id,
            "type": record.type,
            "at": record.at,
            "actor_role": record.actor_role,
            "details": _json(record.details),
            "snapshot": _json(record.case.to_json()),
        },
    )


async def case_records(conn: AsyncConnection, case_id: str) -> list[CaseRecord]:
    rows = await conn.execute(
        text("SELECT sequence, type, at, actor_role, details, snapshot FROM case_events WHERE case_id = :id"),
        {"id": case_id},
    )
    return [
        CaseRecord(
            case_id=case_id,
            sequence=r.sequence,
            type=r.type,
            at=r.at,
            actor_role=r.actor_role,
            details=dict(r.details),
            case=CaseView.from_snapshot(r.snapshot),
        )
        for r in rows
    ]


async def save_projection(conn: AsyncConnection, projection: CaseProjection) -> None:
    view = projection.case
    departments = sorted(
        {a.department for a in view.assignments if view.current(a.department) is a and a.status != "returned"}
    )
    await conn.execute(
        text(
            "INSERT INTO board_cases (id, sequence, status, is_open, category, grid, community, lead_department, "
            "departments, escalation_level, next_deadline_at, opened_at, updated_at, view) VALUES (:id, :sequence, "
            ":status, :is_open, :category, :grid, :community, :lead, :departments, :level, :next_deadline_at, "
            ":opened_at, :updated_at, CAST(:view AS jsonb)) ON CONFLICT (id) DO UPDATE SET sequence = "
            "excluded.sequence, status = excluded.status, is_open = excluded.is_open, lead_department = excluded."
            "lead_department, departments = excluded.departments, escalation_level = excluded.escalation_level, "
            "next_deadline_at = excluded.next_deadline_at, opened_at = excluded.opened_at, "
            "updated_at = excluded.updated_at, view = excluded.view"
        ),
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
            "next_deadline_at": view.next_deadline_at,
            "opened_at": view.opened_at,
            "updated_at": projection.updated_at,
            "view": _json(view.to_json()),
        },
    )
    await conn.execute(text("DELETE FROM case_facts WHERE case_id = :id"), {"id": view.id})
    rows = fact_rows(view.id, projection.facts)
    if rows:
        await conn.execute(
            text(
                "INSERT INTO case_facts (case_id, ordinal, kind, department, community, category, started_at, "
                "due_at, done_at, ended_at, label, flag, detail) VALUES (:case_id, :ordinal, :kind, :department, "
                ":community, :category, :started_at, :due_at, :done_at, :ended_at, :label, :flag, "
                "CAST(:detail AS jsonb))"
            ),
            rows,
        )


def fact_rows(case_id: str, facts: CaseFacts) -> list[dict[str, Any]]:
    """One generic row per fact; `adapters.queries.load_facts` reads them back."""
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
                "detail": _json(detail or {}),
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
    await conn.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": NOTIFY_CHANNEL, "payload": payload})


async def wipe(conn: AsyncConnection, consumer: str) -> None:
    await conn.execute(text(f"TRUNCATE {', '.join(READ_MODEL_TABLES)}"))
    await conn.execute(text("DELETE FROM processed_events WHERE consumer = :consumer"), {"consumer": consumer})
    await notify(conn, RESET)
