"""Escalation measured (issue 25 item 4): the chains started in a period, per department, per step
reached at 签收 and per roster level reached, in one SQL statement over the chain tables (migration 0006
indexes the chains by start). The classification is `domain.escalation_stats.reached`'s, in SQL.

Time to 签收 is from the chain's start (notify consumed the dispatch) to its stop by `case.acknowledged`
(notify consumed the 签收): both taken by notify's clock, so consumer lag largely cancels out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

STATS_SQL = """
WITH c AS (
    SELECT id, department, status, started_at, stopped_at FROM escalation_chains
    WHERE started_at >= :start AND started_at < :end AND department = ANY(:departments)
      AND case_id NOT LIKE 'need:%'  -- the community's needs (domain/need_escalation.py) are not 签收
), told AS (
    SELECT s.chain_id, s.kind, s.level,
        row_number() OVER (PARTITION BY s.chain_id ORDER BY s.position) AS nth,
        count(*) OVER (PARTITION BY s.chain_id) AS n
    FROM escalation_steps s JOIN c ON c.id = s.chain_id
    WHERE cardinality(s.told) > 0 AND (c.status <> 'acknowledged' OR s.taken_at <= c.stopped_at)
), r AS (
    SELECT c.department,
        CASE WHEN c.status = 'running' THEN 'waiting'
             WHEN c.status <> 'acknowledged' THEN 'never'
             WHEN t.chain_id IS NULL THEN 'none_told'
             WHEN t.n = 1 THEN 'first'
             WHEN t.kind IN ('head', 'desk') THEN t.kind
             ELSE 'next_layer' END AS reached,
        CASE WHEN c.status = 'acknowledged' AND t.kind = 'level' THEN t.level END AS level,
        CASE WHEN c.status = 'acknowledged' THEN extract(epoch FROM c.stopped_at - c.started_at) END AS seconds
    FROM c LEFT JOIN told t ON t.chain_id = c.id AND t.nth = t.n
)
SELECT department, reached, level, GROUPING(department, reached, level) AS grouping,
    count(*) AS chains,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
FROM r
GROUP BY GROUPING SETS ((), (reached), (department), (department, reached), (department, level))
"""

# GROUPING(department, reached, level): a bit set for each column left out of the group.
TOTAL, BY_REACHED, BY_DEPARTMENT, BY_DEPARTMENT_REACHED, BY_DEPARTMENT_LEVEL = 0b111, 0b101, 0b011, 0b001, 0b010


@dataclass(frozen=True)
class Figure:
    """One group's figures: how many chains, and the seconds from dispatch to 签收 of those acknowledged."""

    chains: int
    median_seconds: float | None
    p90_seconds: float | None


@dataclass(frozen=True)
class StatsRows:
    total: Figure | None
    by_reached: dict[str, Figure]
    by_department: dict[str, Figure]
    by_department_reached: dict[tuple[str, str], Figure]
    by_department_level: dict[tuple[str, int], Figure]


class SqlEscalationStats:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def period(self, start: datetime, end: datetime, departments: list[str]) -> StatsRows:
        rows = await self.conn.execute(text(STATS_SQL), {"start": start, "end": end, "departments": departments})
        out = StatsRows(None, {}, {}, {}, {})
        total: Figure | None = None
        for r in rows:
            figure = Figure(
                int(r.chains),
                float(r.median) if r.median is not None else None,
                float(r.p90) if r.p90 is not None else None,
            )
            if r.grouping == TOTAL:
                total = figure
            elif r.grouping == BY_REACHED:
                out.by_reached[r.reached] = figure
            elif r.grouping == BY_DEPARTMENT:
                out.by_department[r.department] = figure
            elif r.grouping == BY_DEPARTMENT_REACHED:
                out.by_department_reached[(r.department, r.reached)] = figure
            elif r.grouping == BY_DEPARTMENT_LEVEL and r.level is not None:
                out.by_department_level[(r.department, int(r.level))] = figure
        return StatsRows(total, out.by_reached, out.by_department, out.by_department_reached, out.by_department_level)
