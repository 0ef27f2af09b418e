"""议事's two periodic jobs, beside the routes:

- the filing relay: a case action's report is filed through intake's public API, exactly as the whistle
  relay files a whistled need (entrypoints/whistles.py: the intent written with the action, leased with
  SKIP LOCKED, an Idempotency-Key derived from the action id so a retry never files twice, doubling
  back-off). Intake's report create takes no extra fields, so the topic id stays on our side: the
  action keeps the report id intake answered with and learns the case from dispatch's events;
- the overdue sweep: actions past due and not done are flagged once each (action.overdue, which
  notify can turn into a message to the owner), each topic in its own unit of work."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx

from chuishao_community.domain.topic_commands import FlagOverdueActions, NoteActionFiled, NoteActionFilingFailed
from chuishao_community.entrypoints.whistles import WhistleRelay
from chuishao_community.service_layer.handlers import CommunityBus
from chuishao_shared.service_layer.periodic import PeriodicTask
from chuishao_shared.tls import client_tls

log = logging.getLogger(__name__)
NAMESPACE = uuid.UUID("0b7e4a63-61f4-4c55-9d0e-3c8a2f1e7d42")


def idempotency_key(action_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"topic-action:{action_id}"))


class FilingRelay(WhistleRelay):
    """The whistle relay's way of filing, for case actions."""

    async def file_due(self, batch: int = 20, lease: timedelta = timedelta(minutes=2)) -> int:
        now = self.bus.context.now()
        async with self.bus.uow() as uow:
            due = await uow.topic_filings.lease_due(now, now + lease, batch)
            await uow.commit()
        if not due:  # the usual poll: no client made (each costs a TLS context, about 10 ms of CPU)
            return 0
        filed = 0
        async with httpx.AsyncClient(
            base_url=self.intake_url, transport=self.transport, timeout=10, verify=client_tls()
        ) as client:
            for action_id, topic_id, body, attempts in due:
                try:
                    report = await self.file_action(client, action_id, {**body, "topic_id": topic_id})
                except Exception as error:  # refused or unreachable: back off and try again
                    retry_at = now + timedelta(seconds=min(2**attempts * 5, 3600))
                    reason = f"{type(error).__name__}: {error}"
                    await self.bus.handle(NoteActionFilingFailed(action_id=action_id, error=reason, retry_at=retry_at))
                    log.warning("filing topic action %s failed (attempt %d): %s", action_id, attempts + 1, reason)
                    continue
                await self.bus.handle(
                    NoteActionFiled(
                        action_id=action_id,
                        topic_id=topic_id,
                        report_id=str(report["id"]),
                        case_id=report.get("case_id"),
                    )
                )
                filed += 1
        return filed

    async def file_action(self, client: httpx.AsyncClient, action_id: str, body: dict[str, Any]) -> dict[str, Any]:
        report = {
            "category": body["category"],
            "grid": body["grid"],
            "description": body["description"],
            "severity": "minor",
            "place": {"building": body["building"]} if body.get("building") else {},
        }
        if body.get("topic_id"):
            report["topic_id"] = body["topic_id"]  # the case carries it on its timeline
        response = await client.post(
            "/v1/reports",
            json=report,
            headers={
                "Authorization": f"Bearer {self._token_for(body['grid'])}",
                "Idempotency-Key": idempotency_key(action_id),
            },
        )
        if response.status_code not in (200, 201):
            raise RuntimeError(f"intake answered {response.status_code}: {response.text[:200]}")
        answer: dict[str, Any] = response.json()
        return answer

    def task(self, every: float) -> PeriodicTask:
        return PeriodicTask("topic filing relay", self.file_due, every)


async def sweep_overdue(bus: CommunityBus, now: datetime | None = None, *, batch: int = 100) -> int:
    """Flag every late action once; returns the events written."""
    now = now or bus.context.now()
    async with bus.uow() as uow:
        topics = await uow.topics.with_late_actions(now, batch)
    written = 0
    for topic_id in topics:
        try:
            written += await bus.handle(FlagOverdueActions(topic_id=topic_id, now=now))
        except Exception:
            log.exception("the overdue sweep of topic %s failed; it is tried again on the next round", topic_id)
    return written


def overdue_task(bus: CommunityBus, every: float) -> PeriodicTask:
    return PeriodicTask("topic overdue sweep", lambda: sweep_overdue(bus), every, failure_level=logging.ERROR)
