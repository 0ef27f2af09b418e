"""Dispatch's unit of work: the shared one (`chuishao_shared.service_layer.unit_of_work`: one connection
and transaction, or the consumer's joined; the outbox; the idempotency record; metrics after the commit)
with dispatch's repositories, and `save`, which numbers and stages a case's events as it stores the case.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_dispatch.adapters.people import AbstractPeopleRepository, SqlPeopleRepository
from chuishao_dispatch.adapters.repository import (
    AbstractCaseRepository,
    AbstractRuleRepository,
    LoadedCase,
    SqlCaseRepository,
    SqlRuleRepository,
    before_opening,
)
from chuishao_dispatch.adapters.tickets import AbstractTicketRepository, SqlTicketRepository
from chuishao_dispatch.domain import DomainEvent
from chuishao_dispatch.domain.routing import RuleSet
from chuishao_shared.events import Envelope, new_envelope
from chuishao_shared.service_layer import unit_of_work as core

SOURCE = "/chuishao/dispatch"

__all__ = ["AbstractUnitOfWork", "LoadedCase", "SqlUnitOfWork"]


class AbstractUnitOfWork(core.AbstractUnitOfWork):
    cases: AbstractCaseRepository
    rules: AbstractRuleRepository
    tickets: AbstractTicketRepository
    people: AbstractPeopleRepository

    async def save(
        self,
        loaded: LoadedCase,
        events: Sequence[DomainEvent],
        *,
        new: bool = False,
        new_report_ids: Sequence[str] = (),
    ) -> None:
        """Persist the aggregate and stage its events; sequence numbers continue the case's own."""
        envelopes = [
            new_envelope(e.type, source=SOURCE, subject=loaded.case.id, sequence=loaded.sequence + i + 1, data=e.data)
            for i, e in enumerate(events)
        ]
        loaded.sequence += len(envelopes)
        if new:
            await self.open(loaded, envelopes)
            return
        await self.cases.update(loaded, new_report_ids)
        await self.stage(*envelopes)

    async def open(self, loaded: LoadedCase, envelopes: Sequence[Envelope]) -> None:
        """Store a new case and stage its (numbered) events."""
        await self.cases.add(loaded)
        await self.stage(*envelopes)

    async def before_opening(self, report_id: str, matter: tuple[str, str] | None) -> tuple[str | None, RuleSet | None]:
        """Before a report's case opens: the case already holding the report (then nothing else is asked),
        else the matter's lock (when `matter`, its category and grid, is given) and the rule set in force."""
        existing = await self.cases.case_of_report(report_id)
        if existing is not None:
            return existing, None
        if matter is not None:
            await self.cases.lock_matter(*matter)
        return None, await self.rules.current()


class SqlUnitOfWork(core.SqlUnitOfWork, AbstractUnitOfWork):
    def bind(self, conn: AsyncConnection) -> None:
        self.cases = self._sql_cases = SqlCaseRepository(conn)
        self.rules = SqlRuleRepository(conn)
        self.tickets = SqlTicketRepository(conn)
        self.people = SqlPeopleRepository(conn)

    async def open(self, loaded: LoadedCase, envelopes: Sequence[Envelope]) -> None:
        # The case, its timeline, its reports' links and its events: one round trip, not two
        if self.outbox is None:
            await super().open(loaded, envelopes)
            return
        await self._sql_cases.add_and_stage(loaded, self.outbox.stage_values(envelopes))

    async def before_opening(self, report_id: str, matter: tuple[str, str] | None) -> tuple[str | None, RuleSet | None]:
        # One round trip, not three (the lock is also taken for a report that has a case: harmless, rare)
        return await before_opening(self.conn, report_id, matter)
