"""The deadline-timer sweep, dispatch's third entrypoint beside the routes and the consumer.

Timers live in PostgreSQL (`cases.next_timer_at`). Each due case escalates in its own unit of work,
so a case whose escalation raises cannot roll back or hold up any other. A failing case is retried a
little later; after `MAX_TIMER_FAILURES` tries it is set aside (its timer cleared, the reason kept on
the row, a metric and a log line raised) until the next change to the case arms a timer again.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from chuishao_dispatch.domain.commands import EscalateCase
from chuishao_dispatch.service_layer.handlers import DispatchBus
from chuishao_shared.observability import ESCALATION_FAILURES, ESCALATIONS_SET_ASIDE
from chuishao_shared.service_layer.periodic import PeriodicTask

log = logging.getLogger(__name__)

MAX_TIMER_FAILURES = 3


async def fire_due_timers(
    bus: DispatchBus, now: datetime | None = None, *, batch: int = 50, retry_after: timedelta = timedelta(seconds=30)
) -> int:
    """Escalate every case whose next level is due by `now`; returns the events written."""
    now = now or bus.context.now()
    async with bus.uow() as uow:
        due = await uow.cases.due_for_escalation(now, batch)
    written = 0
    for case_id in due:
        try:
            written += await bus.handle(EscalateCase(case_id=case_id, now=now))
        except Exception as error:
            await _note_failure(bus, case_id, error, now + retry_after)
    return written


async def _note_failure(bus: DispatchBus, case_id: str, error: Exception, retry_at: datetime) -> None:
    reason = f"{type(error).__name__}: {error}"
    ESCALATION_FAILURES.inc()
    async with bus.uow() as uow:
        failures = await uow.cases.note_timer_failure(case_id, reason, retry_at, MAX_TIMER_FAILURES)
        await uow.commit()
    if failures >= MAX_TIMER_FAILURES:
        ESCALATIONS_SET_ASIDE.inc()
        log.error("escalation of case %s set aside after %d failures: %s", case_id, failures, reason)
    else:
        log.warning("escalation of case %s failed (%d of %d tries): %s", case_id, failures, MAX_TIMER_FAILURES, reason)


def timer_task(bus: DispatchBus, poll_seconds: float) -> PeriodicTask:
    """The sweep every `poll_seconds`; a failing case is retried ten polls later (at least a second)."""
    retry_after = timedelta(seconds=max(poll_seconds * 10, 1.0))
    return PeriodicTask(
        "timer sweep", lambda: fire_due_timers(bus, retry_after=retry_after), poll_seconds, failure_level=logging.ERROR
    )
