"""A poll's reports ask, in one statement, which of them a case holds already, take their matters' locks,
and read the rule set in force (`before_openings`). On a real PostgreSQL: the lock holds a second report
of the same matter until the first commits (so it sees the first's case), a report handled on site takes
no lock, and the answers agree with the three separate reads."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.service_layer.handlers import DispatchBus
from chuishao_dispatch.service_layer.unit_of_work import SqlUnitOfWork
from support.dispatch_bus import dispatch_bus, report_arrived
from support.infra import Infra

GRID = "XY-WQ-WY-G01"
CATEGORY = "ENV-STAIRWELL-DIRTY"


@pytest.fixture
async def bus(infra: Infra) -> AsyncIterator[DispatchBus]:
    async with dispatch_bus(infra) as bus:
        yield bus


def opening(report_id: str, *, handled_on_site: bool = False) -> c.OpenCase:
    return report_arrived(report_id, building="3号楼", handled_on_site=handled_on_site)


async def test_the_answers_agree_with_the_separate_reads(bus: DispatchBus) -> None:
    report_id = f"RPT-{uuid.uuid4().hex[:8]}"
    async with bus.uow() as uow:
        existing, rule_set = await uow.before_openings([report_id], [(CATEGORY, GRID)])
        assert existing == {}
        assert rule_set is not None and rule_set == await uow.rules.current() and rule_set.version == 1
    await bus.handle(opening(report_id))
    async with bus.uow() as uow:
        case_id = await uow.cases.case_of_report(report_id)
        assert case_id is not None
        assert (await uow.before_openings([report_id, "RPT-none"], []))[0] == {report_id: case_id}
        # a new version: the cached rules are not reused
        await uow.rules.store([], "test", version=2)
        assert (await uow.before_openings(["RPT-other"], []))[1] == (await uow.rules.current())
        assert (await uow.rules.current()).version == 2  # type: ignore[union-attr]


async def test_the_matters_lock_holds_a_second_report_until_the_first_commits(bus: DispatchBus) -> None:
    async with bus.uow() as first:
        await first.before_openings(["RPT-first"], [(CATEGORY, GRID)])
        async with bus.uow() as second:
            waiting = asyncio.create_task(second.before_openings(["RPT-second"], [(CATEGORY, GRID)]))
            await asyncio.sleep(0.5)
            assert not waiting.done(), "the second report of the matter waits for the first's transaction"
            async with bus.uow() as other_matter, bus.uow() as on_site:
                # another matter, and a report handled on site, are not held up
                await asyncio.wait_for(other_matter.before_openings(["RPT-3"], [(CATEGORY, "XY-WQ-WY-G02")]), 5)
                await asyncio.wait_for(on_site.before_openings(["RPT-4"], []), 5)
            await first.commit()
            assert (await asyncio.wait_for(waiting, 5))[0] == {}


async def test_two_reports_of_one_matter_at_once_open_one_case(bus: DispatchBus) -> None:
    reports = [f"RPT-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    await asyncio.gather(*(bus.handle(opening(r)) for r in reports))
    async with bus.uow() as uow:
        cases = {await uow.cases.case_of_report(r) for r in reports}
    assert len(cases) == 1 and None not in cases


async def test_an_opening_stores_the_case_and_stages_its_events_in_one_statement(bus: DispatchBus) -> None:
    """The case, its timeline, its reports' links and its events in the outbox (in their order, keyed by the
    case) go as one statement; a rollback takes them all back."""
    report = f"RPT-{uuid.uuid4().hex[:8]}"
    await bus.handle(opening(report, handled_on_site=True))
    async with bus.uow() as uow:
        case_id = await uow.cases.case_of_report(report)
        loaded = await uow.cases.get(case_id)
        rows = (
            await uow.conn.execute(
                text("SELECT key, event_type FROM outbox WHERE key = :case ORDER BY id"), {"case": case_id}
            )
        ).all()
    assert loaded is not None and loaded.case.report_ids == [report]
    assert [r.event_type for r in rows][0] == "case.opened" and {r.key for r in rows} == {case_id}
    assert len(rows) == loaded.sequence  # every event the opening numbered, staged

    unwound = f"RPT-{uuid.uuid4().hex[:8]}"
    owner = bus.uow()
    assert isinstance(owner, SqlUnitOfWork)
    with pytest.raises(RuntimeError):
        async with owner.engine.begin() as conn:  # as the report consumer joins its transaction
            await bus.handle(
                opening(unwound, handled_on_site=True), SqlUnitOfWork(conn.engine, owner.outbox, joining=conn)
            )
            raise RuntimeError("the consumer's transaction fails after the handler")
    async with bus.uow() as uow:
        assert await uow.cases.case_of_report(unwound) is None
        carrying = text("SELECT count(*) FROM outbox WHERE convert_from(payload, 'UTF8') LIKE :r")
        assert (await uow.conn.execute(carrying, {"r": f"%{unwound}%"})).scalar() == 0
        assert (await uow.conn.execute(carrying, {"r": f"%{report}%"})).scalar() == len(rows)
