"""The projection's writes against a real PostgreSQL: one statement inserts the event and reads the
case's events, one writes the board row and the facts (upserting the changed rows, deleting those past
the new count). Whatever order the events arrive in, with duplicates, the tables hold after every
event exactly what the pure projection of the events so far says."""

from __future__ import annotations

import dataclasses
import json
import random
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from unit.tracking.tracking_scenario import scenario

from chuishao_shared.events import Envelope
from chuishao_tracking.adapters import store
from chuishao_tracking.domain.facts import CaseFacts
from chuishao_tracking.domain.projection import project
from chuishao_tracking.domain.records import CaseRecord
from chuishao_tracking.entrypoints.consumer import on_event, on_poll
from support.db import random_polls


def _record(envelope: Envelope) -> CaseRecord:
    return CaseRecord.from_event(envelope.type, envelope.sequence, envelope.time, envelope.data)


async def _stored(conn: AsyncConnection, case_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    board = (
        (await conn.execute(text("SELECT sequence, status, view FROM board_cases WHERE id = :id"), {"id": case_id}))
        .mappings()
        .one()
    )
    facts = (
        await conn.execute(
            text(
                "SELECT case_id, ordinal, kind, department, community, category, started_at, due_at, done_at, "
                "ended_at, label, flag, detail FROM case_facts WHERE case_id = :id ORDER BY ordinal"
            ),
            {"id": case_id},
        )
    ).mappings()
    return dict(board), [dict(row) for row in facts]


async def test_tables_equal_the_pure_projection_after_every_event_in_any_order(engine: AsyncEngine) -> None:
    rng = random.Random(7)
    world = scenario()
    events = [e for case in world.cases.values() for e in case.events]
    arrivals = events + rng.sample(events, 12)  # redelivered under new ids: the sequence keeps its first event
    rng.shuffle(arrivals)
    seen: dict[str, list[CaseRecord]] = {}
    changed_facts = 0
    for n, envelope in enumerate(arrivals):
        if n >= len(events):  # a redelivery: a fresh event id, so the dedupe row does not stop it
            envelope = envelope.model_copy(update={"id": uuid.UUID(int=rng.getrandbits(128))})
        record = _record(envelope)
        seen.setdefault(record.case_id, []).append(record)
        async with engine.begin() as conn:
            await on_event(conn, envelope)
        expected = project(seen[record.case_id])
        async with engine.connect() as conn:
            board, facts = await _stored(conn, record.case_id)
        assert board["sequence"] == expected.sequence and board["status"] == expected.case.status
        assert board["view"] == expected.case.to_json()
        want = [{**row, "detail": json.loads(row["detail"])} for row in store.fact_rows(record.case_id, expected.facts)]
        assert facts == want, f"after event {n} ({envelope.type} #{envelope.sequence})"
        changed_facts += bool(facts)
    assert changed_facts > 0
    async with engine.connect() as conn:
        held = (await conn.execute(text("SELECT count(*) FROM case_events"))).scalar()
    assert held == len(events)  # one row per (case, sequence), duplicates or not


async def test_the_writes_sent_to_the_driver_stay_in_the_connections_transaction(engine: AsyncEngine) -> None:
    """The projection's statements go to asyncpg directly; on a connection with nothing under way they
    begin SQLAlchemy's transaction first, so a rollback takes them back (none commits on its own)."""
    record = _record(scenario().cases["a"].events[0])
    async with engine.connect() as conn:
        await conn.commit()  # nothing under way
        await store.lock_cases(conn, [record.case_id])
        await store.add_case_events(conn, [(uuid.uuid4(), record)])
        await conn.rollback()
        held = await conn.execute(text("SELECT count(*) FROM case_events WHERE case_id = :id"), {"id": record.case_id})
        assert held.scalar() == 0


async def test_a_projection_with_fewer_facts_leaves_no_stale_row(engine: AsyncEngine) -> None:
    case = scenario().cases["b"]  # reworked: acks, two rounds, a closure
    full = project([_record(e) for e in case.events])
    fewer = dataclasses.replace(full, facts=CaseFacts(acks=full.facts.acks[:1], cycles=full.facts.cycles[-1:]))
    assert len(store.fact_rows(case.id, full.facts)) > len(store.fact_rows(case.id, fewer.facts)) == 2
    for projection in (full, fewer):
        async with engine.begin() as conn:
            await store.lock_cases(conn, [case.id])
            await store.save_projections(conn, [projection])
        async with engine.connect() as conn:
            _, facts = await _stored(conn, case.id)
        assert facts == [
            {**row, "detail": json.loads(row["detail"])} for row in store.fact_rows(case.id, projection.facts)
        ]


async def _read_model(engine: AsyncEngine) -> dict[str, list[dict[str, Any]]]:
    orders = {
        "board_cases": "id",
        "case_events": "case_id, sequence",
        "case_facts": "case_id, ordinal",
        "reports": "report_id",
        "feedback": "report_id",
    }
    async with engine.connect() as conn:
        return {
            table: [
                dict(row) for row in (await conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))).mappings()
            ]
            for table, order in orders.items()
        }


async def test_polls_applied_together_leave_the_tables_one_at_a_time_leaves(engine: AsyncEngine) -> None:
    """The live consumer hands a poll's events to `on_poll` at once (three statements for its case events,
    whatever their number); in any order, with redeliveries under new ids and several events of a case in
    one poll, the read model ends exactly as with each event in a transaction of its own."""
    rng = random.Random(11)
    world = scenario()
    events = list(world.all_events)
    redelivered = [e.model_copy(update={"id": uuid.UUID(int=rng.getrandbits(128))}) for e in rng.sample(events, 15)]
    arrivals = events + redelivered
    rng.shuffle(arrivals)
    for envelope in arrivals:
        async with engine.begin() as conn:
            await on_event(conn, envelope)
    one_at_a_time = await _read_model(engine)
    async with engine.begin() as conn:
        await store.wipe(conn, "tests")
    for poll in random_polls(rng, arrivals):
        async with engine.begin() as conn:
            await on_poll(conn, list(poll))
    polled = await _read_model(engine)
    assert polled == one_at_a_time
    assert len(polled["board_cases"]) == len(world.cases) and polled["case_facts"] and polled["feedback"]
