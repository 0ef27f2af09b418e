"""Case and rule-set persistence. The aggregate is stored whole as JSONB; the columns beside it exist
for the queues, object-level filters, duplicate matching and timers. Never commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_dispatch.domain import Case, RoutingRule, RuleSet
from chuishao_shared.vocabulary import UNSETTLED

_COLUMNS = "id, doc, sequence, jurisdiction_chain"


def _row_values(case: Case, chain: list[str], sequence: int) -> dict[str, Any]:
    return {
        "id": case.id,
        "status": case.status,
        "category": case.category,
        "grid": case.grid,
        "community": case.community,
        "building": case.report.building,
        "chain": chain,
        "departments": sorted({a.department for a in case.assignments}),
        "active": case.departments_active(),
        "opened_at": case.opened_at,
        "resolve_due_at": case.resolve_due_at,
        "next_timer_at": case.next_timer_at(),
        "next_deadline_at": case.next_deadline_at(),
        "level": case.escalation_level,
        "sequence": sequence,
        "version": case.version,
        "doc": json.dumps(case.to_dict(), ensure_ascii=False),
    }


async def insert_case(conn: AsyncConnection, case: Case, chain: list[str], sequence: int) -> None:
    await conn.execute(
        text(
            "INSERT INTO cases (id, status, category, grid, community, building, jurisdiction_chain, departments, "
            "active_departments, opened_at, resolve_due_at, next_timer_at, next_deadline_at, escalation_level, "
            "sequence, version, doc) VALUES (:id, :status, :category, :grid, :community, :building, :chain, "
            ":departments, :active, :opened_at, :resolve_due_at, :next_timer_at, :next_deadline_at, :level, "
            ":sequence, :version, CAST(:doc AS jsonb))"
        ),
        _row_values(case, chain, sequence),
    )
    await conn.execute(
        text("INSERT INTO report_cases (report_id, case_id) VALUES (:r, :c)"),
        [{"r": r, "c": case.id} for r in case.report_ids],
    )


async def update_case(
    conn: AsyncConnection, case: Case, chain: list[str], sequence: int, new_report_ids: Sequence[str] = ()
) -> None:
    await conn.execute(
        text(
            "UPDATE cases SET status = :status, departments = :departments, active_departments = :active, "
            "resolve_due_at = :resolve_due_at, next_timer_at = :next_timer_at, next_deadline_at = :next_deadline_at, "
            "escalation_level = :level, "
            "sequence = :sequence, version = :version, doc = CAST(:doc AS jsonb), updated_at = now() WHERE id = :id"
        ),
        _row_values(case, chain, sequence),
    )
    if new_report_ids:
        await conn.execute(
            text(
                "INSERT INTO report_cases (report_id, case_id) VALUES (:r, :c) "
                "ON CONFLICT (report_id) DO UPDATE SET case_id = EXCLUDED.case_id"
            ),
            [{"r": r, "c": case.id} for r in new_report_ids],
        )


class LoadedCase:
    def __init__(self, case: Case, sequence: int, chain: list[str]) -> None:
        self.case = case
        self.sequence = sequence
        self.chain = chain


def _loaded(row: Any) -> LoadedCase:
    return LoadedCase(Case.from_dict(row.doc), row.sequence, list(row.jurisdiction_chain))


async def lock_case(conn: AsyncConnection, case_id: str) -> LoadedCase | None:
    """Load a case for change, holding its row lock until the transaction ends."""
    row = (await conn.execute(text(f"SELECT {_COLUMNS} FROM cases WHERE id = :id FOR UPDATE"), {"id": case_id})).first()
    return _loaded(row) if row else None


async def get_case(conn: AsyncConnection, case_id: str) -> LoadedCase | None:
    row = (await conn.execute(text(f"SELECT {_COLUMNS} FROM cases WHERE id = :id"), {"id": case_id})).first()
    return _loaded(row) if row else None


async def case_of_report(conn: AsyncConnection, report_id: str) -> str | None:
    return (
        await conn.execute(text("SELECT case_id FROM report_cases WHERE report_id = :r"), {"r": report_id})
    ).scalar()


async def report_known(conn: AsyncConnection, report_id: str) -> bool:
    return await case_of_report(conn, report_id) is not None


async def open_cases_of_matter(conn: AsyncConnection, *, category: str, grid: str, since: datetime) -> list[LoadedCase]:
    rows = (
        await conn.execute(
            text(
                f"SELECT {_COLUMNS} FROM cases WHERE category = :category AND grid = :grid AND opened_at >= :since "
                "AND status = ANY(:unsettled) ORDER BY opened_at DESC LIMIT 50 FOR UPDATE"
            ),
            {"category": category, "grid": grid, "since": since, "unsettled": sorted(UNSETTLED)},
        )
    ).all()
    return [_loaded(r) for r in rows]


async def lock_matter(conn: AsyncConnection, category: str, grid: str) -> None:
    """Serialise duplicate matching for one (category, grid): reports are keyed by report id, so two
    reports of one matter may be consumed at once from different partitions."""
    await conn.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"matter:{category}:{grid}"}
    )


async def list_cases(conn: AsyncConnection, *, where: list[str], params: dict[str, Any], limit: int) -> list[Any]:
    sql = (
        f"SELECT {_COLUMNS}, opened_at FROM cases WHERE {' AND '.join(where) or 'true'} "
        "ORDER BY opened_at DESC, id DESC LIMIT :limit"
    )
    return list((await conn.execute(text(sql), {**params, "limit": limit})).all())


async def due_timers(conn: AsyncConnection, now: datetime, limit: int) -> list[LoadedCase]:
    """Claim cases whose next escalation is due; SKIP LOCKED lets several replicas share the work
    without ever firing one timer twice."""
    rows = (
        await conn.execute(
            text(
                f"SELECT {_COLUMNS} FROM cases WHERE next_timer_at <= :now ORDER BY next_timer_at "
                "LIMIT :limit FOR UPDATE SKIP LOCKED"
            ),
            {"now": now, "limit": limit},
        )
    ).all()
    return [_loaded(r) for r in rows]


async def current_rule_set(conn: AsyncConnection) -> RuleSet | None:
    row = (await conn.execute(text("SELECT version, rules FROM rule_sets ORDER BY version DESC LIMIT 1"))).first()
    if row is None:
        return None
    return RuleSet(version=row.version, rules=tuple(RoutingRule.from_dict(r) for r in row.rules))


async def store_rule_set(
    conn: AsyncConnection, rules: list[dict[str, Any]], created_by: str, version: int | None = None
) -> int:
    """Store a new version (the next number unless given); returns it."""
    await conn.execute(text("LOCK TABLE rule_sets IN EXCLUSIVE MODE"))
    if version is None:
        version = int((await conn.execute(text("SELECT coalesce(max(version), 0) + 1 FROM rule_sets"))).scalar_one())
    await conn.execute(
        text(
            "INSERT INTO rule_sets (version, rules, created_by) VALUES (:v, CAST(:r AS jsonb), :by) "
            "ON CONFLICT (version) DO NOTHING"
        ),
        {"v": version, "r": json.dumps(rules, ensure_ascii=False), "by": created_by},
    )
    return version
