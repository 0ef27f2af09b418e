"""Reads of the read model for the board, the stream and the statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.vocabulary import NOT_OVERDUE_SQL, OVERDUE_SQL, overdue_params
from chuishao_tracking.domain.facts import (
    AckRequest,
    Closure,
    Escalation,
    Facts,
    Feedback,
    ReportFiled,
    ResolveCycle,
    Whistle,
)
from chuishao_tracking.domain.statistics import Period

_CASE_COLUMNS = "id, sequence, view, opened_at, updated_at"


@dataclass(frozen=True)
class CaseFilter:
    statuses: list[str] | None = None
    community: str | None = None
    department: str | None = None
    overdue: bool | None = None
    open_only: bool = False


async def list_cases(
    conn: AsyncConnection, flt: CaseFilter, *, now: datetime, limit: int, after: tuple[datetime, str] | None
) -> list[Row]:
    where, params = ["true"], {"limit": limit, **overdue_params(now)}
    if flt.statuses:
        where.append("status = ANY(:statuses)")
        params["statuses"] = flt.statuses
    if flt.community:
        where.append("community = :community")
        params["community"] = flt.community
    if flt.department:
        where.append(":department = ANY(departments)")
        params["department"] = flt.department
    if flt.overdue is not None:
        where.append(OVERDUE_SQL if flt.overdue else NOT_OVERDUE_SQL)
    if flt.open_only:
        where.append("is_open")
    if after is not None:
        where.append("(opened_at, id) < (:after_at, :after_id)")
        params.update(after_at=after[0], after_id=after[1])
    sql = (
        f"SELECT {_CASE_COLUMNS} FROM board_cases WHERE {' AND '.join(where)} "
        "ORDER BY opened_at DESC, id DESC LIMIT :limit"
    )
    return list((await conn.execute(text(sql), params)).all())


async def cases_by_id(conn: AsyncConnection, ids: list[str]) -> list[Row]:
    result = await conn.execute(text(f"SELECT {_CASE_COLUMNS} FROM board_cases WHERE id = ANY(:ids)"), {"ids": ids})
    return list(result.all())


async def timelines(conn: AsyncConnection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Public timeline entries per case: its events in sequence order, with residents' feedback
    placed at the time it was recorded."""
    entries: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {i: [] for i in ids}
    events = await conn.execute(
        text("SELECT case_id, sequence, type, at, actor_role, details FROM case_events WHERE case_id = ANY(:ids)"),
        {"ids": ids},
    )
    for r in events:
        entries[r.case_id].append(
            ((r.at, 0, r.sequence), {"type": r.type, "at": r.at, "actor_role": r.actor_role, "details": r.details})
        )
    feedback = await conn.execute(
        text("SELECT case_id, satisfaction, recorded_at FROM feedback WHERE case_id = ANY(:ids)"), {"ids": ids}
    )
    for r in feedback:
        if r.case_id in entries:
            entries[r.case_id].append(
                (
                    (r.recorded_at, 1, 0),
                    {
                        "type": "report.feedback",
                        "at": r.recorded_at,
                        "actor_role": "grid_worker",
                        "details": {"satisfaction": r.satisfaction},
                    },
                )
            )
    return {case_id: [e for _, e in sorted(items, key=lambda item: item[0])] for case_id, items in entries.items()}


async def load_facts(conn: AsyncConnection, period: Period) -> Facts:
    """Every fact that may fall in `period`; the calculator applies the exact rules."""
    bounds = {"start": period.start, "end": period.end}
    facts = Facts()
    rows = await conn.execute(
        text(
            "SELECT * FROM case_facts WHERE (kind <> 'cycle' AND started_at >= :start AND started_at < :end) "
            "OR (kind = 'cycle' AND ((due_at >= :start AND due_at < :end) OR (done_at >= :start AND done_at < :end)))"
        ),
        bounds,
    )
    for r in rows:
        where = (r.case_id, r.community, r.category)
        if r.kind == "ack":
            facts.acks.append(
                AckRequest(
                    r.case_id,
                    r.department,
                    r.detail.get("role", "lead"),
                    r.community,
                    r.category,
                    r.started_at,
                    r.due_at,
                    r.done_at,
                    r.ended_at,
                    r.label,
                )
            )
        elif r.kind == "cycle":
            facts.cycles.append(
                ResolveCycle(
                    *where,
                    started_at=r.started_at,
                    department=r.department,
                    due_at=r.due_at,
                    resolved_at=r.done_at,
                    ended_at=r.ended_at,
                    reworked=r.flag,
                )
            )
        elif r.kind == "closure":
            facts.closures.append(Closure(*where, r.department, r.started_at, r.label or "other"))
        elif r.kind == "whistle":
            facts.whistles.append(Whistle(*where, r.started_at, tuple(r.detail.get("departments", ()))))
        elif r.kind == "escalation":
            facts.escalations.append(Escalation(*where, r.department, r.started_at, r.detail.get("level", 1)))
    feedback = await conn.execute(
        text(
            "SELECT f.report_id, f.case_id, f.satisfaction, f.recorded_at, c.lead_department, "
            "coalesce(c.community, r.community) AS community, coalesce(c.category, r.category) AS category "
            "FROM feedback f LEFT JOIN board_cases c ON c.id = f.case_id "
            "LEFT JOIN reports r ON r.report_id = f.report_id "
            "WHERE f.recorded_at >= :start AND f.recorded_at < :end"
        ),
        bounds,
    )
    facts.feedback = [
        Feedback(r.report_id, r.case_id, r.community, r.category, r.lead_department, r.recorded_at, r.satisfaction)
        for r in feedback
        if r.community is not None
    ]
    reports = await conn.execute(
        text(
            "SELECT report_id, community, category, received_at FROM reports "
            "WHERE received_at >= :start AND received_at < :end"
        ),
        bounds,
    )
    facts.reports = [ReportFiled(r.report_id, r.community, r.category, r.received_at) for r in reports]
    return facts


async def daily_events(conn: AsyncConnection, since: datetime) -> list[tuple[str, datetime]]:
    rows = await conn.execute(
        text(
            "SELECT type, at FROM case_events WHERE type IN ('case.opened', 'case.resolved', 'case.closed') "
            "AND at >= :since"
        ),
        {"since": since},
    )
    return [(r.type, r.at) for r in rows]


async def open_cases(conn: AsyncConnection, limit: int) -> list[Row]:
    result = await conn.execute(
        text(
            f"SELECT {_CASE_COLUMNS} FROM board_cases WHERE is_open "
            "ORDER BY escalation_level DESC, next_deadline_at ASC NULLS LAST, opened_at DESC LIMIT :limit"
        ),
        {"limit": limit},
    )
    return list(result.all())


async def summary(conn: AsyncConnection, *, now: datetime, day_start: datetime) -> dict[str, int]:
    row = (
        await conn.execute(
            text(
                "SELECT count(*) FILTER (WHERE is_open) AS open, "
                f"count(*) FILTER (WHERE {OVERDUE_SQL}) AS overdue, "
                "count(*) FILTER (WHERE is_open AND escalation_level >= 3) AS red, "
                "count(*) FILTER (WHERE opened_at >= :day_start) AS opened_today FROM board_cases"
            ),
            {**overdue_params(now), "day_start": day_start},
        )
    ).one()
    closed = await conn.execute(
        text("SELECT count(*) FROM case_events WHERE type = 'case.closed' AND at >= :day_start"),
        {"day_start": day_start},
    )
    return {
        "open": row.open,
        "overdue": row.overdue,
        "red": row.red,
        "opened_today": row.opened_today,
        "closed_today": int(closed.scalar_one()),
    }
