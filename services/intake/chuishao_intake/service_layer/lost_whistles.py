"""The lost-whistle check: a report answered 201 must become a case. Reports accepted more than a
while ago that no case names yet are counted (a metric and an alert) and can be listed and sent again.

Sending again is the `ResendReports` command (`handlers.resend_reports`): it queues the report's
retained outbox rows (same event ids: a consumer that already applied them skips them); a report whose
rows were purged after the retention window gets a fresh `report.received` built from the stored
report. Dispatch skips a report it already holds, so a resend never opens a second case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from chuishao_intake.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.observability import REPORTS_UNROUTED


@dataclass(frozen=True)
class Unrouted:
    report_id: uuid.UUID
    category: str
    grid: str
    created_at: datetime


async def check(uow: AbstractUnitOfWork, older_than_seconds: float) -> int:
    """Count the unrouted reports and publish the count as `chuishao_reports_unrouted`."""
    async with uow:
        n = await uow.unrouted.count(older_than_seconds)
    REPORTS_UNROUTED.set(n)
    return n


async def find(uow: AbstractUnitOfWork, older_than_seconds: float, limit: int = 1000) -> list[Unrouted]:
    async with uow:
        rows = await uow.unrouted.find(older_than_seconds, limit)
    return [Unrouted(r["id"], r["category"], r["grid"], r["created_at"]) for r in rows]
