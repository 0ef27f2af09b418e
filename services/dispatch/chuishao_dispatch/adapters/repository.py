"""Case and rule-set persistence. The aggregate is stored as JSONB, but for its timeline; the columns
beside it exist for the queues, object-level filters, duplicate matching and timers. The timeline is
the insert-only `case_timeline` table (the audit trail): saving a case inserts the entries its
commands appended, and loading reads them back. Repositories never commit: the unit of work owns the
transaction."""

from __future__ import annotations

import abc
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_dispatch.domain import Actor, Case, MatterKey, RoutingRule, RuleSet, TimelineEntry
from chuishao_shared.db import positional, transaction_driver
from chuishao_shared.outbox.writer import STAGE_ARGS, STAGE_CTE, STAGE_NOTIFY
from chuishao_shared.vocabulary import NOT_OVERDUE_SQL, OVERDUE_SQL, UNSETTLED, overdue_params


@dataclass
class LoadedCase:
    """A case as stored: the aggregate, its last event sequence number and its jurisdiction chain.
    `timeline_saved` counts the timeline entries already stored: the rest are inserted on save."""

    case: Case
    sequence: int
    chain: list[str]
    opened_at: datetime | None = None
    timeline_saved: int = 0


@dataclass(frozen=True)
class QueueFilter:
    """Which cases the queue lists: the actor's scope plus the query's filters, newest first."""

    actor: Actor
    status: str | None = None
    department: str | None = None
    overdue: bool | None = None
    limit: int = 50
    after: tuple[datetime, str] | None = None
    # The grid (or any jurisdiction) the cases lie in, sub-grids included.
    grid: str | None = None
    # Words to find: a case id (or its start), words of the description or building, or the codes of the
    # places whose names hold the words (the service layer looks those up in the reference data).
    search: str | None = None
    search_places: tuple[str, ...] = ()


class AbstractCaseRepository(abc.ABC):
    @abc.abstractmethod
    async def get(self, case_id: str) -> LoadedCase | None: ...

    @abc.abstractmethod
    async def lock(self, case_id: str) -> LoadedCase | None:
        """Load a case for change, holding it until the transaction ends."""

    @abc.abstractmethod
    async def add(self, loaded: LoadedCase) -> None: ...

    @abc.abstractmethod
    async def update(self, loaded: LoadedCase, new_report_ids: Sequence[str] = ()) -> None: ...

    @abc.abstractmethod
    async def case_of_report(self, report_id: str) -> str | None: ...

    @abc.abstractmethod
    async def lock_matter(self, category: str, grid: str) -> None:
        """Serialise duplicate matching for one (category, grid)."""

    @abc.abstractmethod
    async def matter_candidates(self, *, category: str, grid: str, since: datetime) -> list[tuple[str, MatterKey]]:
        """The matter of each unsettled case of `category` and `grid` opened since `since` (the latest 50):
        what duplicate matching compares, without loading the cases; the handler locks the one it picks."""

    async def candidates_of_matters(
        self, matters: Sequence[tuple[str, str]], *, since: datetime
    ) -> dict[tuple[str, str], list[tuple[str, MatterKey]]]:
        """`matter_candidates` of each (category, grid) in `matters`."""
        return {m: await self.matter_candidates(category=m[0], grid=m[1], since=since) for m in matters}

    @abc.abstractmethod
    async def queue(self, query: QueueFilter, now: datetime) -> list[LoadedCase]: ...

    @abc.abstractmethod
    async def by_ids(self, ids: Sequence[str]) -> list[LoadedCase]: ...

    @abc.abstractmethod
    async def unsettled_like(
        self, *, case_id: str, category: str, grid: str, since: datetime, until: datetime
    ) -> list[LoadedCase]:
        """Unsettled cases of the same category and grid opened within the window, other than `case_id`."""

    @abc.abstractmethod
    async def counts_by_department(self, jurisdiction: str | None, now: datetime) -> list[Any]:
        """(department, open, overdue) over the unsettled cases in `jurisdiction` (none when None),
        counting each active department of a case."""

    @abc.abstractmethod
    async def overdue(self, jurisdiction: str | None, now: datetime, limit: int) -> list[LoadedCase]:
        """Overdue cases in `jurisdiction` (none when None), most escalated first."""

    @abc.abstractmethod
    async def due_for_escalation(self, now: datetime, limit: int) -> list[str]:
        """Ids of cases whose next escalation is due, most overdue first."""

    @abc.abstractmethod
    async def lock_due(self, case_id: str, now: datetime) -> LoadedCase | None:
        """Claim a case whose escalation is still due; None when another replica holds it or fired it."""

    @abc.abstractmethod
    async def note_timer_failure(self, case_id: str, reason: str, retry_at: datetime, max_failures: int) -> int:
        """Count one failed escalation: retry at `retry_at`, or after `max_failures` set the timer aside
        (cleared until the case changes). Returns the failures so far."""


