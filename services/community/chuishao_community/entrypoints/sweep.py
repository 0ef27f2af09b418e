"""The needs' sweep, beside the routes: a claim not started in time lapses, an unclaimed need past its
wanted-by date expires. The next time to look is stored on the row (`needs.next_due_at`); each due
need is handled in its own unit of work, claimed with SKIP LOCKED, so replicas never act twice."""

from __future__ import annotations

import logging
from datetime import datetime

from chuishao_community.domain.commands import TickNeed
from chuishao_community.service_layer.handlers import CommunityBus
from chuishao_shared.service_layer.periodic import PeriodicTask

log = logging.getLogger(__name__)


async def sweep_needs(bus: CommunityBus, now: datetime | None = None, *, batch: int = 100) -> int:
    """Let time act on every due need; returns the events written."""
    now = now or bus.context.now()
    async with bus.uow() as uow:
        due = await uow.needs.due(now, batch)
    written = 0
    for need_id in due:
        try:
            written += await bus.handle(TickNeed(need_id=need_id, now=now))
        except Exception:
            log.exception("the sweep of need %s failed; it is tried again on the next round", need_id)
    return written


def sweep_task(bus: CommunityBus, every: float) -> PeriodicTask:
    return PeriodicTask("needs sweep", lambda: sweep_needs(bus), every, failure_level=logging.ERROR)
