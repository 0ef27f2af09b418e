"""Intake follows a poll's case events with a statement per round (no report twice in a round), not one
per event: against a real PostgreSQL, polls of any size leave every report's case, status, view and
timeline exactly as the events one at a time do, with events out of order, repeated, and a report moved
to another case."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_intake.adapters.case_view import follow_cases
from chuishao_intake.bootstrap import MIGRATIONS
from chuishao_intake.domain.case_view import CaseChange
from chuishao_intake.settings import IntakeSettings
from support.db import migrated_engine, random_polls
from support.infra import Infra

REPORTS = [str(uuid.UUID(int=n)) for n in range(1, 7)]


@pytest.fixture
async def engine(infra: Infra) -> AsyncIterator[AsyncEngine]:
    async with migrated_engine(infra, IntakeSettings, MIGRATIONS, "chuishao_intake_follow") as engine:
        async with engine.begin() as conn:
            for report_id in REPORTS:
                await conn.execute(
                    text(
                        "INSERT INTO reports (id, reporter, category, grid, community, description, severity, place, "
                        "photos, handled_on_site, created_at) VALUES (:id, 'gw-1', 'K', 'G', 'C', '', 'normal', "
                        "'{}', '[]', false, :at)"
                    ),
                    {"id": report_id, "at": datetime(2026, 12, 1, tzinfo=UTC)},
                )
        yield engine


def _changes(rng: random.Random) -> list[CaseChange]:
    """Case A (reports 1, 2), case B (3), case C (4, 5) that report 2 and then B's report join (merges),
    each event with its case's next sequence; then a shuffle within a window and some repeats."""
    cases = {"A": [REPORTS[0], REPORTS[1]], "B": [REPORTS[2]], "C": [REPORTS[3], REPORTS[4]]}
    sequences = dict.fromkeys(cases, 0)
    events: list[CaseChange] = []
    for step in range(40):
        case_id = rng.choice(sorted(cases))
        if step == 15:
            cases["A"].remove(REPORTS[1])
            cases["C"].append(REPORTS[1])
            case_id = "C"
        if step == 25:
            cases["C"].append(REPORTS[2])
            case_id = "C"
        sequences[case_id] += 1
        status = rng.choice(["dispatched", "acknowledged", "resolved"])
        events.append(
            CaseChange(
                report_ids=tuple(cases[case_id]),
                case_id=case_id,
                status=status,
                sequence=sequences[case_id],
                summary={"status": status, "step": step},
                entry={"type": status, "step": step},
            )
        )
    arrivals = list(events)
    for i in range(0, len(arrivals) - 3, 3):  # a little disorder: a retried send lands after a later one
        if rng.random() < 0.4:
            arrivals[i], arrivals[i + 2] = arrivals[i + 2], arrivals[i]
    for repeat in rng.sample(events, 6):
        arrivals.insert(rng.randrange(len(arrivals)), repeat)
    return arrivals


async def _views(engine: AsyncEngine) -> list[dict[str, Any]]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT id, case_id, case_status, case_seq, case_view, case_timeline FROM reports ORDER BY id")
        )
        return [dict(row) for row in rows.mappings()]


async def _reset(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE reports SET case_id = NULL, case_status = NULL, case_seq = 0, case_view = NULL, "
                "case_timeline = '[]'"
            )
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_polls_leave_the_reports_as_the_events_one_at_a_time_do(engine: AsyncEngine, seed: int) -> None:
    rng = random.Random(seed)
    arrivals = _changes(rng)
    await _reset(engine)
    for change in arrivals:
        async with engine.begin() as conn:
            await follow_cases(conn, [change])
    one_at_a_time = await _views(engine)

    await _reset(engine)
    for poll in random_polls(rng, arrivals, largest=15):
        async with engine.begin() as conn:
            await follow_cases(conn, poll)
    assert await _views(engine) == one_at_a_time

    moved = next(row for row in one_at_a_time if str(row["id"]) == REPORTS[1])
    assert moved["case_id"] == "C" and moved["case_timeline"]
    assert all(entry["step"] >= 15 for entry in moved["case_timeline"])  # C's events only: it started afresh