class AbstractRuleRepository(abc.ABC):
    @abc.abstractmethod
    async def current(self) -> RuleSet | None: ...

    @abc.abstractmethod
    async def store(self, rules: list[dict[str, Any]], created_by: str, version: int | None = None) -> int:
        """Store a new version (the next number unless given); returns it."""


# ------------------------------------------------------------------------------------- PostgreSQL

_COLUMNS = "id, doc, sequence, jurisdiction_chain, opened_at"


def _row_values(loaded: LoadedCase) -> dict[str, Any]:
    case = loaded.case
    return {
        "id": case.id,
        "status": case.status,
        "category": case.category,
        "grid": case.grid,
        "community": case.community,
        "building": case.report.building,
        "chain": loaded.chain,
        "departments": sorted({a.department for a in case.assignments}),
        "active": case.departments_active(),
        "opened_at": case.opened_at,
        "resolve_due_at": case.resolve_due_at,
        "next_timer_at": case.next_timer_at(),
        "next_deadline_at": case.next_deadline_at(),
        "level": case.escalation_level,
        "sequence": loaded.sequence,
        "version": case.version,
        "doc": json.dumps(_document(case), ensure_ascii=False),
    }


def _like_escaped(words: str) -> str:
    """Words as a LIKE pattern's literal part: the wildcards and the escape character mean themselves."""
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _document(case: Case) -> dict[str, Any]:
    doc = case.to_dict()
    del doc["timeline"]  # kept in case_timeline
    return doc


def _loaded(row: Any) -> LoadedCase:
    return LoadedCase(Case.from_dict(row.doc), row.sequence, list(row.jurisdiction_chain), row.opened_at)


def _timeline_rows(loaded: LoadedCase) -> list[dict[str, Any]]:
    return [{**entry, "data": json.dumps(entry["data"], ensure_ascii=False)} for entry in _timeline_entries(loaded)]


def _timeline_entries(loaded: LoadedCase) -> list[dict[str, Any]]:
    """The entries not saved yet, as rows (data still a dict)."""
    entries = loaded.case.timeline[loaded.timeline_saved :]
    return [
        {
            "case_id": loaded.case.id,
            "seq": loaded.timeline_saved + i + 1,
            "type": t.type,
            "at": t.at,
            "role": t.actor_role,
            "subject": t.actor_sub,
            "department": t.actor_department,
            "note": t.note,
            "data": t.data,
        }
        for i, t in enumerate(entries)
    ]


