"""Figure 1: the raw baseline. asyncpg, a pool of 16 connections, each transaction inserting one
`reports` row and one `outbox` row with the same columns and the same sizes as intake writes them
(intake's own envelope code builds a few hundred template rows before the clock starts; each
transaction swaps fresh ids in, which costs the client microseconds). Optionally the
"full" variant adds the other statements intake's transaction runs (idempotency row and NOTIFY), to
separate database cost from Python cost."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import asyncpg
from common import percentile, report_body

from chuishao_shared.events import new_envelope
from chuishao_shared.events.envelope import STRUCTURED_CONTENT_TYPE
from chuishao_shared.events.topics import topic_for
from chuishao_shared.reference import load_reference

REPORT_SQL = (
    "INSERT INTO reports (id, reporter, category, grid, community, description, severity, place, resident, "
    "photos, handled_on_site, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, "
    "$11, $12)"
)
OUTBOX_SQL = (
    "INSERT INTO outbox (event_id, topic, key, event_type, payload, headers) VALUES ($1, $2, $3, $4, $5, $6::jsonb)"
)
IDEMPOTENCY_SQL = (
    "INSERT INTO idempotency_keys (subject, key, request_hash, status_code, response) "
    "VALUES ($1, $2, $3, 201, $4::jsonb) ON CONFLICT DO NOTHING RETURNING 1"
)
NOTIFY_SQL = "NOTIFY chuishao_outbox_bench"


class RowFactory:
    """What intake's `file_report` stores per request: a report row, an outbox row (the envelope
    built by intake's own code) and the idempotency row. A few hundred templates are built the slow
    way; each transaction then gets fresh ids swapped in (same lengths, so the same sizes)."""

    def __init__(self, grids: list[str], categories: list[str], templates: int = 256) -> None:
        ref = load_reference()
        self.templates = []
        for index in range(templates):
            body = report_body(index, grids, categories)
            now = datetime.now(UTC)
            report_id, event_id = uuid.uuid4(), uuid.uuid4()
            community = ref.community_of(body["grid"]).code
            event = new_envelope(
                "report.received",
                source="/chuishao/intake",
                subject=str(report_id),
                sequence=1,
                at=now,
                data={
                    "report_id": str(report_id),
                    "category": body["category"],
                    "grid": body["grid"],
                    "community": community,
                    "description": body["description"],
                    "severity": body["severity"],
                    "place": body["place"],
                    "photos": body["photos"],
                    "handled_on_site": False,
                    "reporter": "bench-grid-worker",
                    "has_resident_contact": False,
                    "received_at": now,
                },
            )
            event = event.model_copy(update={"id": event_id})
            response = {
                "id": str(report_id),
                **body,
                "community": community,
                "resident": None,
                "handled_on_site": False,
                "status": "received",
                "created_at": now.isoformat(),
                "case_id": None,
                "case_status": None,
                "verification": None,
                "feedback": None,
            }
            self.templates.append(
                {
                    "report_id": str(report_id).encode(),
                    "event_id": str(event_id).encode(),
                    "body": body,
                    "community": community,
                    "payload": event.to_bytes(),
                    "response": json.dumps(response, default=str, ensure_ascii=False),
                    "place": json.dumps(body["place"], ensure_ascii=False),
                    "photos": json.dumps(body["photos"]),
                }
            )
        self.headers = json.dumps(
            {"content-type": STRUCTURED_CONTENT_TYPE, "traceparent": "00-" + "0" * 31 + "1-" + "0" * 15 + "1-01"}
        )

    def row(self, index: int) -> dict[str, Any]:
        t = self.templates[index % len(self.templates)]
        report_id, event_id = uuid.uuid4(), uuid.uuid4()
        rid = str(report_id)
        payload = t["payload"].replace(t["report_id"], rid.encode()).replace(t["event_id"], str(event_id).encode())
        body = t["body"]
        return {
            "report": (
                report_id,
                "bench-grid-worker",
                body["category"],
                body["grid"],
                t["community"],
                body["description"],
                body["severity"],
                t["place"],
                None,
                t["photos"],
                False,
                datetime.now(UTC),
            ),
            "outbox": (event_id, topic_for("report.received"), rid, "report.received", payload, self.headers),
            "idempotency": (
                "bench-grid-worker",
                uuid.uuid4().hex,
                "f" * 64,
                t["response"].replace(t["report_id"].decode(), rid),
            ),
        }


async def _transaction(conn: asyncpg.Connection, row: dict[str, Any], full: bool) -> None:
    async with conn.transaction():
        if full:
            await conn.fetchval(IDEMPOTENCY_SQL, *row["idempotency"])
        await conn.execute(REPORT_SQL, *row["report"])
        await conn.execute(OUTBOX_SQL, *row["outbox"])
        if full:
            await conn.execute(NOTIFY_SQL)


async def run_raw(
    dsn: str,
    rows: RowFactory,
    *,
    connections: int = 16,
    seconds: float = 5.0,
    max_transactions: int = 200_000,
    full: bool = False,
) -> dict[str, Any]:
    """Each of `connections` workers holds one pooled connection and commits transactions for
    `seconds` (or `max_transactions`). Returns transactions/s and latency percentiles."""
    pool = await asyncpg.create_pool(dsn, min_size=connections, max_size=connections)
    latencies: list[float] = []
    counter = iter(range(max_transactions))
    try:
        started = time.perf_counter()
        deadline = started + seconds

        async def worker() -> None:
            async with pool.acquire() as conn:
                for index in counter:
                    row = rows.row(index)
                    t0 = time.perf_counter()
                    await _transaction(conn, row, full)
                    latencies.append(time.perf_counter() - t0)
                    if t0 > deadline:
                        return

        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    finally:
        await pool.close()
    return {
        "transactions": len(latencies),
        "seconds": elapsed,
        "per_second": len(latencies) / elapsed,
        "p50_ms": 1000 * (percentile(latencies, 50) or 0),
        "p99_ms": 1000 * (percentile(latencies, 99) or 0),
        "connections": connections,
        "full": full,
    }
