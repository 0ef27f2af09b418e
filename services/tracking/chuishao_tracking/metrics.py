"""Tracking's own metrics, beside the platform's (consumer lag, consumed and dead-lettered events come
from the shared consumer; RED metrics from the shared HTTP layer)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from prometheus_client import Gauge, Histogram
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_shared.observability import OPEN_CASES
from chuishao_shared.service_layer.periodic import PeriodicTask

log = logging.getLogger(__name__)

EVENT_TO_PROJECTION = Histogram(
    "chuishao_tracking_event_to_projection_seconds",
    "From an event's time to its projection into the board",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)
STREAM_CLIENTS = Gauge("chuishao_tracking_stream_clients", "Clients connected to the board's event stream")
NO_DEPARTMENT = "none"  # a case in triage, or handled on site: no lead department


async def refresh_open_cases(engine: AsyncEngine, seen: set[tuple[str, str]]) -> None:
    """Set `chuishao_open_cases` from the read model; label pairs that emptied go to 0, not away,
    so a dashboard sees the drop."""
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT coalesce(lead_department, :none) AS department, status, count(*) AS n FROM board_cases "
                    "WHERE is_open GROUP BY 1, 2"
                ),
                {"none": NO_DEPARTMENT},
            )
        ).all()
    current = {(r.department, r.status): int(r.n) for r in rows}
    for labels in seen - current.keys():
        OPEN_CASES.labels(*labels).set(0)
    for labels, n in current.items():
        OPEN_CASES.labels(*labels).set(n)
    seen |= current.keys()


def open_cases_job(engine: AsyncEngine, interval: float) -> Callable[[asyncio.Event], Awaitable[None]]:
    """Refresh the gauge every `interval` seconds; a failed round (the database restarting) is logged and
    the next one tries again."""
    seen: set[tuple[str, str]] = set()
    return PeriodicTask("open-cases gauge", lambda: refresh_open_cases(engine, seen), interval).run
