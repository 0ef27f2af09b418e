"""Intake's reads: a grid worker's own reports, and Open311's public requests. Read-only units of
work; nothing here writes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from chuishao_intake.domain.open311 import RequestQuery
from chuishao_intake.domain.reports import ReportNotFound
from chuishao_intake.service_layer.handlers import own_report
from chuishao_intake.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_intake.views import report_view


async def get_report(uow: AbstractUnitOfWork, worker: str, report_id: uuid.UUID) -> dict[str, Any]:
    async with uow:
        return report_view(await own_report(uow, worker, report_id, for_update=False))


async def list_reports(
    uow: AbstractUnitOfWork, worker: str, *, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> list[dict[str, Any]]:
    async with uow:
        rows = await uow.reports.of_reporter(reporter=worker, limit=limit, after=after)
    return [report_view(r) for r in rows]


async def public_requests(uow: AbstractUnitOfWork, query: RequestQuery) -> list[dict[str, Any]]:
    """Raw rows: the entrypoint renders them with `domain.open311.public_request` (never the contact)."""
    async with uow:
        return await uow.reports.public(query)


async def public_request(uow: AbstractUnitOfWork, report_id: uuid.UUID) -> dict[str, Any]:
    async with uow:
        row = await uow.reports.get(report_id)
    if row is None:
        raise ReportNotFound(report_id)
    return row
