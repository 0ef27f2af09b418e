"""The lost-whistle check: a report answered 201 must become a case. Reports accepted more than a
while ago that no case names yet are counted (a metric and an alert) and can be listed and sent again.

Sending again queues the report's retained outbox rows (same event ids: a consumer that already
applied them skips them); a report whose rows were purged after the retention window gets a fresh
`report.received` built from the stored report. Dispatch skips a report it already holds, so a resend
never opens a second case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_intake.adapters import unrouted
from chuishao_intake.adapters.repository import SqlReportRepository
from chuishao_intake.service_layer.handlers import received_event
from chuishao_shared.observability import REPORTS_UNROUTED
from chuishao_shared.outbox import OutboxWriter


@dataclass(frozen=True)
class Unrouted:
    report_id: uuid.UUID
    category: str
    grid: str
    created_at: datetime


async def check(engine: AsyncEngine, older_than_seconds: float) -> int:
    """Count the unrouted reports and publish the count as `chuishao_reports_unrouted`."""
    async with engine.connect() as conn:
        n = await unrouted.count_unrouted(conn, older_than_seconds)
    REPORTS_UNROUTED.set(n)
    return n


async def find(engine: AsyncEngine, older_than_seconds: float, limit: int = 1000) -> list[Unrouted]:
    async with engine.connect() as conn:
        rows = await unrouted.list_unrouted(conn, older_than_seconds, limit)
    return [Unrouted(r["id"], r["category"], r["grid"], r["created_at"]) for r in rows]


async def resend(engine: AsyncEngine, outbox: OutboxWriter, report_ids: list[uuid.UUID]) -> dict[str, str]:
    """Send each report's events again; returns report id → `requeued`, `rebuilt` or `in flight`."""
    if not report_ids:
        return {}
    outcome: dict[str, str] = {}
    async with engine.begin() as conn:
        for key in await unrouted.requeue_retained(conn, report_ids):
            outcome[key] = "requeued"
        for key in await unrouted.still_in_outbox(conn, report_ids):
            outcome.setdefault(key, "in flight")  # not yet published: the relay will send it
        reports = SqlReportRepository(conn)
        for report_id in report_ids:
            if str(report_id) in outcome:
                continue
            report = await reports.get(report_id)
            if report is None:
                continue
            await outbox.add(conn, received_event(report))
            outcome[str(report_id)] = "rebuilt"
    return outcome
