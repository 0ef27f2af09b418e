"""Reads of the read model for the board, the stream and the statistics."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import FIXED_RESOLUTIONS, NOT_OVERDUE_SQL, OVERDUE_SQL, overdue_params
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
from chuishao_tracking.domain.search import Search
from chuishao_tracking.domain.statistics import (
    Dimension,
    DurationSummary,
    GroupFigures,
    MonthTop,
    Period,
    top_of_months,
)

_CASE_COLUMNS = "id, sequence, view, opened_at, updated_at"


@dataclass(frozen=True)
class CaseFilter:
    statuses: list[str] | None = None
    community: str | None = None
    department: str | None = None
    overdue: bool | None = None
    open_only: bool = False
    search: Search | None = None
    finished_since: datetime | None = None  # finished cases (closed, merged, cancelled) only since then


def _search_sql(search: Search, params: dict[str, Any]) -> list[str]:
    """One condition per word (all must hold); a word matches when any of its fields does."""
    where = []
    for i, word in enumerate(search.words):
        either = []
        if word.reference:
            either.append(f"lower(id) LIKE :ref{i}")
            params[f"ref{i}"] = word.reference + "%"  # letters, digits and dashes only: no LIKE wildcard
        if word.number:
            # The case's own number, or one of a report it took in (a merged case's resident finds it).
            either.append(
                f"(view->>'number' = :num{i} OR view->'report_numbers' @> jsonb_build_array(CAST(:num{i} AS text)))"
            )
            params[f"num{i}"] = word.number
        if word.categories:
            either.append(f"category = ANY(:cat{i})")
            params[f"cat{i}"] = sorted(word.categories)
        if word.places:
            either.append(f"(community = ANY(:place{i}) OR grid = ANY(:place{i}))")
            params[f"place{i}"] = sorted(word.places)
        if word.departments:
            either.append(f"departments && CAST(:dept{i} AS text[])")
            params[f"dept{i}"] = sorted(word.departments)
        where.append(f"({' OR '.join(either) or 'false'})")
    return where


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
        where.append("departments @> ARRAY[CAST(:department AS text)]")  # may use the GIN index
        params["department"] = flt.department
    if flt.overdue is not None:
        where.append(OVERDUE_SQL if flt.overdue else NOT_OVERDUE_SQL)
    if flt.open_only:
        where.append("is_open")
    if flt.search is not None:
        where += _search_sql(flt.search, params)
    if flt.finished_since is not None:
        where.append("(is_open OR updated_at >= :finished_since)")
        params["finished_since"] = flt.finished_since
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
                        "type": EventType.REPORT_FEEDBACK,
                        "at": r.recorded_at,
                        "actor_role": "grid_worker",
                        "details": {"satisfaction": r.satisfaction},
                    },
                )
            )
    return {case_id: [e for _, e in sorted(items, key=lambda item: item[0])] for case_id, items in entries.items()}


async def load_facts(conn: AsyncConnection, period: Period) -> Facts:
    """Every fact that may fall in `period`, for the calculator `statistics.compute` (the reference
    the tests hold `group_figures` to; the service itself asks the database for the sums)."""
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
    """The events `daily_counts` counts, one by one (the tests' reference)."""
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
                "count(*) FILTER (WHERE opened_at >= :day_start) AS opened_today FROM board_cases "
                # only open cases can be overdue (AT_WORK ⊂ LIVE): the finished history is never read
                "WHERE is_open OR opened_at >= :day_start"
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


# --- Statistics aggregated by the database -------------------------------------------------------
# The same rules as domain/statistics.py `compute` (docs/statistics.md is the contract; the integration
# test test_statistics_sql.py holds both to the same answers): each branch below selects the items of
# one kind placed in the period by their own timestamp, one row per (item, group key) with the counts
# it adds; the outer query sums them per key. Only the period's items are read (indexes on
# case_facts (kind, <timestamp>)), never the whole history.

_MEASURES = (
    "assignments",
    "returned",
    "acknowledge_decided",
    "acknowledged_on_time",
    "due",
    "resolved_on_time",
    "resolved",
    "reworked",
    "closed",
    "closed_fixed",
    "feedback",
    "satisfied",
    "basically_satisfied",
    "unsatisfied",
    "reports",
    "dispatcher_whistles",
    "escalations",
)
_SECONDS = ("ack_s", "resolve_s")

# ack_outcome and resolve_outcome of domain/statistics.py, over case_facts' columns
_ACK_OUTCOME = (
    "CASE WHEN done_at IS NOT NULL THEN CASE WHEN due_at IS NULL OR done_at <= due_at THEN 'on_time' ELSE 'late' END "
    "WHEN ended_at IS NOT NULL THEN CASE WHEN due_at IS NOT NULL AND ended_at > due_at THEN 'late' END "
    "WHEN due_at IS NOT NULL AND :now > due_at THEN 'late' END"
)
_RESOLVE_OUTCOME = (
    "CASE WHEN due_at IS NULL THEN NULL WHEN done_at IS NOT NULL THEN "
    "CASE WHEN done_at <= due_at THEN 'on_time' ELSE 'late' END "
    "WHEN ended_at IS NOT NULL THEN CASE WHEN ended_at > due_at THEN 'late' END "
    "WHEN :now > due_at THEN 'late' END"
)


def _in(column: str) -> str:
    return f"{column} >= :start AND {column} < :end"


def _branch(source: str, key: str, where: str, keep_empty_key: bool = False, **values: str) -> str:
    """One kind of item, summed per key (only the duration percentiles need the single values, and
    each comes from exactly one branch, so the small per-branch sums are then added up)."""
    columns = [f"{key} AS key"]
    columns += [f"sum(({values[m]})::int) AS {m}" if m in values else f"0 AS {m}" for m in _MEASURES]
    for s in _SECONDS:
        if s in values:
            columns += [
                f"count({values[s]}) AS {s}_n",
                f"sum({values[s]}) AS {s}_total",
                f"percentile_disc(0.9) WITHIN GROUP (ORDER BY {values[s]}) AS {s}_p90",
            ]
        else:
            columns += [f"0 AS {s}_n", f"NULL::numeric AS {s}_total", f"NULL::numeric AS {s}_p90"]
    key_filter = f"{key} IS NOT NULL" + ("" if keep_empty_key else f" AND {key} <> ''")
    return f"SELECT {', '.join(columns)} FROM {source} WHERE {where} AND {key_filter} GROUP BY 1"


def _statistics_sql(dimension: Dimension) -> str:
    fixed = ", ".join(f"'{r}'" for r in sorted(FIXED_RESOLUTIONS))
    branches = [
        _branch(
            f"(SELECT *, {_ACK_OUTCOME} AS outcome FROM case_facts WHERE kind = 'ack' AND {_in('started_at')}) a",
            dimension,
            "true",
            assignments="1",
            returned="coalesce(label = 'returned', false)",
            acknowledge_decided="outcome IS NOT NULL",
            acknowledged_on_time="coalesce(outcome = 'on_time', false)",
            ack_s="CASE WHEN done_at IS NOT NULL THEN extract(epoch FROM done_at - started_at) END",
        ),
        _branch(
            f"(SELECT *, {_RESOLVE_OUTCOME} AS outcome FROM case_facts WHERE kind = 'cycle' AND {_in('due_at')}) c",
            dimension,
            "outcome IS NOT NULL",
            due="1",
            resolved_on_time="outcome = 'on_time'",
        ),
        _branch(
            "case_facts",
            dimension,
            f"kind = 'cycle' AND {_in('done_at')}",
            resolved="1",
            reworked="flag",
            resolve_s="extract(epoch FROM done_at - started_at)",
        ),
        _branch(
            "case_facts",
            dimension,
            f"kind = 'closure' AND {_in('started_at')}",
            closed="1",
            closed_fixed=f"coalesce(label IN ({fixed}), false)",
        ),
        _branch(
            "case_facts",
            dimension,
            f"kind = 'escalation' AND {_in('started_at')}",
            escalations="1",
        ),
    ]
    if dimension == "department":  # a whistle counts for each department it summoned
        branches.append(
            _branch(
                "case_facts CROSS JOIN LATERAL jsonb_array_elements_text("
                "coalesce(detail -> 'departments', '[]'::jsonb)) AS summoned(department_key)",
                "summoned.department_key",
                f"kind = 'whistle' AND {_in('started_at')}",
                keep_empty_key=True,
                dispatcher_whistles="1",
            )
        )
    else:
        branches.append(
            _branch("case_facts", dimension, f"kind = 'whistle' AND {_in('started_at')}", dispatcher_whistles="1")
        )
        branches.append(_branch("reports", dimension, _in("received_at"), reports="1"))  # a report has no department
    feedback_key = {
        "department": "c.lead_department",
        "community": "coalesce(c.community, r.community)",
        "category": "coalesce(c.category, r.category)",
    }[dimension]
    branches.append(
        _branch(
            "feedback f LEFT JOIN board_cases c ON c.id = f.case_id LEFT JOIN reports r ON r.report_id = f.report_id",
            feedback_key,
            f"{_in('f.recorded_at')} AND coalesce(c.community, r.community) IS NOT NULL",
            feedback="1",
            satisfied="f.satisfaction = 'satisfied'",
            basically_satisfied="f.satisfaction = 'basically_satisfied'",
            unsatisfied="f.satisfaction = 'unsatisfied'",
        )
    )
    sums = ", ".join(f"sum({m})::bigint AS {m}" for m in _MEASURES)
    durations = ", ".join(
        f"sum({s}_n)::bigint AS {s}_n, sum({s}_total) AS {s}_total, max({s}_p90) AS {s}_p90" for s in _SECONDS
    )
    union = "\nUNION ALL\n".join(branches)
    return f"SELECT key, {sums}, {durations} FROM (\n{union}\n) items GROUP BY key"


_STATISTICS_SQL = {d: _statistics_sql(d) for d in ("department", "community", "category")}


def _summary(n: int, total: Any, p90: Any) -> DurationSummary:
    return DurationSummary(int(n), float(total or 0), None if p90 is None else float(p90))


async def group_figures(
    conn: AsyncConnection, dimension: Dimension, period: Period, now: datetime
) -> dict[str, GroupFigures]:
    """Every published figure per department, community or category over `period`, summed by the
    database: the answer of `statistics.compute` over the period's facts."""
    rows = await conn.execute(text(_STATISTICS_SQL[dimension]), {"start": period.start, "end": period.end, "now": now})
    groups: dict[str, GroupFigures] = {}
    for r in rows:
        g = GroupFigures(r.key)
        for m in _MEASURES:
            if m not in _SATISFACTION_COUNTS:
                setattr(g, m, int(getattr(r, m)))
        g.satisfaction = Counter({s: int(getattr(r, s)) for s in _SATISFACTION_COUNTS if getattr(r, s)})
        g.acknowledge_summary = _summary(r.ack_s_n, r.ack_s_total, r.ack_s_p90)
        g.resolve_summary = _summary(r.resolve_s_n, r.resolve_s_total, r.resolve_s_p90)
        groups[r.key] = g
    return groups


_SATISFACTION_COUNTS = ("satisfied", "basically_satisfied", "unsatisfied")


async def monthly_top(conn: AsyncConnection, period: Period, tz: str, limit: int = 3) -> list[MonthTop]:
    """每月一题 candidates, counted by the database per local month and category."""
    rows = await conn.execute(
        text(
            "SELECT to_char(received_at AT TIME ZONE :tz, 'YYYY-MM') AS month, category, count(*) AS n "
            "FROM reports WHERE received_at >= :start AND received_at < :end GROUP BY 1, 2"
        ),
        {"tz": tz, "start": period.start, "end": period.end},
    )
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        counts[r.month][r.category] = int(r.n)
    return top_of_months(counts, limit)


async def daily_counts(conn: AsyncConnection, since: datetime, tz: str) -> dict[tuple[date, str], int]:
    """Cases opened, resolved and closed per local day since `since`, counted by the database."""
    rows = await conn.execute(
        text(
            "SELECT (at AT TIME ZONE :tz)::date AS day, type, count(*) AS n FROM case_events "
            "WHERE type IN ('case.opened', 'case.resolved', 'case.closed') AND at >= :since GROUP BY 1, 2"
        ),
        {"since": since, "tz": tz},
    )
    return {(r.day, r.type): int(r.n) for r in rows}
