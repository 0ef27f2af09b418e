"""Intake with `CHUISHAO_INTAKE_WORKERS=2`: the real `python -m chuishao_intake` process (uvicorn's
supervisor and two workers) against the suite's PostgreSQL and broker. Both workers take reports,
`/metrics` (whichever worker answers it) counts every report filed, the outbox relay stays one
active relay and every report reaches the broker exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.parser import text_string_to_metric_families

from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings
from chuishao_shared.devstack import free_port
from chuishao_shared.events import REPORTS_TOPIC
from support.db import count
from support.factories import bearer, report_body, worker_token
from support.infra import Infra, unique
from support.services import prepare, service_settings
from support.sink import sink
from support.system import eventually

FILED = 16
MAX_FILED = 160


def _sample(metrics: str, name: str, **labels: str) -> float:
    total = 0.0
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def _reports_per_worker(metrics_dir: Path) -> dict[str, float]:
    """Accepted reports in each worker's own sample file (counter_<pid>.db)."""
    per_pid: dict[str, float] = {}
    for path in metrics_dir.glob("counter_*.db"):
        for key, value, *_ in MmapedDict.read_all_values_from_file(str(path)):
            if '"chuishao_reports_total"' in key and '"accepted"' in key:
                per_pid[path.stem] = per_pid.get(path.stem, 0.0) + value
    return per_pid


def _start_intake(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`python -m chuishao_intake`, as a deployment runs it (the database is already migrated)."""
    return subprocess.Popen(
        [sys.executable, "-m", "chuishao_intake", "--no-migrate"],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


async def test_two_workers_share_the_reports_and_metrics_count_them_all(infra: Infra, tmp_path: Path) -> None:
    database = unique("chuishao_intake")
    settings = service_settings(infra, IntakeSettings, database)
    await prepare(infra, settings, MIGRATIONS, database)
    port = free_port()
    metrics_dir = tmp_path / "metrics"
    (metrics_dir).mkdir()
    (metrics_dir / "counter_1.db").write_bytes(b"stale")  # an earlier run's file: emptied at start
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "KAFKA_BOOTSTRAP_SERVERS": infra.bootstrap,
        "CHUISHAO_TOPIC_PREFIX": settings.topic_prefix,
        "CHUISHAO_ENVIRONMENT": "test",
        "CHUISHAO_PORT": str(port),
        "CHUISHAO_INTAKE_WORKERS": "2",
        "CHUISHAO_RELAY_POLL_SECONDS": "0.2",
        "CHUISHAO_KAFKA_SESSION_TIMEOUT_MS": "2000",
        "CHUISHAO_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
        "CHUISHAO_SHUTDOWN_GRACE_SECONDS": "0.5",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    process = _start_intake(env, tmp_path / "intake.log")
    url = f"http://127.0.0.1:{port}"
    try:
        async with sink(infra.admin_dsn, settings, [REPORTS_TOPIC]) as received:

            async def ready() -> bool:
                assert process.poll() is None, (tmp_path / "intake.log").read_text()[-2000:]
                try:
                    async with httpx.AsyncClient(base_url=url, timeout=2) as client:
                        return (await client.get("/readyz")).status_code == 200
                except httpx.HTTPError:
                    return False

            await eventually(ready, timeout=60)
            assert not (metrics_dir / "counter_1.db").exists()
            token = worker_token(settings)

            async def file_one(i: int) -> int:
                # a connection each, so the kernel hands them to both workers
                async with httpx.AsyncClient(base_url=url, timeout=10) as client:
                    response = await client.post(
                        "/v1/reports", json=report_body(), headers={**bearer(token), "Idempotency-Key": f"k-{i}"}
                    )
                    return response.status_code

            # Rounds of 8 concurrent connections until both workers have taken some: readiness answers
            # as soon as one worker is up, and the kernel hands connections to whichever accepts first.
            statuses: list[int] = []
            per_worker: dict[str, float] = {}
            while len(statuses) < FILED or (
                len([n for n in per_worker.values() if n > 0]) < 2 and len(statuses) < MAX_FILED
            ):
                start = len(statuses)
                statuses += await asyncio.gather(*(file_one(i) for i in range(start, start + 8)))
                per_worker = _reports_per_worker(metrics_dir)
            filed = len(statuses)
            assert statuses == [201] * filed
            assert len([n for n in per_worker.values() if n > 0]) == 2, per_worker
            assert sum(per_worker.values()) == filed

            for _ in range(4):  # any worker's /metrics is the whole service's
                async with httpx.AsyncClient(base_url=url, timeout=5) as client:
                    metrics = (await client.get("/metrics")).text
                assert _sample(metrics, "chuishao_reports_total", outcome="accepted") == filed
                requests = _sample(
                    metrics, "chuishao_http_requests_total", method="POST", route="/v1/reports", status="201"
                )
                assert requests == filed

            async def delivered() -> list[tuple[str, int, str]] | None:
                rows = await received.rows()
                assert len(rows) <= filed, "a report was published twice"
                return rows if len(rows) == filed else None

            rows = await eventually(delivered, timeout=60)
            assert len({subject for subject, _, _ in rows}) == filed
            assert await count(settings, "outbox", "published_at IS NULL") == 0
            async with httpx.AsyncClient(base_url=url, timeout=5) as client:
                metrics = (await client.get("/metrics")).text
            assert _sample(metrics, "chuishao_outbox_relay_active", service="intake") == 1.0
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