_INSERT = text(
    "INSERT INTO cases (id, status, category, grid, community, building, jurisdiction_chain, departments, "
    "active_departments, opened_at, resolve_due_at, next_timer_at, next_deadline_at, escalation_level, "
    "sequence, version, doc) VALUES (:id, :status, :category, :grid, :community, :building, :chain, "
    ":departments, :active, :opened_at, :resolve_due_at, :next_timer_at, :next_deadline_at, :level, "
    ":sequence, :version, CAST(:doc AS jsonb))"
)
# A change to the case also clears a set-aside timer's failures: its next timer is computed afresh.
_UPDATE = text(
    "UPDATE cases SET status = :status, departments = :departments, active_departments = :active, "
    "resolve_due_at = :resolve_due_at, next_timer_at = :next_timer_at, next_deadline_at = :next_deadline_at, "
    "escalation_level = :level, sequence = :sequence, version = :version, doc = CAST(:doc AS jsonb), "
    "timer_failures = 0, timer_error = NULL, updated_at = now() WHERE id = :id"
)
_APPEND_TIMELINE = text(
    "INSERT INTO case_timeline (case_id, seq, type, at, actor_role, actor_subject, actor_department, note, data) "
    "VALUES (:case_id, :seq, :type, :at, :role, :subject, :department, :note, CAST(:data AS jsonb))"
)
_READ_TIMELINES = text(
    "SELECT case_id, type, at, actor_role, actor_subject, actor_department, note, data FROM case_timeline "
    "WHERE case_id = ANY(:ids) ORDER BY case_id, seq"
)
# A new case, its first timeline entries and its reports' links in one statement (one round trip, not
# three). The links' and entries' foreign keys are checked at the end of the statement, when the case row
# the first sub-statement inserted is there.
_OPEN = (
    "WITH opened AS (" + _INSERT.text + " RETURNING id), "
    "timeline AS (INSERT INTO case_timeline "
    "(case_id, seq, type, at, actor_role, actor_subject, actor_department, note, data) "
    "SELECT :id, t.seq, t.type, t.at, t.role, t.subject, t.department, t.note, t.data "
    "FROM jsonb_to_recordset(CAST(:timeline AS jsonb)) AS t(seq integer, type text, at timestamptz, role text, "
    "subject text, department text, note text, data jsonb)), "
    "linked AS (INSERT INTO report_cases (report_id, case_id) "
    "SELECT report_id, :id FROM unnest(CAST(:reports AS text[])) AS report_id "
    "ON CONFLICT (report_id) DO UPDATE SET case_id = EXCLUDED.case_id) "
    "SELECT id FROM opened"
)
_OPEN_ARGS = [
    "id", "status", "category", "grid", "community", "building", "chain", "departments", "active", "opened_at",
    "resolve_due_at", "next_timer_at", "next_deadline_at", "level", "sequence", "version", "doc", "timeline", "reports",
]  # fmt: skip
_OPEN_SQL = positional(_OPEN, _OPEN_ARGS)
# The same and the opening's events staged in the outbox (with the relay's wake-up): one round trip.
_OPEN_STAGED_SQL = positional(
    _OPEN.replace("SELECT id FROM opened", f", {STAGE_CTE} SELECT (SELECT id FROM opened), {STAGE_NOTIFY}"),
    _OPEN_ARGS + STAGE_ARGS,
)
_CASE_OF_REPORT = "SELECT case_id FROM report_cases WHERE report_id = $1"
_LOCK_MATTER = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"
# The open cases' matters (the latest 50 of each (category, grid) opened since a time), for several at once.
_CANDIDATES_OF_MATTERS = (
    "SELECT m.category, m.grid, c.id, c.building, c.description, c.opened_at "
    "FROM unnest($1::text[], $2::text[]) AS m(category, grid) CROSS JOIN LATERAL ("
    "SELECT id, building, doc #>> '{report,description}' AS description, opened_at FROM cases "
    "WHERE category = m.category AND grid = m.grid AND opened_at >= $3 AND status = ANY($4::text[]) "
    "ORDER BY opened_at DESC LIMIT 50) AS c"
)
_LINK_REPORTS = text(
    "INSERT INTO report_cases (report_id, case_id) VALUES (:r, :c) "
    "ON CONFLICT (report_id) DO UPDATE SET case_id = EXCLUDED.case_id"
)


def _opening_values(loaded: LoadedCase, staged: Mapping[str, object], names: Sequence[str]) -> list[Any]:
    """The opening statement's arguments (`names`) for a new case and its staged events."""
    entries = [{**row, "at": row["at"].isoformat()} for row in _timeline_entries(loaded)]
    values = _row_values(loaded) | dict(staged)
    values |= {"timeline": json.dumps(entries, ensure_ascii=False), "reports": list(loaded.case.report_ids)}
    return [values[name] for name in names]


