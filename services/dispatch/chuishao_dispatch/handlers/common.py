"""What every dispatch use case shares: the context, SLA terms, saving a case with its events."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from chuishao_dispatch.adapters import repository
from chuishao_dispatch.adapters.repository import LoadedCase
from chuishao_dispatch.domain import (
    Case,
    DomainEvent,
    IllegalTransition,
    InvalidCommand,
    NotAssigned,
    SlaTerms,
    WorkCalendar,
)
from chuishao_shared.events import new_envelope
from chuishao_shared.observability import ACK_LATENCY, CASES, RESOLVE_LATENCY
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.problems import Problem
from chuishao_shared.reference import ReferenceData

SOURCE = "/chuishao/dispatch"


@dataclass
class DispatchContext:
    engine: AsyncEngine
    outbox: OutboxWriter
    reference: ReferenceData
    duplicate_window: timedelta
    duplicate_min_similarity: float
    ack_minutes_override: float | None = None
    resolve_minutes_override: float | None = None

    def calendar(self) -> WorkCalendar:
        cal = self.reference.calendar
        return WorkCalendar(
            timezone=cal.timezone,
            start=cal.start,
            end=cal.end,
            weekdays=frozenset(d - 1 for d in cal.weekdays),  # reference is ISO (Mon=1), domain Mon=0
            holidays=frozenset(cal.holidays),
            extra_workdays=frozenset(cal.makeup_workdays),
        )

    def sla_terms(self, category_code: str, severity: str) -> SlaTerms:
        policy = self.reference.sla_policies[self.reference.categories[category_code].sla_policy]
        return SlaTerms(
            acknowledge_minutes=self.ack_minutes_override or policy.acknowledge_within_minutes[severity],
            resolve_minutes=self.resolve_minutes_override or policy.resolve_within_minutes[severity],
            clock=policy.clock,
            calendar=self.calendar(),
        )


async def save(
    ctx: DispatchContext,
    conn: AsyncConnection,
    loaded: LoadedCase,
    events: list[DomainEvent],
    *,
    new: bool = False,
    new_report_ids: list[str] | None = None,
) -> None:
    """Persist the aggregate and stage its events (sequence numbers continue the case's own)."""
    case = loaded.case
    envelopes = [
        new_envelope(e.type, source=SOURCE, subject=case.id, sequence=loaded.sequence + i + 1, data=e.data)
        for i, e in enumerate(events)
    ]
    loaded.sequence += len(envelopes)
    if new:
        await repository.insert_case(conn, case, loaded.chain, loaded.sequence)
    else:
        await repository.update_case(conn, case, loaded.chain, loaded.sequence, new_report_ids or [])
    await ctx.outbox.add(conn, *envelopes)


def count_outcomes(events: list[DomainEvent], case: Case | None = None) -> None:
    """Case outcomes, and the acknowledge and resolve latencies the events complete (after commit)."""
    for event in events:
        CASES.labels(event.type.removeprefix("case.")).inc()
        if case is None:
            continue
        if event.type == "case.acknowledged":
            assignment = case.assignment_of(event.data["department"])
            if assignment and assignment.assigned_at and assignment.acknowledged_at:
                seconds = (assignment.acknowledged_at - assignment.assigned_at).total_seconds()
                ACK_LATENCY.labels(assignment.department).observe(max(seconds, 0.0))
        elif event.type == "case.resolved" and case.resolved_at:
            RESOLVE_LATENCY.labels(event.data["department"]).observe(
                max((case.resolved_at - case.opened_at).total_seconds(), 0.0)
            )


@contextmanager
def domain_errors() -> Iterator[None]:
    """Translate refusals of the domain into problem details."""
    try:
        yield
    except IllegalTransition as error:
        raise Problem(
            409,
            "Illegal transition",
            str(error),
            kind="illegal-transition",
            current_status=error.current_status,
        ) from error
    except NotAssigned as error:
        raise Problem(403, "Forbidden", str(error), kind="forbidden") from error
    except InvalidCommand as error:
        raise Problem(
            422,
            "Invalid request",
            str(error),
            kind="validation",
            errors=[{"field": error.field, "message": error.message}],
        ) from error


def new_loaded(case: Case, chain: list[str]) -> LoadedCase:
    return LoadedCase(case, 0, chain)
