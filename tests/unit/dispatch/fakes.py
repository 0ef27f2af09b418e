"""A unit of work without I/O for dispatch's handler tests (as cosmicpython's FakeUnitOfWork).

Cases are kept as their JSON documents, so a handler only sees what it saved; a transaction that does
not commit leaves the store as it was, as PostgreSQL would.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from chuishao_dispatch.adapters.repository import (
    AbstractCaseRepository,
    AbstractRuleRepository,
    LoadedCase,
    QueueFilter,
)
from chuishao_dispatch.domain import Case, MatterKey, RoutingRule, RuleSet
from chuishao_dispatch.domain.access import may_see
from chuishao_dispatch.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.events import Envelope
from chuishao_shared.vocabulary import UNSETTLED


@dataclass
class Row:
    doc: dict[str, Any]
    sequence: int
    chain: list[str]
    timer_failures: int = 0
    timer_error: str | None = None
    timer_cleared: bool = False


@dataclass
class Store:
    """What a database would hold: committed state only."""

    cases: dict[str, Row] = field(default_factory=dict)
    report_cases: dict[str, str] = field(default_factory=dict)
    rule_sets: list[tuple[int, list[dict[str, Any]]]] = field(default_factory=list)
    outbox: list[Envelope] = field(default_factory=list)
    idempotency: dict[tuple[str, str], tuple[str, Any]] = field(default_factory=dict)
    commits: int = 0


class FakeCaseRepository(AbstractCaseRepository):
    def __init__(self, state: Store) -> None:
        self.state = state

    def _load(self, case_id: str) -> LoadedCase | None:
        row = self.state.cases.get(case_id)
        if row is None:
            return None
        case = Case.from_dict(copy.deepcopy(row.doc))
        return LoadedCase(case, row.sequence, list(row.chain), case.opened_at)

    async def get(self, case_id: str) -> LoadedCase | None:
        return self._load(case_id)

    async def lock(self, case_id: str) -> LoadedCase | None:
        return self._load(case_id)

    async def add(self, loaded: LoadedCase) -> None:
        assert loaded.case.id not in self.state.cases
        self.state.cases[loaded.case.id] = Row(loaded.case.to_dict(), loaded.sequence, list(loaded.chain))
        for report_id in loaded.case.report_ids:
            self.state.report_cases[report_id] = loaded.case.id

    async def update(self, loaded: LoadedCase, new_report_ids: Sequence[str] = ()) -> None:
        self.state.cases[loaded.case.id] = Row(loaded.case.to_dict(), loaded.sequence, list(loaded.chain))
        for report_id in new_report_ids:
            self.state.report_cases[report_id] = loaded.case.id

    async def case_of_report(self, report_id: str) -> str | None:
        return self.state.report_cases.get(report_id)

    async def lock_matter(self, category: str, grid: str) -> None:
        return None

    async def matter_candidates(self, *, category: str, grid: str, since: datetime) -> list[tuple[str, MatterKey]]:
        found = [self._load(case_id) for case_id in self.state.cases]
        return [
            (f.case.id, MatterKey(category, grid, f.case.report.building, f.case.report.description, f.case.opened_at))
            for f in found
            if f and f.case.category == category and f.case.grid == grid and f.case.opened_at >= since
            if f.case.status in UNSETTLED
        ]

    async def queue(self, query: QueueFilter, now: datetime) -> list[LoadedCase]:
        found = [f for f in (self._load(i) for i in self.state.cases) if f is not None]
        found = [f for f in found if may_see(query.actor, f.case, f.chain)]
        if query.status:
            found = [f for f in found if f.case.status == query.status]
        if query.overdue is not None:
            found = [f for f in found if f.case.overdue(now) == query.overdue]
        if query.grid:
            found = [f for f in found if query.grid in f.chain]
        if query.search:
            words = query.search.casefold()
            found = [
                f
                for f in found
                if f.case.id.casefold().startswith(words)
                or words in f.case.report.description.casefold()
                or words in (f.case.report.building or "").casefold()
                or f.case.grid in query.search_places
                or f.case.community in query.search_places
            ]
        found.sort(key=lambda f: (f.case.opened_at, f.case.id), reverse=True)
        if query.after:
            found = [f for f in found if (f.case.opened_at, f.case.id) < query.after]
        return found[: query.limit]

    def _all(self) -> list[LoadedCase]:
        return [f for f in (self._load(i) for i in self.state.cases) if f is not None]

    async def by_ids(self, ids: Sequence[str]) -> list[LoadedCase]:
        return [f for f in self._all() if f.case.id in ids]

    async def unsettled_like(
        self, *, case_id: str, category: str, grid: str, since: datetime, until: datetime
    ) -> list[LoadedCase]:
        return [
            f
            for f in self._all()
            if f.case.id != case_id and f.case.category == category and f.case.grid == grid
            if since <= f.case.opened_at <= until and f.case.status in UNSETTLED
        ]

    async def counts_by_department(self, jurisdiction: str | None, now: datetime) -> list[Any]:
        counts: dict[str, list[int]] = {}
        for f in self._all():
            if f.case.status in UNSETTLED and (jurisdiction is None or jurisdiction in f.chain):
                for department in f.case.departments_active():
                    tally = counts.setdefault(department, [0, 0])
                    tally[0] += 1
                    tally[1] += f.case.overdue(now)
        return [SimpleNamespace(department=d, open=o, overdue=late) for d, (o, late) in sorted(counts.items())]

    async def overdue(self, jurisdiction: str | None, now: datetime, limit: int) -> list[LoadedCase]:
        late = [f for f in self._all() if f.case.overdue(now) and (jurisdiction is None or jurisdiction in f.chain)]
        return sorted(late, key=lambda f: -f.case.escalation_level)[:limit]

    async def due_for_escalation(self, now: datetime, limit: int) -> list[str]:
        due = []
        for case_id, row in self.state.cases.items():
            timer = None if row.timer_cleared else Case.from_dict(copy.deepcopy(row.doc)).next_timer_at()
            if timer is not None and timer <= now:
                due.append((timer, case_id))
        return [case_id for _, case_id in sorted(due)[:limit]]

    async def lock_due(self, case_id: str, now: datetime) -> LoadedCase | None:
        return self._load(case_id) if case_id in await self.due_for_escalation(now, 10_000) else None

    async def note_timer_failure(self, case_id: str, reason: str, retry_at: datetime, max_failures: int) -> int:
        row = self.state.cases[case_id]
        row.timer_failures += 1
        row.timer_error = reason
        row.timer_cleared = row.timer_failures >= max_failures
        return row.timer_failures


class FakeRuleRepository(AbstractRuleRepository):
    def __init__(self, state: Store) -> None:
        self.state = state

    async def current(self) -> RuleSet | None:
        if not self.state.rule_sets:
            return None
        version, rules = max(self.state.rule_sets, key=lambda v: v[0])
        return RuleSet(version=version, rules=tuple(RoutingRule.from_dict(r) for r in rules))

    async def store(self, rules: list[dict[str, Any]], created_by: str, version: int | None = None) -> int:
        version = version or max((v for v, _ in self.state.rule_sets), default=0) + 1
        self.state.rule_sets.append((version, rules))
        return version


class FakeUnitOfWork(AbstractUnitOfWork):
    """Works on a copy of the store; `commit` makes the copy the store, anything else drops it."""

    def __init__(self, store: Store, *, joined: bool = False, fail_commit: bool = False) -> None:
        super().__init__()
        self.store = store
        self.joined = joined
        self.fail_commit = fail_commit
        self.committed = False

    @property
    def owns_transaction(self) -> bool:
        return not self.joined

    async def __aenter__(self) -> FakeUnitOfWork:
        await super().__aenter__()
        self.working = copy.deepcopy(self.store)
        self.cases = FakeCaseRepository(self.working)
        self.rules = FakeRuleRepository(self.working)
        self.committed = False
        return self

    async def claim(self, subject: str, key: str | None, fingerprint: str) -> Any | None:
        if key is None:
            return None
        stored = self.working.idempotency.get((subject, key))
        if stored is None:
            self.working.idempotency[(subject, key)] = (fingerprint, None)
            return None
        assert stored[0] == fingerprint, "another body under the same key"
        return stored[1]

    async def store_answer(self, subject: str, key: str | None, body: Any, status: int = 200) -> None:
        if key is not None:
            fingerprint, _ = self.working.idempotency[(subject, key)]
            self.working.idempotency[(subject, key)] = (fingerprint, copy.deepcopy(body))

    async def stage(self, *envelopes: Envelope) -> None:
        self.working.outbox.extend(envelopes)

    async def _commit(self) -> None:
        if self.fail_commit:
            raise ConnectionError("the database went away at commit")
        self.working.commits += 1
        self.store.__dict__.update(copy.deepcopy(self.working).__dict__)
        self.committed = True

    async def rollback(self) -> None:
        return None  # the working copy is simply dropped