class SqlCaseRepository(AbstractCaseRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def _one(self, sql: str, params: dict[str, Any]) -> LoadedCase | None:
        row = (await self.conn.execute(text(sql), params)).first()
        return (await self._with_timelines([_loaded(row)]))[0] if row else None

    async def _many(self, rows: Sequence[Any]) -> list[LoadedCase]:
        return await self._with_timelines([_loaded(r) for r in rows])

    async def _with_timelines(self, found: list[LoadedCase]) -> list[LoadedCase]:
        """Read each case's timeline back from the audit table (one query for the lot)."""
        if not found:
            return found
        by_id = {loaded.case.id: loaded for loaded in found}
        for loaded in found:
            loaded.case.timeline = []
        for r in (await self.conn.execute(_READ_TIMELINES, {"ids": list(by_id)})).all():
            by_id[r.case_id].case.timeline.append(
                TimelineEntry(r.type, r.at, r.actor_subject, r.actor_role, r.note, dict(r.data), r.actor_department)
            )
        for loaded in found:
            loaded.timeline_saved = len(loaded.case.timeline)
        return found

    async def _append_timeline(self, loaded: LoadedCase) -> None:
        rows = _timeline_rows(loaded)
        if rows:
            await self.conn.execute(_APPEND_TIMELINE, rows)
        loaded.timeline_saved = len(loaded.case.timeline)

    async def get(self, case_id: str) -> LoadedCase | None:
        return await self._one(f"SELECT {_COLUMNS} FROM cases WHERE id = :id", {"id": case_id})

    async def lock(self, case_id: str) -> LoadedCase | None:
        return await self._one(f"SELECT {_COLUMNS} FROM cases WHERE id = :id FOR UPDATE", {"id": case_id})

    async def add(self, loaded: LoadedCase) -> None:
        await (await transaction_driver(self.conn)).execute(_OPEN_SQL, *_opening_values(loaded, {}, _OPEN_ARGS))
        loaded.timeline_saved = len(loaded.case.timeline)

    async def add_all_and_stage(self, opened: Sequence[tuple[LoadedCase, Mapping[str, object]]]) -> None:
        """New cases, each with its timeline, its reports' links and its events staged in the outbox
        (`OutboxWriter.stage_values`): a statement per case, pipelined: one round trip for all."""
        driver = await transaction_driver(self.conn)
        await driver.executemany(
            _OPEN_STAGED_SQL, [_opening_values(loaded, staged, _OPEN_ARGS + STAGE_ARGS) for loaded, staged in opened]
        )
        for loaded, _ in opened:
            loaded.timeline_saved = len(loaded.case.timeline)

    async def update(self, loaded: LoadedCase, new_report_ids: Sequence[str] = ()) -> None:
        await self.conn.execute(_UPDATE, _row_values(loaded))
        await self._append_timeline(loaded)
        if new_report_ids:
            await self.conn.execute(_LINK_REPORTS, [{"r": r, "c": loaded.case.id} for r in new_report_ids])

    async def case_of_report(self, report_id: str) -> str | None:
        return await (await transaction_driver(self.conn)).fetchval(_CASE_OF_REPORT, report_id)  # type: ignore[no-any-return]

    async def lock_matter(self, category: str, grid: str) -> None:
        # Reports are keyed by report id, so two reports of one matter may be consumed at once from
        # different partitions; this lock makes the second see the first's case.
        await (await transaction_driver(self.conn)).execute(_LOCK_MATTER, matter_lock_key(category, grid))

    async def matter_candidates(self, *, category: str, grid: str, since: datetime) -> list[tuple[str, MatterKey]]:
        return (await self.candidates_of_matters([(category, grid)], since=since))[(category, grid)]

    async def candidates_of_matters(
        self, matters: Sequence[tuple[str, str]], *, since: datetime
    ) -> dict[tuple[str, str], list[tuple[str, MatterKey]]]:
        found: dict[tuple[str, str], list[tuple[str, MatterKey]]] = {m: [] for m in matters}
        if not matters:
            return found
        driver = await transaction_driver(self.conn)
        categories, grids = [m[0] for m in matters], [m[1] for m in matters]
        for r in await driver.fetch(_CANDIDATES_OF_MATTERS, categories, grids, since, sorted(UNSETTLED)):
            key = MatterKey(r["category"], r["grid"], r["building"], r["description"] or "", r["opened_at"])
            found[(r["category"], r["grid"])].append((r["id"], key))
        return found

    async def queue(self, query: QueueFilter, now: datetime) -> list[LoadedCase]:
        sql, params = queue_statement(query, now)
        return await self._many((await self.conn.execute(text(sql), params)).all())

    async def by_ids(self, ids: Sequence[str]) -> list[LoadedCase]:
        rows = await self.conn.execute(text(f"SELECT {_COLUMNS} FROM cases WHERE id = ANY(:ids)"), {"ids": list(ids)})
        return await self._many(rows.all())

    async def unsettled_like(
        self, *, case_id: str, category: str, grid: str, since: datetime, until: datetime
    ) -> list[LoadedCase]:
        rows = await self.conn.execute(
            text(
                f"SELECT {_COLUMNS} FROM cases WHERE category = :category AND grid = :grid "
                "AND opened_at BETWEEN :since AND :until AND id <> :id AND status = ANY(:unsettled) "
                "ORDER BY opened_at DESC LIMIT 50"
            ),
            {
                "category": category,
                "grid": grid,
                "since": since,
                "until": until,
                "id": case_id,
                "unsettled": sorted(UNSETTLED),
            },
        )
        return await self._many(rows.all())

    # A desk without a jurisdiction sees nothing (NULL = ANY(...) is never true), never every district.
    async def counts_by_department(self, jurisdiction: str | None, now: datetime) -> list[Any]:
        rows = await self.conn.execute(
            text(
                f"SELECT d AS department, count(*) AS open, count(*) FILTER (WHERE {OVERDUE_SQL}) AS overdue "
                "FROM cases, unnest(active_departments) AS d WHERE status = ANY(:unsettled) "
                "AND :j = ANY(jurisdiction_chain) "
                "GROUP BY d ORDER BY overdue DESC, open DESC, d"
            ),
            {"j": jurisdiction, "unsettled": sorted(UNSETTLED), **overdue_params(now)},
        )
        return list(rows.all())

    async def overdue(self, jurisdiction: str | None, now: datetime, limit: int) -> list[LoadedCase]:
        rows = await self.conn.execute(
            text(
                f"SELECT {_COLUMNS} FROM cases WHERE {OVERDUE_SQL} "
                "AND :j = ANY(jurisdiction_chain) "
                "ORDER BY escalation_level DESC, next_deadline_at LIMIT :limit"
            ),
            {"j": jurisdiction, "limit": limit, **overdue_params(now)},
        )
        return await self._many(rows.all())

    async def due_for_escalation(self, now: datetime, limit: int) -> list[str]:
        rows = await self.conn.execute(
            text("SELECT id FROM cases WHERE next_timer_at <= :now ORDER BY next_timer_at LIMIT :limit"),
            {"now": now, "limit": limit},
        )
        return [r.id for r in rows.all()]

    async def lock_due(self, case_id: str, now: datetime) -> LoadedCase | None:
        # SKIP LOCKED lets several replicas share the sweep without ever firing one timer twice.
        return await self._one(
            f"SELECT {_COLUMNS} FROM cases WHERE id = :id AND next_timer_at <= :now FOR UPDATE SKIP LOCKED",
            {"id": case_id, "now": now},
        )

    async def note_timer_failure(self, case_id: str, reason: str, retry_at: datetime, max_failures: int) -> int:
        result = await self.conn.execute(
            text(
                "UPDATE cases SET timer_failures = timer_failures + 1, timer_error = :reason, "
                "next_timer_at = CASE WHEN timer_failures + 1 >= :max THEN NULL "
                "ELSE CAST(:retry_at AS timestamptz) END "
                "WHERE id = :id RETURNING timer_failures"
            ),
            {"id": case_id, "reason": reason[:2000], "retry_at": retry_at, "max": max_failures},
        )
        return int(result.scalar_one())


# The newest rule set parsed, per database. A version is never rewritten (stores are insert-only), so
# a cached version is exact; every new case still asks the database which version is newest.
_PARSED_RULES: dict[str, RuleSet] = {}
# Once per report: the rules travel only when their version is not the one this process has parsed.
_CURRENT_RULES = (
    "SELECT version, CASE WHEN version = $1 THEN NULL ELSE rules END AS rules "
    "FROM rule_sets ORDER BY version DESC LIMIT 1"
)


# Before a poll's reports are matched, three things in one round trip: the cases holding any of them
# already (a report re-sent under another event id), every matter's lock (taken in the order given, sorted
# by the caller, so two consumers' polls cannot deadlock on them; none for reports handled on site), and
# the rule set in force. The matters' open cases are read by a statement of their own, after it, so that
# their snapshot is taken once the locks are held.
_BEFORE_OPENINGS = (
    "SELECT (SELECT coalesce(jsonb_object_agg(report_id, case_id), '{}'::jsonb) FROM report_cases "
    "WHERE report_id = ANY($1::text[])) AS cases, "
    "(SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)) IS NULL) FROM unnest($2::text[]) AS k) AS locked, "
    "r.version, CASE WHEN r.version = $3 THEN NULL ELSE r.rules END AS rules FROM (SELECT) AS one "
    "LEFT JOIN LATERAL (SELECT version, rules FROM rule_sets ORDER BY version DESC LIMIT 1) AS r ON true"
)


def matter_lock_key(category: str, grid: str) -> str:
    return f"matter:{category}:{grid}"


async def before_openings(
    conn: AsyncConnection, report_ids: Sequence[str], matters: Sequence[tuple[str, str]]
) -> tuple[dict[str, str], RuleSet | None]:
    """The case of each report in `report_ids` that has one, every matter's lock (in the order of `matters`:
    (category, grid) pairs) and the rule set in force, in one round trip."""
    database = str(conn.engine.url)
    cached = _PARSED_RULES.get(database)
    keys = [matter_lock_key(*matter) for matter in matters]
    row = await (await transaction_driver(conn)).fetchrow(
        _BEFORE_OPENINGS, list(report_ids), keys, cached.version if cached else -1
    )
    cases = row["cases"]
    found = json.loads(cases) if isinstance(cases, str) else cases
    return dict(found), _rule_set(database, cached, row["version"], row["rules"])


def _rule_set(database: str, cached: RuleSet | None, version: int | None, rules: Any) -> RuleSet | None:
    """The rule set of the latest version: the cached one when the version is the cached one's (the query
    then sends no rules), else parsed from `rules` and cached."""
    if version is None:
        return None
    if cached is not None and rules is None:
        return cached
    parsed = RuleSet(version=version, rules=tuple(RoutingRule.from_dict(r) for r in rules))
    _PARSED_RULES[database] = parsed
    return parsed


class SqlRuleRepository(AbstractRuleRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def current(self) -> RuleSet | None:
        database = str(self.conn.engine.url)
        cached = _PARSED_RULES.get(database)
        driver = await transaction_driver(self.conn)
        row = await driver.fetchrow(_CURRENT_RULES, cached.version if cached else -1)
        return None if row is None else _rule_set(database, cached, row["version"], row["rules"])

    async def store(self, rules: list[dict[str, Any]], created_by: str, version: int | None = None) -> int:
        await self.conn.execute(text("LOCK TABLE rule_sets IN EXCLUSIVE MODE"))
        if version is None:
            next_version = await self.conn.execute(text("SELECT coalesce(max(version), 0) + 1 FROM rule_sets"))
            version = int(next_version.scalar_one())
        await self.conn.execute(
            text(
                "INSERT INTO rule_sets (version, rules, created_by) VALUES (:v, CAST(:r AS jsonb), :by) "
                "ON CONFLICT (version) DO NOTHING"
            ),
            {"v": version, "r": json.dumps(rules, ensure_ascii=False), "by": created_by},
        )
        return version


def queue_statement(query: QueueFilter, now: datetime) -> tuple[str, dict[str, Any]]:
    """The queue's SQL and parameters (a module function, so a test can EXPLAIN exactly what runs)."""
    where: list[str] = []
    params: dict[str, Any] = {"limit": query.limit}
    actor = query.actor
    if actor.role == "liaison":
        # @> (not = ANY) so the planner may use the GIN index for a rare department; a busy one
        # walks cases_opened_idx newest first (docs/benchmarks.md: dispatch queue at 1M cases)
        where.append("departments @> ARRAY[CAST(:own AS text)]")
        params["own"] = actor.department
    elif actor.role == "dispatcher":
        where.append("jurisdiction_chain @> ARRAY[CAST(:jurisdiction AS text)]")
        params["jurisdiction"] = actor.jurisdiction
    else:
        where.append("false")  # fail closed: no other role has a queue
    if query.status:
        where.append("status = :status")
        params["status"] = query.status
    if query.department:
        where.append("departments @> ARRAY[CAST(:department AS text)]")
        params["department"] = query.department
    if query.overdue is not None:
        where.append(OVERDUE_SQL if query.overdue else NOT_OVERDUE_SQL)
        params.update(overdue_params(now))
    if query.grid:
        where.append("jurisdiction_chain @> ARRAY[CAST(:grid AS text)]")
        params["grid"] = query.grid
    if query.search:
        # search_text (migration 0011) holds the id, the case's and its reports' short numbers, the
        # description and the building, under a pg_trgm GIN index: the ILIKE reads the index (three
        # characters or more). A place's name matches through the chain's GIN index (&&), so the two
        # branches are a BitmapOr of index scans, never a walk over every case.
        found = ["search_text ILIKE :q_any ESCAPE '\\'"]
        if query.search_places:
            found.append("jurisdiction_chain && CAST(:q_places AS text[])")
            params["q_places"] = list(query.search_places)
        where.append(f"({' OR '.join(found)})")
        params["q_any"] = f"%{_like_escaped(query.search)}%"
    if query.after:
        where.append("(opened_at, id) < (:after_at, :after_id)")
        params.update(after_at=query.after[0], after_id=query.after[1])
    sql = (
        f"SELECT {_COLUMNS} FROM cases WHERE {' AND '.join(where) or 'true'} "
        "ORDER BY opened_at DESC, id DESC LIMIT :limit"
    )
    return sql, params
