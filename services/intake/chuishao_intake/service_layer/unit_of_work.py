"""Intake's unit of work: the shared one (`chuishao_shared.service_layer.unit_of_work`: one connection
and transaction, or the consumer's joined; the outbox; the idempotency record; metrics after the commit)
with intake's repositories.

Filing is the hot path: `file_report` sends the idempotency claim, the report and its event as ONE
statement outside a transaction (one round trip, one implicit transaction)."""

from __future__ import annotations

import abc
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_intake.adapters.repository import AbstractReportRepository, SqlReportRepository
from chuishao_intake.adapters.unrouted import AbstractUnroutedRepository, SqlUnroutedRepository
from chuishao_shared.events import Envelope
from chuishao_shared.service_layer import unit_of_work as core


class AbstractUnitOfWork(core.AbstractUnitOfWork):
    reports: AbstractReportRepository
    unrouted: AbstractUnroutedRepository

    @abc.abstractmethod
    async def file_report(
        self,
        report: dict[str, Any],
        event: Envelope,
        *,
        key: str | None,
        fingerprint: str,
        response: Any,
        number: tuple[str, str],
    ) -> tuple[bool, str | None]:
        """Report (with its next short number), event and idempotency key in one atomic statement:
        (True, the number), or (False, None) when the key was used."""


class SqlUnitOfWork(core.SqlUnitOfWork, AbstractUnitOfWork):
    def bind(self, conn: AsyncConnection) -> None:
        self.reports = SqlReportRepository(conn)
        self.unrouted = SqlUnroutedRepository(conn)

    async def file_report(
        self,
        report: dict[str, Any],
        event: Envelope,
        *,
        key: str | None,
        fingerprint: str,
        response: Any,
        number: tuple[str, str],
    ) -> tuple[bool, str | None]:
        assert self.outbox is not None, "intake publishes: its unit of work has an outbox"
        return await self.reports.file(
            report,
            self.outbox.row(event),
            channel=self.outbox.channel,
            idempotency=(key, fingerprint, response),
            number=number,
        )
