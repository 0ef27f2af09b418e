"""Intake, dispatch and notify together in-process on the same topics, and notify's test steps."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from chuishao_notify.bootstrap import MIGRATIONS, NotifySettings, build_app
from chuishao_shared.auth import mint_token
from support.factories import bearer
from support.infra import Infra
from support.services import RunningService, running, start_service
from support.system import LEAD, System, system

SECRET = "whsec-test-4d6f0c1a9b8e7d2c"
SH = ZoneInfo("Asia/Shanghai")
MOBILES = ("13800138011", "13800138012", "13800138013", "13800138014", "13800138015")


@dataclass
class NotifySystem:
    system: System
    notify: RunningService

    def admin(self) -> dict[str, str]:
        return bearer(mint_token(self.notify.settings, sub="admin-1", role="admin"))

    def liaison(self, department: str) -> dict[str, str]:
        return bearer(mint_token(self.notify.settings, sub=f"l-{department}", role="liaison", department=department))

    async def subscribe(self, **body: Any) -> dict[str, Any]:
        body.setdefault("format", "generic")
        body.setdefault("secret", SECRET)
        response = await self.notify.client.post(
            "/v1/webhooks", json=body, headers={**self.admin(), "Idempotency-Key": str(uuid.uuid4())}
        )
        assert response.status_code == 201, response.text
        return response.json()

    async def deliveries(self, subscription_id: str) -> list[dict[str, Any]]:
        response = await self.notify.client.get(f"/v1/webhooks/{subscription_id}/deliveries", headers=self.admin())
        assert response.status_code == 200, response.text
        return response.json()["items"]


async def start_notify(infra: Infra, prefix: str, **overrides: Any) -> tuple[NotifySettings, Any]:
    values: dict[str, Any] = {
        "topic_prefix": prefix,
        "delivery_poll_seconds": 0.1,
        "reminder_poll_seconds": 0.2,
        "retry_base_seconds": 0.2,
        "request_timeout_seconds": 2.0,
        "dispatch_public_url": "https://chuishao.example",
        # The test receivers listen on loopback, which notify refuses unless allowed (docs/notifications.md).
        "webhook_allowed_networks": "127.0.0.1/32",
    }
    settings, app = await start_service(infra, NotifySettings, build_app, MIGRATIONS, **{**values, **overrides})
    return settings, app  # type: ignore[return-value]


@contextlib.asynccontextmanager
async def notify_system(
    infra: Infra, *, dispatch: dict[str, Any] | None = None, **notify_overrides: Any
) -> AsyncIterator[NotifySystem]:
    # Every filed report is its own matter here: no duplicate merging.
    async with system(infra, duplicate_window_minutes=0, **(dispatch or {})) as both:
        settings, app = await start_notify(infra, both.dispatch.settings.topic_prefix, **notify_overrides)
        async with running(app, settings) as notify:
            await _consumer_ready(app)
            yield NotifySystem(both, notify)


async def _consumer_ready(app: Any) -> None:
    import asyncio

    for consumer in app.state.runtime.consumers:
        await asyncio.wait_for(consumer.ready.wait(), 30)


async def seed_duty_rosters(notify: httpx.AsyncClient, admin: dict[str, str], desk: str) -> None:
    """LEAD's roster as the duty views show it (notify's /duty/, the console's /console/duty): level 1 days
    for 王值班 and 李值班 in turn and weekday nights for 赵夜班 (the weekend nights are gaps), an override
    tomorrow, level 2 钱二线 all day, each with a mobile (MOBILES) that no page may show; the desk's roster;
    and a policy stepping level 1 → level 2 → the head → the desk every 3 s."""
    today = datetime.now(SH).replace(hour=0, minute=0, second=0, microsecond=0)
    monday = today - timedelta(days=today.weekday() + 7)
    layers = [
        # Level 1: days 08:00–20:00 for two in turn; weekday nights for a third — the weekend nights are gaps.
        {"level": 1, "name": "白班", "rrule": "FREQ=DAILY", "shift_minutes": 720, "members": ["m-a", "m-b"],
         "starts": (monday + timedelta(hours=8)).isoformat()},
        {"level": 1, "name": "夜班", "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "shift_minutes": 720,
         "members": ["m-c"], "starts": (monday + timedelta(hours=20)).isoformat()},
        {"level": 2, "name": "二线", "rrule": "FREQ=DAILY", "shift_minutes": 1440, "members": ["m-d"],
         "starts": monday.isoformat()},
    ]  # fmt: skip
    for layer in layers:
        answer = await notify.post(f"/v1/rosters/{LEAD}/layers", json=layer, headers=admin)
        assert answer.status_code == 201, answer.text
    swap = {
        "level": 1,
        "member": "m-c",
        "starts": (today + timedelta(days=1, hours=8)).isoformat(),
        "ends": (today + timedelta(days=1, hours=20)).isoformat(),
        "reason": "换班",
    }
    answer = await notify.post(f"/v1/rosters/{LEAD}/overrides", json=swap, headers=admin)
    assert answer.status_code == 201, answer.text
    people = {"m-a": "王值班", "m-b": "李值班", "m-c": "赵夜班", "m-d": "钱二线", "m-head": "孙主任"}
    for (member, name), mobile in zip(people.items(), MOBILES, strict=True):
        answer = await notify.put(
            f"/v1/rosters/{LEAD}/people/{member}", json={"name": name, "mobile": mobile}, headers=admin
        )
        assert answer.status_code == 200, answer.text
    desk_layer = {"level": 1, "name": "值班台", "rrule": "FREQ=DAILY", "shift_minutes": 1440, "members": ["m-desk"],
                  "starts": monday.isoformat()}  # fmt: skip
    assert (await notify.post(f"/v1/rosters/{desk}/layers", json=desk_layer, headers=admin)).status_code == 201
    policy = {
        "steps": [
            {"kind": "level", "level": 1, "wait_minutes": 0.05},
            {"kind": "level", "level": 2, "wait_minutes": 0.05},
            {"kind": "head", "wait_minutes": 0.05},
            {"kind": "desk", "wait_minutes": 30},
        ],
        "repeats": 0,
        "head": "m-head",
        "reason": "duty page test",
    }
    answer = await notify.put(f"/v1/escalation-policies/{LEAD}", json=policy, headers=admin)
    assert answer.status_code == 200, answer.text
