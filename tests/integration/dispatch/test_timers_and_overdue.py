"""Deadline timers and the overdue rule on a real PostgreSQL: one case per transaction (a failing case
is set aside and holds up no other), and the queue's SQL agrees with `Case.overdue` for every case."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from chuishao_dispatch.adapters.repository import QueueFilter
from chuishao_dispatch.domain import Actor, Case
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.entrypoints.timers import MAX_TIMER_FAILURES, fire_due_timers
from chuishao_dispatch.service_layer.handlers import DispatchBus
from chuishao_shared.vocabulary import CASE_STATUSES
from support.dispatch_bus import dispatch_bus
from support.infra import Infra

LEAD = "XY-WQ-WY-WY"
GRIDS = [f"XY-WQ-WY-G0{i}" for i in range(1, 7)]
DISPATCHER = Actor("dispatcher-1", "dispatcher", jurisdiction="XY")


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def bus(infra: Infra) -> AsyncIterator[DispatchBus]:
    async with dispatch_bus(infra, now=Clock()) as bus:
        yield bus


def clock(bus: DispatchBus) -> Clock:
    return bus.context.now  # type: ignore[return-value]


async def open_case(bus: DispatchBus, grid: str, **overrides: Any) -> str:
    report_id = f"RPT-{uuid.uuid4().hex[:8]}"
    await bus.handle(
        c.OpenCase(
            report_id=report_id,
            category="ENV-STAIRWELL-DIRTY",
            grid=grid,
            community="XY-WQ-WY",
            severity="minor",
            description=f"楼道堆放杂物 {grid}",
            building=None,
            handled_on_site=False,
            reporter="gw-1",
            reported_at=clock(bus).now,
            **overrides,
        )
    )
    async with bus.uow() as uow:
        case_id = await uow.cases.case_of_report(report_id)
    assert case_id is not None
    return case_id


async def stored(bus: DispatchBus, case_id: str) -> Case:
    async with bus.uow() as uow:
        loaded = await uow.cases.get(case_id)
    assert loaded is not None
    return loaded.case


async def test_one_case_whose_escalation_raises_never_holds_up_the_others(
    bus: DispatchBus, monkeypatch: pytest.MonkeyPatch
) -> None:
    poisoned = await open_case(bus, GRIDS[0])  # opened first: due first, claimed first on every sweep
    clock(bus).now += timedelta(minutes=1)
    others = [await open_case(bus, grid) for grid in GRIDS[1:4]]
    escalate_due = Case.escalate_due

    def failing(case: Case, now: datetime) -> Any:
        if case.id == poisoned:
            raise RuntimeError("corrupt deadline")
        return escalate_due(case, now)

    monkeypatch.setattr(Case, "escalate_due", failing)
    late = clock(bus).now + timedelta(days=3)
    assert await fire_due_timers(bus, late, retry_after=timedelta(0)) >= len(others)
    for case_id in others:
        assert (await stored(bus, case_id)).escalation_level > 0
    for _ in range(MAX_TIMER_FAILURES - 1):
        await fire_due_timers(bus, late, retry_after=timedelta(0))

    async with bus.uow() as uow:
        row = (
            await uow.conn.execute(  # type: ignore[attr-defined]
                text("SELECT timer_failures, timer_error, next_timer_at, escalation_level FROM cases WHERE id = :id"),
                {"id": poisoned},
            )
        ).one()
        assert poisoned not in await uow.cases.due_for_escalation(late, 50)
    assert row.timer_failures == MAX_TIMER_FAILURES and row.next_timer_at is None and row.escalation_level == 0
    assert row.timer_error == "RuntimeError: corrupt deadline"

    # The next change to the case arms its timer again, with the failures forgotten.
    monkeypatch.setattr(Case, "escalate_due", escalate_due)
    await bus.handle(c.WhistleCase(case_id=poisoned, actor=DISPATCHER, departments=("XY-WQ-PCS",), reason="协同"))
    async with bus.uow() as uow:
        assert poisoned in await uow.cases.due_for_escalation(late, 50)
    assert await fire_due_timers(bus, late) >= 1
    assert (await stored(bus, poisoned)).escalation_level > 0


async def test_the_queue_and_the_case_agree_on_overdue(bus: DispatchBus) -> None:
    start = clock(bus).now
    late_ack = await open_case(bus, GRIDS[0])  # nobody reports in
    met_again = await open_case(bus, GRIDS[1])  # escalated for acknowledging late, then acknowledged
    cancelled = await open_case(bus, GRIDS[3])
    await bus.handle(c.CancelCase(case_id=cancelled, actor=DISPATCHER, reason="无效"))
    case = await stored(bus, met_again)
    ack_due = min(a.ack_due_at for a in case.assignments if a.ack_due_at)
    await fire_due_timers(bus, ack_due + timedelta(seconds=1))
    clock(bus).now = ack_due + timedelta(minutes=1)
    await bus.handle(c.AcknowledgeCase(case_id=met_again, actor=Actor(f"l-{LEAD}", "liaison", LEAD)))
    for assignment in (await stored(bus, met_again)).assignments:
        if assignment.status == "pending":
            await bus.handle(c.AcknowledgeCase(case_id=met_again, actor=Actor("l", "liaison", assignment.department)))

    for now in (start, ack_due + timedelta(minutes=5), start + timedelta(days=30)):
        clock(bus).now = now
        async with bus.uow() as uow:
            every = await uow.cases.queue(QueueFilter(actor=DISPATCHER, limit=200), now)
            listed = {f.case.id for f in await uow.cases.queue(QueueFilter(DISPATCHER, overdue=True, limit=200), now)}
            not_listed = {
                f.case.id for f in await uow.cases.queue(QueueFilter(DISPATCHER, overdue=False, limit=200), now)
            }
        expected = {f.case.id for f in every if f.case.overdue(now)}
        assert listed == expected and not_listed == {f.case.id for f in every} - expected
        assert {f.case.status for f in every} <= set(CASE_STATUSES)

    clock(bus).now = ack_due + timedelta(minutes=5)
    met = await stored(bus, met_again)
    assert met.escalation_level >= 1 and not met.overdue(clock(bus).now)  # once counted by ?overdue=true
    assert (await stored(bus, late_ack)).overdue(clock(bus).now)
