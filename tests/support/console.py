"""Steps the console tests share: tokens, sign-in links, filing a report and finding its case."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings
from support.factories import bearer, report_body

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def token(settings: Settings, role: str, **claims: Any) -> str:
    return mint_token(settings, sub=f"{role}-{uuid.uuid4().hex[:6]}", role=role, **claims)


def liaison_token(settings: Settings, department: str) -> str:
    return token(settings, "liaison", department=department)


def dispatcher_token(settings: Settings, jurisdiction: str = "XY") -> str:
    return token(settings, "dispatcher", jurisdiction=jurisdiction)


def sign_in_link(dispatch_url: str, jwt: str, lang: str = "zh") -> str:
    query = "?lang=en" if lang == "en" else ""
    return f"{dispatch_url}/console/{query}#token={jwt}"


async def file_report(intake: httpx.AsyncClient, worker: str, **overrides: Any) -> dict[str, Any]:
    response = await intake.post(
        "/v1/reports",
        json=report_body(**overrides),
        headers={**bearer(worker), "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    return response.json()


async def case_id_of(intake: httpx.AsyncClient, worker: str, report_id: str, within: float = 45.0) -> str:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        report = (await intake.get(f"/v1/reports/{report_id}", headers=bearer(worker))).json()
        if report.get("case_id"):
            return str(report["case_id"])
        await asyncio.sleep(0.05)
    raise AssertionError(f"report {report_id} got no case within {within}s")


async def events_of(settings: Settings, case_id: str, event_type: str) -> int:
    """How many events of this type dispatch wrote for the case (its outbox, keyed by case id)."""
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        return int(
            await conn.fetchval("SELECT count(*) FROM outbox WHERE key = $1 AND event_type = $2", case_id, event_type)
        )
    finally:
        await conn.close()
