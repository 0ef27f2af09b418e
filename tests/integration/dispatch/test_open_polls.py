"""Dispatch opens a poll's reports together (`OpenCases`): the reports' cases, the matters' locks and the
rule set in one statement, the matters' open cases in one, every new case with its events in one. On a real
PostgreSQL: polls of any size leave the same cases as the reports one at a time (which reports share a case,
each case's status, departments, timeline and staged events in order), a report joins a case opened earlier
in its own poll or a stored one, and two polls locking the same matters in any order both finish."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.entrypoints.report_consumer import commands_of_poll
from chuishao_dispatch.service_layer.handlers import DispatchBus, UnroutableReport
from chuishao_shared.events import Envelope, EventType
from support.db import random_polls
from support.dispatch_bus import dispatch_bus, report_arrived
from support.infra import Infra

GRIDS = ("XY-WQ-WY-G01", "XY-WQ-WY-G02")
CATEGORY = "ENV-STAIRWELL-DIRTY"
MATTERS = ("3号楼楼道堆放杂物", "5号楼门口垃圾满溢", "路灯不亮了")


@pytest.fixture
async def bus(infra: Infra) -> AsyncIterator[DispatchBus]:
    async with dispatch_bus(infra) as bus:
        yield bus


def _reports(rng: random.Random) -> list[c.OpenCase]:
    """Reports of a few matters in two grids (so some repeat a matter: duplicates), some handled on site,
    and two re-sent under the same report id."""
    reports = [
        report_arrived(f"RPT-{n:03d}", f"{rng.choice(MATTERS)}{'，又' * rng.randint(0, 1)}", rng.choice(GRIDS),
                handled_on_site=rng.random() < 0.15)
        for n in range(30)
    ]  # fmt: skip
    for repeat in rng.sample(reports, 2):
        reports.insert(rng.randrange(len(reports)), repeat)
    return reports


async def _state(bus: DispatchBus) -> set[Any]:
    """The cases as their reports see them (case ids are random): for each case, its reports, status,
    departments, timeline and staged events in order."""
    async with bus.uow() as uow:
        links = (await uow.conn.execute(text("SELECT report_id, case_id FROM report_cases"))).all()
        outbox = (await uow.conn.execute(text("SELECT key, event_type FROM outbox ORDER BY id"))).all()
        by_case: dict[str, list[str]] = {}
        for link in links:
            by_case.setdefault(link.case_id, []).append(link.report_id)
        state = set()
        for case_id, reports in by_case.items():
            loaded = await uow.cases.get(case_id)
            assert loaded is not None
            case = loaded.case
            events = tuple(row.event_type for row in outbox if row.key == case_id)
            assert len(events) == loaded.sequence  # every event numbered is staged
            state.add(
                (
                    tuple(sorted(reports)),
                    tuple(case.report_ids),
                    case.status,
                    tuple(sorted(a.department for a in case.assignments)),
                    tuple(entry.type for entry in case.timeline),
                    events,
                )
            )
    return state


@pytest.mark.parametrize("seed", [1, 2])
async def test_polls_of_any_size_leave_the_cases_the_reports_one_at_a_time_do(infra: Infra, seed: int) -> None:
    rng = random.Random(seed)
    reports = _reports(rng)
    async with dispatch_bus(infra) as one_by_one, dispatch_bus(infra) as in_polls:
        for report in reports:
            await one_by_one.handle(report)
        for poll in random_polls(rng, reports, 1, 12):
            await in_polls.handle(c.OpenCases(openings=tuple(poll)))
        expected = await _state(one_by_one)
        assert await _state(in_polls) == expected
    assert any(len(case[0]) > 1 for case in expected), "some reports joined another's case"
    assert len({r.report_id for r in reports}) == sum(len(case[0]) for case in expected)


async def test_a_report_joins_a_case_opened_earlier_in_its_poll_or_a_stored_one(bus: DispatchBus) -> None:
    await bus.handle(report_arrived("RPT-stored", MATTERS[0], GRIDS[1]))
    await bus.handle(
        c.OpenCases(
            openings=(
                report_arrived("RPT-a", MATTERS[1]),
                report_arrived("RPT-b", MATTERS[1] + "，又"),  # the same matter as a, in the same poll
                report_arrived("RPT-c", MATTERS[0] + "，又", GRIDS[1]),  # the stored case's matter
                report_arrived("RPT-d", MATTERS[1], handled_on_site=True),  # handled on site: a case of its own
            )
        )
    )
    async with bus.uow() as uow:
        cases = {r: await uow.cases.case_of_report(r) for r in ("RPT-stored", "RPT-a", "RPT-b", "RPT-c", "RPT-d")}
        joined = await uow.cases.get(cases["RPT-a"])
        assert joined is not None
        staged = (
            await uow.conn.execute(
                text("SELECT event_type FROM outbox WHERE key = :case ORDER BY id"), {"case": cases["RPT-a"]}
            )
        ).all()
    assert cases["RPT-a"] == cases["RPT-b"] and cases["RPT-c"] == cases["RPT-stored"]
    assert len({cases["RPT-a"], cases["RPT-stored"], cases["RPT-d"]}) == 3
    assert joined.case.report_ids == ["RPT-a", "RPT-b"] and joined.sequence == len(staged) == 3
    assert [row.event_type for row in staged] == [
        EventType.CASE_OPENED,
        EventType.CASE_DISPATCHED,
        EventType.CASE_MERGED,
    ]


async def test_a_poll_with_an_unroutable_report_stores_nothing(bus: DispatchBus) -> None:
    """The consumer then takes the poll one event at a time, dead-lettering the poison one alone."""
    bad = c.OpenCase(**{**report_arrived("RPT-bad", MATTERS[2]).__dict__, "category": "NO-SUCH-CATEGORY"})
    with pytest.raises(UnroutableReport):
        await bus.handle(c.OpenCases(openings=(report_arrived("RPT-good", MATTERS[2]), bad)))
    async with bus.uow() as uow:
        assert await uow.cases.case_of_report("RPT-good") is None
        assert (await uow.conn.execute(text("SELECT count(*) FROM outbox"))).scalar() == 0


async def test_two_polls_locking_the_same_matters_in_opposite_order_both_finish(bus: DispatchBus) -> None:
    for round_ in range(5):
        first = tuple(report_arrived(f"RPT-{round_}-1-{g}", MATTERS[2], g) for g in GRIDS)
        second = tuple(report_arrived(f"RPT-{round_}-2-{g}", MATTERS[2], g) for g in reversed(GRIDS))
        await asyncio.wait_for(
            asyncio.gather(bus.handle(c.OpenCases(openings=first)), bus.handle(c.OpenCases(openings=second))), 20
        )
    async with bus.uow() as uow:
        cases = {
            g: {await uow.cases.case_of_report(f"RPT-{r}-{p}-{g}") for r in range(5) for p in (1, 2)} for g in GRIDS
        }
    assert all(len(found) == 1 and None not in found for found in cases.values()), "one case per matter"


def test_a_polls_received_reports_in_a_row_are_one_command_in_the_polls_order() -> None:
    def event(kind: str, report_id: str) -> Envelope:
        data: dict[str, Any] = {"report_id": report_id}
        if kind == EventType.REPORT_RECEIVED:
            data |= {
                "category": CATEGORY, "grid": GRIDS[0], "community": "XY-WQ-WY", "severity": "minor",
                "description": "d", "handled_on_site": False, "reporter": "gw-1", "received_at": "2026-12-01T08:00:00Z",
            }  # fmt: skip
        else:
            data |= {"satisfaction": "satisfied"}
        # (built without the contracts' check: only the commands made of them matter here)
        return Envelope(id=uuid.uuid4(), type=kind, source="/chuishao/intake", time=datetime.now(UTC),
                        subject=report_id, sequence=1, data=data)  # fmt: skip

    poll = [
        event(EventType.REPORT_RECEIVED, "R1"),
        event(EventType.REPORT_RECEIVED, "R2"),
        event(EventType.REPORT_FEEDBACK, "R1"),
        event(EventType.REPORT_RECEIVED, "R3"),
        event("report.unknown", "R4"),
    ]
    commands = commands_of_poll(poll)
    assert [type(command) for command in commands] == [c.OpenCases, c.RecordFeedback, c.OpenCases]
    assert [o.report_id for o in commands[0].openings] == ["R1", "R2"]  # type: ignore[attr-defined]
    assert [o.report_id for o in commands[2].openings] == ["R3"]  # type: ignore[attr-defined]
