"""Nothing accepted is lost: the outbox keeps events while the broker is paused or the relay dies,
and the consumer's dedupe makes redelivery harmless."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import asyncpg
import pytest
from prometheus_client import REGISTRY

from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from chuishao_shared.devstack import EmbeddedBroker, free_port
from chuishao_shared.events import CASES_TOPIC, REPORTS_TOPIC, new_envelope
from chuishao_shared.kafka import ensure_topics, make_producer
from chuishao_shared.outbox import OutboxRelay, OutboxWriter
from chuishao_shared.outbox.relay import batch_lock_id
from support.db import count
from support.factories import bearer, report_body, worker_token
from support.infra import Infra
from support.services import running, start_service
from support.sink import sink
from support.system import eventually


@pytest.fixture
def private_broker(tmp_path: Path):
    """A broker of this test's own, so it can be paused without disturbing the others."""
    broker = EmbeddedBroker(free_port(), tmp_path / "tansu.log").start()
    yield broker
    os.kill(broker.process.pid, signal.SIGCONT)
    broker.stop()


async def test_reports_are_accepted_while_the_broker_is_paused_and_delivered_once_after(
    infra: Infra, private_broker: EmbeddedBroker
) -> None:
    settings, app = await start_service(
        infra, IntakeSettings, build_app, MIGRATIONS, kafka_bootstrap_servers=private_broker.bootstrap
    )
    async with running(app, settings) as intake, sink(infra.admin_dsn, settings, [REPORTS_TOPIC]) as received:
        await eventually(lambda: _ready(received.consumer.ready))
        os.kill(private_broker.process.pid, signal.SIGSTOP)
        try:
            token = worker_token(settings)
            statuses = []
            for _ in range(15):
                response = await intake.client.post("/v1/reports", json=report_body(), headers=bearer(token))
                statuses.append(response.status_code)
            assert statuses == [201] * 15
            assert (await intake.client.get("/readyz")).status_code == 200  # the API stays up
            assert await count(settings, "outbox", "published_at IS NULL") == 15
        finally:
            os.kill(private_broker.process.pid, signal.SIGCONT)
        rows = await eventually(lambda: _exactly(received, 15), timeout=60)
        assert len({subject for subject, _, _ in rows}) == 15
        await eventually(lambda: _drained(settings), timeout=30)


async def _ready(event: asyncio.Event) -> bool:
    return event.is_set()


async def _exactly(received, n: int):
    rows = await received.rows()
    assert len(rows) <= n, f"duplicates reached the handler: {rows}"
    return rows if len(rows) == n else None


async def _drained(settings) -> bool:
    return await count(settings, "outbox", "published_at IS NULL") == 0


class RelayCrash(Exception):
    pass


async def test_relay_killed_between_ack_and_mark_resends_and_dedupe_absorbs_it(infra: Infra) -> None:
    settings, app = await start_service(infra, IntakeSettings, build_app, MIGRATIONS, run_relay=False)
    await ensure_topics(settings)
    writer = OutboxWriter("intake", settings.topic_prefix)
    subjects = [f"case-{i}" for i in range(4)]
    async with app.state.runtime.engine.begin() as conn:
        for sequence in range(1, 6):
            envelopes = [
                new_envelope("case.cancelled", source="/test", subject=s, sequence=sequence, data=_cancelled(s))
                for s in subjects
            ]
            await writer.add(conn, *envelopes)

    async def crash(_ids: list[int]) -> None:
        raise RelayCrash("killed after the broker acked, before marking")

    def relay(before_mark=None) -> OutboxRelay:
        return OutboxRelay(
            service="intake",
            dsn=settings.asyncpg_dsn,
            producer_factory=lambda: make_producer(settings),
            before_mark=before_mark,
        )

    async with sink(infra.admin_dsn, settings, [CASES_TOPIC]) as received:
        work = await asyncpg.connect(settings.asyncpg_dsn)
        producer = make_producer(settings)
        await producer.start()
        try:
            with pytest.raises(RelayCrash):
                await relay(crash).publish_batch(work, producer)
            assert await count(settings, "outbox", "published_at IS NULL") == 20  # nothing was marked
            assert await relay().publish_batch(work, producer) == 20  # the next relay sends them again
            assert await count(settings, "outbox", "published_at IS NULL") == 0
        finally:
            await producer.stop()
            await work.close()
        rows = await eventually(lambda: _exactly(received, 20), timeout=60)
        for subject in subjects:  # in order per key, each once
            assert [seq for s, seq, _ in rows if s == subject] == [1, 2, 3, 4, 5]
        await eventually(_twenty_duplicates_absorbed, timeout=30)


async def test_a_relay_sends_nothing_while_another_holds_the_batch_lock(infra: Infra) -> None:
    """Even a relay that believes it leads (its session lock lost unnoticed) claims no row while another
    relay's batch transaction is open; the marks saved with a batch are what the broker acknowledged."""
    settings, app = await start_service(infra, IntakeSettings, build_app, MIGRATIONS, run_relay=False)
    await ensure_topics(settings)
    writer = OutboxWriter("intake", settings.topic_prefix)
    async with app.state.runtime.engine.begin() as conn:
        await writer.add(
            conn, new_envelope("case.cancelled", source="/test", subject="c-1", sequence=1, data=_cancelled("c-1"))
        )
    relay = OutboxRelay(service="intake", dsn=settings.asyncpg_dsn, producer_factory=lambda: make_producer(settings))
    other, work = await asyncpg.connect(settings.asyncpg_dsn), await asyncpg.connect(settings.asyncpg_dsn)
    producer = make_producer(settings)
    await producer.start()
    try:
        async with other.transaction():
            await other.execute("SELECT pg_advisory_xact_lock($1)", batch_lock_id("intake"))
            assert await relay.publish_batch(work, producer) == 0
            assert await count(settings, "outbox", "published_at IS NULL") == 1
        assert await relay.publish_batch(work, producer) == 1
        assert await count(settings, "outbox", "published_at IS NULL") == 0
        marks = await work.fetch("SELECT topic, partition, high_offset FROM outbox_log_marks")
        assert [(m["topic"], m["high_offset"] >= 0) for m in marks] == [(f"{settings.topic_prefix}{CASES_TOPIC}", True)]
    finally:
        await producer.stop()
        await work.close()
        await other.close()


async def _twenty_duplicates_absorbed() -> bool:
    labels = {"consumer": "sink", "type": "case.cancelled", "outcome": "duplicate"}
    return (REGISTRY.get_sample_value("chuishao_events_consumed_total", labels) or 0) >= 20


def _cancelled(case_id: str) -> dict:
    return {
        "case": {
            "id": case_id,
            "status": "cancelled",
            "category": "ENV-STAIRWELL-DIRTY",
            "major": "ENV",
            "grid": "XY-WQ-WY-G01",
            "community": "XY-WQ-WY",
            "severity": "minor",
            "report_ids": [],
            "whistle_count": 1,
            "escalation_level": 0,
            "opened_at": "2026-11-01T00:00:00Z",
        },
        "actor_role": "dispatcher",
        "reason": "test",
    }
