"""A 201 means routed eventually: intake counts the reports it accepted long ago that no case names
yet (a metric the `ChuishaoLostWhistles` alert reads), and the operator's command lists them and sends
them again, rebuilding the event of a report whose outbox row is already purged."""

from __future__ import annotations

import contextlib
import io
import json

import asyncpg
from prometheus_client import REGISTRY

from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from chuishao_intake.entrypoints.lost_whistles import command
from chuishao_shared.events import REPORTS_TOPIC
from chuishao_shared.kafka import ensure_topics, make_producer
from chuishao_shared.outbox import OutboxRelay
from support.db import count
from support.factories import bearer, report_body, worker_token
from support.infra import Infra
from support.services import running, start_service
from support.sink import sink
from support.system import eventually


def _unrouted_gauge() -> float | None:
    return REGISTRY.get_sample_value("chuishao_reports_unrouted")


async def test_reports_without_a_case_are_counted_listed_and_sent_again(infra: Infra) -> None:
    settings, app = await start_service(
        infra,
        IntakeSettings,
        build_app,
        MIGRATIONS,
        run_relay=False,
        run_consumer=False,
        unrouted_after_minutes=0,
        unrouted_check_seconds=0.2,
    )
    await ensure_topics(settings)
    async with running(app, settings) as intake:
        token = worker_token(settings)
        ids = []
        for _ in range(3):
            response = await intake.client.post("/v1/reports", json=report_body(), headers=bearer(token))
            assert response.status_code == 201
            ids.append(response.json()["id"])
        # Published, then lost by the broker before dispatch read them; one row already purged.
        await execute(settings, "UPDATE outbox SET published_at = now()")
        await execute(settings, f"DELETE FROM outbox WHERE key = '{ids[2]}'")
        # The periodic check every replica runs raises the gauge.
        await eventually(lambda: _gauge_is(3), timeout=20)

        listed = await _run(settings, "--minutes", "0")
        assert sorted(line["report_id"] for line in listed) == sorted(ids)
        assert await count(settings, "outbox", "published_at IS NULL") == 0  # listing changes nothing

        resent = {line["report_id"]: line["resend"] for line in await _run(settings, "--minutes", "0", "--resend")}
        assert resent == {ids[0]: "requeued", ids[1]: "requeued", ids[2]: "rebuilt"}
        assert await count(settings, "outbox", "published_at IS NULL") == 3

        async with sink(infra.admin_dsn, settings, [REPORTS_TOPIC]) as received:
            relay = OutboxRelay(
                service="intake", dsn=settings.asyncpg_dsn, producer_factory=lambda: make_producer(settings)
            )
            work = await asyncpg.connect(settings.asyncpg_dsn)
            producer = make_producer(settings)
            await producer.start()
            try:
                assert await relay.publish_batch(work, producer) == 3
            finally:
                await producer.stop()
                await work.close()
            rows = await eventually(lambda: _rows(received, 3), timeout=60)
        assert sorted(subject for subject, _, _ in rows) == sorted(ids)
        assert {kind for _, _, kind in rows} == {"report.received"}

        # Once dispatch's case events name them, nothing is unrouted any more.
        await execute(settings, "UPDATE reports SET case_id = 'C-1'")
        await eventually(lambda: _gauge_is(0), timeout=20)
        assert await _run(settings, "--minutes", "0") == []


async def execute(settings: IntakeSettings, sql: str) -> None:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _run(settings: IntakeSettings, *argv: str) -> list[dict]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert await command(list(argv), settings) == 0
    return [json.loads(line) for line in out.getvalue().splitlines() if line]


async def _gauge_is(n: int) -> bool:
    return _unrouted_gauge() == n


async def _rows(received, n: int):
    rows = await received.rows()
    return rows if len(rows) >= n else None
