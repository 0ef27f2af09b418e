"""A 201 means routed eventually, whatever happens to the broker: when the broker loses its log the
relay notices and sends the retained outbox rows again; and the relay's leadership is checked on every
batch, so a relay whose lock connection was dropped never publishes beside its successor."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
from prometheus_client import REGISTRY

from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from chuishao_shared.devstack import EmbeddedBroker, free_port
from chuishao_shared.events import REPORTS_TOPIC, new_envelope
from chuishao_shared.kafka import ensure_topics, make_probe, make_producer
from chuishao_shared.outbox import OutboxRelay, OutboxWriter
from chuishao_shared.outbox.relay import relay_lock_id
from support.db import count
from support.factories import bearer, report_body, worker_token
from support.infra import Infra
from support.services import running, start_service
from support.sink import sink
from support.system import eventually


def _lost(service: str) -> float:
    return REGISTRY.get_sample_value("chuishao_broker_log_lost_total", {"service": service}) or 0.0


async def test_reports_published_before_the_broker_lost_its_log_reach_a_consumer_that_was_behind(
    infra: Infra, tmp_path: Path
) -> None:
    port = free_port()
    broker = EmbeddedBroker(port, tmp_path / "tansu.log").start()
    try:
        settings, app = await start_service(
            infra,
            IntakeSettings,
            build_app,
            MIGRATIONS,
            kafka_bootstrap_servers=broker.bootstrap,
            relay_probe_seconds=0.5,
        )
        await ensure_topics(settings)
        lost_before = _lost("intake")
        async with running(app, settings) as intake:
            token = worker_token(settings)
            for _ in range(12):  # accepted and published while the consumer is down (behind)
                response = await intake.client.post("/v1/reports", json=report_body(), headers=bearer(token))
                assert response.status_code == 201
            await eventually(lambda: _unpublished_is(settings, 0), timeout=30)
            assert await count(settings, "outbox_log_marks") > 0

            broker.stop()  # memory storage: every topic and offset is gone
            broker = EmbeddedBroker(port, tmp_path / "tansu.log").start()
            await ensure_topics(settings)
            await eventually(lambda: _above(lambda: _lost("intake"), lost_before), timeout=60)

            async with sink(infra.admin_dsn, settings, [REPORTS_TOPIC]) as received:
                for _ in range(3):  # and the relay keeps going with new reports after healing
                    response = await intake.client.post("/v1/reports", json=report_body(), headers=bearer(token))
                    assert response.status_code == 201
                rows = await eventually(lambda: _distinct_subjects(received, 15), timeout=60)
        assert len(rows) == 15  # each report handled once: repeats are absorbed by the consumer's dedupe
    finally:
        broker.stop()


async def test_an_idle_relay_notices_a_lost_log_by_probing_and_a_send_that_rewinds_is_caught_too(
    infra: Infra, tmp_path: Path
) -> None:
    """Both detectors on their own: the end-offset probe (idle relay), then an acknowledgement at or
    below the mark (a send racing the probe)."""
    port = free_port()
    broker = EmbeddedBroker(port, tmp_path / "tansu.log").start()
    try:
        settings, _app = await start_service(
            infra, IntakeSettings, build_app, MIGRATIONS, kafka_bootstrap_servers=broker.bootstrap, run_relay=False
        )
        await ensure_topics(settings)
        await _stage(settings, [f"r-{i}" for i in range(6)])
        relay = _relay(settings)
        work = await asyncpg.connect(settings.asyncpg_dsn)
        producer, probe = make_producer(settings), make_probe(settings)
        await producer.start()
        await probe.start()
        try:
            assert await relay.publish_batch(work, producer) == 6
            probe_ends = relay_probe(probe)
            assert not await relay.check_broker_log(work, probe_ends)  # an intact log
            broker.stop()
            broker = EmbeddedBroker(port, tmp_path / "tansu.log").start()
            await ensure_topics(settings)
            assert await relay.check_broker_log(work, probe_ends)
            assert await count(settings, "outbox", "published_at IS NULL") == 6
            assert await count(settings, "outbox_log_marks") == 0
            assert await _publish_until_drained(relay, work, producer) == 6

            # Lose the log again, but this time let a send find out before any probe does.
            broker.stop()
            broker = EmbeddedBroker(port, tmp_path / "tansu.log").start()
            await ensure_topics(settings)
            await _stage(settings, [f"r-{i}" for i in range(6)], sequence=2)
            await producer.stop()
            producer = make_producer(settings)
            await producer.start()
            assert await relay.publish_batch(work, producer) == 0  # rewound: nothing marked, all queued
            assert await count(settings, "outbox", "published_at IS NULL") == 12
            assert await _publish_until_drained(relay, work, producer) == 12
        finally:
            await producer.stop()
            await probe.stop()
            await work.close()
    finally:
        broker.stop()


async def test_a_relay_whose_lock_connection_is_dropped_stops_and_one_relay_publishes(infra: Infra) -> None:
    settings, _app = await start_service(infra, IntakeSettings, build_app, MIGRATIONS, run_relay=False)
    await ensure_topics(settings)
    publishers: list[str] = []

    def relay(name: str) -> OutboxRelay:
        async def note(ids: list[int]) -> None:
            publishers.append(name)

        return OutboxRelay(
            service="intake",
            dsn=settings.asyncpg_dsn,
            producer_factory=lambda: make_producer(settings),
            poll_seconds=0.2,
            before_mark=note,
        )

    stop = asyncio.Event()
    tasks = [asyncio.create_task(relay("first").run(stop))]
    try:
        holder = await eventually(lambda: _lock_holder(settings), timeout=20)
        tasks.append(asyncio.create_task(relay("second").run(stop)))
        await _stage(settings, [f"a-{i}" for i in range(5)])
        await eventually(lambda: _unpublished_is(settings, 0), timeout=30)
        assert set(publishers) == {"first"}

        # A pooler or an idle time-out drops the first relay's lock connection; its work connection lives on.
        publishers.clear()
        admin = await asyncpg.connect(settings.asyncpg_dsn)
        try:
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", holder)
        finally:
            await admin.close()
        await eventually(lambda: _new_holder(settings, holder), timeout=20)
        for round_ in range(5):  # the first relay polls every 0.2 s: it would publish if it did not check
            await _stage(settings, [f"b{round_}-{i}" for i in range(4)])
            await eventually(lambda: _unpublished_is(settings, 0), timeout=30)
            await asyncio.sleep(0.3)
        assert publishers and set(publishers) == {"second"}
    finally:
        stop.set()
        await asyncio.wait(tasks, timeout=10)
        for task in tasks:
            task.cancel()


def relay_probe(probe):
    from chuishao_shared.outbox.relay import _end_offsets_of

    return _end_offsets_of(probe)


def _relay(settings) -> OutboxRelay:
    return OutboxRelay(service="intake", dsn=settings.asyncpg_dsn, producer_factory=lambda: make_producer(settings))


async def _stage(settings, subjects: list[str], sequence: int = 1) -> None:
    writer = OutboxWriter("intake", settings.topic_prefix)
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        for subject in subjects:
            envelope = new_envelope(
                "case.cancelled", source="/test", subject=subject, sequence=sequence, data=_cancelled(subject)
            )
            row = writer.row(envelope)
            await conn.execute(
                "INSERT INTO outbox (event_id, topic, key, event_type, payload, headers) VALUES ($1,$2,$3,$4,$5,$6)",
                row["event_id"],
                row["topic"],
                row["key"],
                row["event_type"],
                row["payload"],
                row["headers"],
            )
    finally:
        await conn.close()


async def _publish_until_drained(relay: OutboxRelay, work, producer) -> int:
    total = 0
    while sent := await relay.publish_batch(work, producer):
        total += sent
    return total


async def _unpublished_is(settings, n: int) -> bool:
    return await count(settings, "outbox", "published_at IS NULL") == n


async def _above(value, floor: float) -> bool:
    return value() > floor


async def _distinct_subjects(received, n: int):
    rows = await received.rows()
    return rows if len({subject for subject, _, _ in rows}) >= n else None


async def _lock_holder(settings) -> int | None:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        return await conn.fetchval(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())",
            relay_lock_id("intake") & 0xFFFFFFFF,
        )
    finally:
        await conn.close()


async def _new_holder(settings, old: int) -> bool:
    holder = await _lock_holder(settings)
    return holder is not None and holder != old


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
