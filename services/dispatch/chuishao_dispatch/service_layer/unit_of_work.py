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
    before_openings,
)
from chuishao_dispatch.adapters.tickets import AbstractTicketRepository, SqlTicketRepository
from chuishao_dispatch.domain import DomainEvent
from chuishao_dispatch.domain.routing import RuleSet
from chuishao_shared.events import Envelope, new_envelope
from chuishao_shared.service_layer import unit_of_work as core

SOURCE = "/chuishao/dispatch"

__all__ = ["AbstractUnitOfWork", "LoadedCase", "SqlUnitOfWork"]


def numbered(loaded: LoadedCase, events: Sequence[DomainEvent]) -> list[Envelope]:
    """The case's new events as envelopes; their sequence numbers continue the case's own (and advance it)."""
    envelopes = [
        new_envelope(e.type, source=SOURCE, subject=loaded.case.id, sequence=loaded.sequence + i + 1, data=e.data)
        for i, e in enumerate(events)
    ]
    loaded.sequence += len(envelopes)
    return envelopes


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
        envelopes = numbered(loaded, events)
        if new:
            await self.open(loaded, envelopes)
            return
        await self.cases.update(loaded, new_report_ids)
        await self.stage(*envelopes)

    async def open(self, loaded: LoadedCase, envelopes: Sequence[Envelope]) -> None:
        """Store a new case and stage its (numbered) events."""
        await self.cases.add(loaded)
        await self.stage(*envelopes)

    async def open_all(self, opened: Sequence[tuple[LoadedCase, Sequence[DomainEvent]]]) -> None:
        """`save(..., new=True)` for each new case."""
        for loaded, events in opened:
            await self.save(loaded, events, new=True)

    async def before_openings(
        self, report_ids: Sequence[str], matters: Sequence[tuple[str, str]]
    ) -> tuple[dict[str, str], RuleSet | None]:
        """Before a poll's reports open cases: the case of each report that has one already, every matter's
        lock (`matters` sorted: the order two polls lock in) and the rule set in force."""
        existing = {r: case_id for r in report_ids if (case_id := await self.cases.case_of_report(r)) is not None}
        for matter in matters:
            await self.cases.lock_matter(*matter)
        return existing, await self.rules.current()


class SqlUnitOfWork(core.SqlUnitOfWork, AbstractUnitOfWork):
    def bind(self, conn: AsyncConnection) -> None:
        self.cases = self._sql_cases = SqlCaseRepository(conn)
        self.rules = SqlRuleRepository(conn)
        self.tickets = SqlTicketRepository(conn)
        self.people = SqlPeopleRepository(conn)

    async def open_all(self, opened: Sequence[tuple[LoadedCase, Sequence[DomainEvent]]]) -> None:
        # Every new case with its events: the statements pipelined, one round trip for the poll
        if self.outbox is None:
            await super().open_all(opened)
            return
        outbox = self.outbox
        await self._sql_cases.add_all_and_stage(
            [(loaded, outbox.stage_values(numbered(loaded, events))) for loaded, events in opened]
        )

    async def before_openings(
        self, report_ids: Sequence[str], matters: Sequence[tuple[str, str]]
    ) -> tuple[dict[str, str], RuleSet | None]:
        return await before_openings(self.conn, report_ids, matters)
