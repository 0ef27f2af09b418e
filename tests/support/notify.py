"""Intake, dispatch and notify together in-process on the same topics, and notify's test steps."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from chuishao_notify.bootstrap import MIGRATIONS, NotifySettings, build_app
from chuishao_shared.auth import mint_token
from support.factories import bearer
from support.infra import Infra
from support.services import RunningService, running, start_service
from support.system import System, system

SECRET = "whsec-test-4d6f0c1a9b8e7d2c"


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
