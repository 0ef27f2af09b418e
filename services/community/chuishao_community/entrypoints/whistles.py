"""The whistle relay (吹哨): files each whistled need's report through intake's public API.

The intent is a `whistles` row written in the same transaction as the need's change, so nothing is
lost; this relay claims due rows (FOR UPDATE SKIP LOCKED), posts `POST /v1/reports` with an
Idempotency-Key derived from the need id (a retry after a lost answer never files twice), and stores
the report id on the need. A refusal or an outage is retried with doubling back-off. The resident's
contact is never sent: the report carries the category, grid, building and the whistle's description.

Intake files reports for grid workers in their own grids; the relay signs in as a service account
with the need's grid: `CHUISHAO_COMMUNITY_INTAKE_TOKEN` (a token from the city's identity provider),
else, in development and tests, a short-lived token it mints with the shared development secret."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

import httpx

from chuishao_community.domain.commands import NoteWhistleFailed, NoteWhistleFiled
from chuishao_community.service_layer.handlers import CommunityBus
from chuishao_shared.auth import mint_token
from chuishao_shared.observability import WHISTLES_FILED
from chuishao_shared.service_layer.periodic import PeriodicTask
from chuishao_shared.settings import Settings
from chuishao_shared.tls import client_tls

log = logging.getLogger(__name__)
NAMESPACE = uuid.UUID("6f1c2a4e-5b0d-4c1e-9a57-0c0f6e3d2b11")
SERVICE_SUBJECT = "svc-community"


def idempotency_key(need_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"whistle:{need_id}"))


class WhistleRelay:
    def __init__(self, bus: CommunityBus, settings: Settings, intake_url: str, token: str | None) -> None:
        self.bus = bus
        self.settings = settings
        self.intake_url = intake_url.rstrip("/")
        self.token = token
        # Tests hand in an in-process transport to intake's app.
        self.transport: httpx.AsyncBaseTransport | None = None

    def _token_for(self, grid: str) -> str:
        if self.token:
            return self.token
        return mint_token(self.settings, sub=SERVICE_SUBJECT, role="grid_worker", grids=[grid], ttl_seconds=300)

    async def file_due(self, batch: int = 20, lease: timedelta = timedelta(minutes=2)) -> int:
        """File every due whistle; returns how many were filed. The rows are leased first (committed),
        so no transaction stays open while intake answers."""
        now = self.bus.context.now()
        async with self.bus.uow() as uow:
            due = await uow.whistles.lease_due(now, now + lease, batch)
            await uow.commit()
        if not due:  # the usual poll: no client made (each costs a TLS context, about 10 ms of CPU)
            return 0
        filed = 0
        async with httpx.AsyncClient(
            base_url=self.intake_url, transport=self.transport, timeout=10, verify=client_tls()
        ) as client:
            for need_id, body, attempts in due:
                try:
                    report = await self._file(client, need_id, body)
                except Exception as error:  # refused or unreachable: back off and try again
                    WHISTLES_FILED.labels("retried").inc()
                    retry_at = now + timedelta(seconds=min(2**attempts * 5, 3600))
                    reason = f"{type(error).__name__}: {error}"
                    await self.bus.handle(NoteWhistleFailed(need_id=need_id, error=reason, retry_at=retry_at))
                    log.warning("filing the whistle of need %s failed (attempt %d): %s", need_id, attempts + 1, reason)
                    continue
                await self.bus.handle(
                    NoteWhistleFiled(need_id=need_id, report_id=str(report["id"]), case_id=report.get("case_id"))
                )
                WHISTLES_FILED.labels("filed").inc()
                filed += 1
        return filed

    async def _file(self, client: httpx.AsyncClient, need_id: str, body: dict[str, Any]) -> dict[str, Any]:
        report = {
            "category": body["category"],
            "grid": body["grid"],
            "description": body["description"],
            "severity": "minor",
            "place": {"building": body["building"]} if body.get("building") else {},
        }
        response = await client.post(
            "/v1/reports",
            json=report,
            headers={
                "Authorization": f"Bearer {self._token_for(body['grid'])}",
                "Idempotency-Key": idempotency_key(need_id),
            },
        )
        if response.status_code not in (200, 201):
            raise RuntimeError(f"intake answered {response.status_code}: {response.text[:200]}")
        answer: dict[str, Any] = response.json()
        return answer

    def task(self, every: float) -> PeriodicTask:
        return PeriodicTask("whistle relay", self.file_due, every)
