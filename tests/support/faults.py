"""The fault suite's harness: a phone-like client filing reports at a steady rate (retrying with the
same Idempotency-Key until it gets an answer), and the counts taken afterwards in the databases and on
the topics. Figures go to test-artifacts/reliability.json; `bench/reliability_doc.py` writes them into
docs/reliability.md."""

from __future__ import annotations

import asyncio
import fcntl
import json
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition

from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import database_dsn
from chuishao_shared.events.topics import CASES_TOPIC, REPORTS_TOPIC, dead_letter_topic
from chuishao_shared.settings import Settings
from support.factories import GRID, report_body

ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "reliability.json"


@dataclass
class Phone:
    """Files `rate` reports a second for `seconds` on its own thread, like a grid worker's phone: each
    report has one Idempotency-Key, and a failed or unanswered request is sent again with it."""

    url: str
    rate: float
    seconds: float
    give_up_after: float = 120.0
    accepted: set[str] = field(default_factory=set)
    server_errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    longest_stall: float = 0.0
    slowest_answer: float = 0.0
    # Failed answers that were not a 503 with Retry-After (a database outage must answer only those).
    improper_failures: int = 0
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        token = mint_token(Settings(), sub="fault-phone", role="grid_worker", grids=[GRID])
        self.headers = {"Authorization": f"Bearer {token}"}

    def start(self) -> Phone:
        def schedule() -> None:
            started = time.monotonic()
            for i in range(int(self.rate * self.seconds)):
                time.sleep(max(0.0, started + i / self.rate - time.monotonic()))
                t = threading.Thread(target=self._file_one, daemon=True)
                t.start()
                self._threads.append(t)

        self._scheduler = threading.Thread(target=schedule, daemon=True)
        self._scheduler.start()
        return self

    def join(self) -> None:
        self._scheduler.join()
        for t in self._threads:
            t.join(self.give_up_after + 10)

    def _file_one(self) -> None:
        key, body = str(uuid.uuid4()), report_body()
        began = time.monotonic()
        with httpx.Client(base_url=self.url, timeout=10) as client:
            while time.monotonic() - began < self.give_up_after:
                asked = time.monotonic()
                try:
                    response = client.post("/v1/reports", json=body, headers={**self.headers, "Idempotency-Key": key})
                except httpx.HTTPError:
                    with self._lock:
                        self.improper_failures += 1
                        self.slowest_answer = max(self.slowest_answer, time.monotonic() - asked)
                    time.sleep(0.5)
                    continue
                with self._lock:
                    self.slowest_answer = max(self.slowest_answer, time.monotonic() - asked)
                    if response.status_code != 201 and not (
                        response.status_code == 503 and "retry-after" in response.headers
                    ):
                        self.improper_failures += 1
                    self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
                    if response.status_code >= 500:
                        self.server_errors += 1
                if response.status_code == 201:
                    with self._lock:
                        self.accepted.add(response.json()["id"])
                        self.longest_stall = max(self.longest_stall, time.monotonic() - began)
                    return
                time.sleep(float(response.headers.get("Retry-After", "0.5")) if response.status_code >= 500 else 0.5)


@dataclass
class Figures:
    scenario: str
    accepted: int
    lost: int
    not_routed: int
    not_on_board: int
    duplicated: int
    dead_lettered: int
    server_errors: int
    longest_stall_seconds: float
    slowest_answer_seconds: float
    improper_failures: int
    recovery_seconds: float
    rate_per_second: float
    load_seconds: float
    # What a scenario measures beyond the common columns (the read flood's lag, a crash's count).
    extra: dict[str, float] = field(default_factory=dict)

    def record(self) -> None:
        ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
        # Scenarios run on parallel workers: the read-modify-write is locked, or one would drop another's figures.
        with open(ARTIFACT.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            existing = json.loads(ARTIFACT.read_text()) if ARTIFACT.exists() else {}
            existing[self.scenario] = asdict(self)
            ARTIFACT.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")


async def _rows(dsn: str, sql: str) -> list[Any]:
    conn = await asyncpg.connect(dsn)
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


async def counts(admin_dsn: str, databases: dict[str, str], accepted: set[str]) -> dict[str, int]:
    intake = {str(r["id"]) for r in await _rows(database_dsn(admin_dsn, databases["intake"]), "SELECT id FROM reports")}
    routed = {
        r["report_id"]: r["case_id"]
        for r in await _rows(
            database_dsn(admin_dsn, databases["dispatch"]), "SELECT report_id, case_id FROM report_cases"
        )
    }
    board = {r["id"] for r in await _rows(database_dsn(admin_dsn, databases["tracking"]), "SELECT id FROM board_cases")}
    # A report event applied twice would open a second case that no report maps to.
    unmapped = await _rows(
        database_dsn(admin_dsn, databases["dispatch"]),
        "SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM report_cases)",
    )
    cases = {routed[r] for r in accepted if r in routed}
    return {
        "lost": len(accepted - intake),
        "not_routed": len([r for r in accepted if r not in routed]),
        "not_on_board": len(cases - board),
        # A retry that made a second report (rows beyond the accepted ones), or a second case.
        "duplicated": len(intake - accepted) + len(unmapped),
    }


async def dead_lettered(bootstrap: str, prefix: str) -> int:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    await consumer.start()
    try:
        topics = [dead_letter_topic(prefix + t) for t in (REPORTS_TOPIC, CASES_TOPIC)]
        cluster = await consumer._client.fetch_all_metadata()
        partitions = [TopicPartition(t, p) for t in topics for p in (cluster.partitions_for_topic(t) or set())]
        ends = await consumer.end_offsets(partitions) if partitions else {}
        return int(sum(ends.values()))
    finally:
        await consumer.stop()


async def settle(admin_dsn: str, databases: dict[str, str], accepted: set[str], within: float) -> tuple[dict, float]:
    """Wait until every accepted report is routed and on the board; returns the counts and the time."""
    started = time.monotonic()
    while True:
        found = await counts(admin_dsn, databases, accepted)
        if (found["not_routed"] == 0 and found["not_on_board"] == 0) or time.monotonic() - started > within:
            return found, time.monotonic() - started
        await asyncio.sleep(0.5)


@dataclass
class LagSampler:
    """Samples, every `every` seconds, how many cases dispatch has and how many the board shows; the
    board's lag is taken from both: in cases, and in seconds since dispatch first had more cases
    than the board shows now."""

    dispatch_dsn: str
    tracking_dsn: str
    every: float = 0.25
    samples: list[tuple[float, int, int]] = field(default_factory=list)

    def start(self) -> LagSampler:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(30)

    async def _run(self) -> None:
        dispatch = await asyncpg.connect(self.dispatch_dsn)
        tracking = await asyncpg.connect(self.tracking_dsn)
        try:
            while not self._stop.is_set():
                cases = await dispatch.fetchval("SELECT count(*) FROM cases")
                shown = await tracking.fetchval("SELECT count(*) FROM board_cases")
                self.samples.append((time.monotonic(), int(cases), int(shown)))
                await asyncio.sleep(self.every)
        finally:
            await dispatch.close()
            await tracking.close()

    @property
    def cases_behind(self) -> int:
        return max((cases - shown for _, cases, shown in self.samples), default=0)

    @property
    def seconds_behind(self) -> float:
        worst = 0.0
        for at, cases, shown in self.samples:
            if shown >= cases:
                continue
            first = next(t for t, c, _ in self.samples if c > shown)
            worst = max(worst, at - first)
        return worst
