"""Deadline timers: they live in PostgreSQL (`cases.next_timer_at`) and are claimed with row locks,
so several dispatch replicas never fire one twice and a restart never loses one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from chuishao_dispatch.adapters import repository
from chuishao_dispatch.handlers.common import DispatchContext, count_outcomes, save
from chuishao_shared.observability import SLA_BREACHES

log = logging.getLogger(__name__)


async def fire_due_timers(ctx: DispatchContext, now: datetime | None = None, batch: int = 50) -> int:
    """One transaction: escalate every claimed case whose next level is due. Returns events written."""
    now = now or datetime.now(UTC)
    written = 0
    async with ctx.engine.begin() as conn:
        for loaded in await repository.due_timers(conn, now, batch):
            events = loaded.case.escalate_due(now)
            await save(ctx, conn, loaded, events)
            written += len(events)
            for event in events:
                SLA_BREACHES.labels(event.data.get("reason", "unknown"), str(event.data.get("level"))).inc()
            count_outcomes(events, loaded.case)
    return written


async def run_timers(ctx: DispatchContext, stop: asyncio.Event, poll_seconds: float) -> None:
    while not stop.is_set():
        try:
            await fire_due_timers(ctx)
        except Exception:
            log.exception("timer sweep failed; retrying")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), poll_seconds)
