"""The webhooks API: validation as problem+json naming the field, Idempotency-Key, the write-only
secret, object-level access to the delivery log, the test message and unsubscribing."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from chuishao_shared.auth import mint_token
from support.factories import bearer
from support.infra import Infra, unique
from support.notify import SECRET, start_notify
from support.receiver import receiver
from support.services import RunningService, running
from support.system import eventually

LEAD = "XY-WQ-WY-WY"


@pytest.fixture
async def notify(infra: Infra) -> AsyncIterator[RunningService]:
    settings, app = await start_notify(infra, unique("t") + ".")
    async with running(app, settings) as service:
        yield service


def admin(service: RunningService) -> dict[str, str]:
    return bearer(mint_token(service.settings, sub="admin-1", role="admin"))


def liaison(service: RunningService, department: str) -> dict[str, str]:
    return bearer(mint_token(service.settings, sub=f"l-{department}", role="liaison", department=department))


async def count(service: RunningService) -> int:
    return len((await service.client.get("/v1/webhooks", headers=admin(service))).json()["items"])


BAD = [
    ({"department": LEAD, "url": "ftp://h/x"}, "url"),
    ({"department": LEAD, "url": "https://user:pw@h/x"}, "url"),
    ({"department": "NOPE", "url": "https://h/x"}, "department"),
    ({"url": "https://h/x"}, "department"),
    ({"department": LEAD, "jurisdiction": "XY", "url": "https://h/x"}, "department"),
    ({"jurisdiction": "XY-WQ-WY-G01", "url": "https://h/x"}, "jurisdiction"),
    ({"department": LEAD, "url": "https://h/x", "format": "sms"}, "format"),
    ({"department": LEAD, "url": "https://h/x", "secret": "short"}, "secret"),
    ({"department": LEAD, "url": "https://h/x", "secret": None}, "secret"),
    ({"department": LEAD, "url": "https://h/x", "events": ["closed"]}, "events.0"),
    ({"department": LEAD, "url": "https://h/x", "events": []}, "events"),
    ({"department": LEAD, "url": "https://h/x", "colour": "red"}, "colour"),
]


async def test_bad_subscriptions_are_refused_naming_the_field_and_store_nothing(notify: RunningService) -> None:
    for bad, field in BAD:
        body = {"secret": SECRET, **bad}
        response = await notify.client.post("/v1/webhooks", json=body, headers=admin(notify))
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == [field], bad
        assert SECRET not in response.text
    assert await count(notify) == 0


async def test_only_admins_subscribe_and_a_liaison_sees_only_its_department(notify: RunningService) -> None:
    body = {"department": LEAD, "url": "https://hooks.example/in?token=abc", "secret": SECRET}
    refused = await notify.client.post("/v1/webhooks", json=body, headers=liaison(notify, LEAD))
    assert refused.status_code == 403
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = await notify.client.post("/v1/webhooks", json=body, headers={**admin(notify), **key})
    again = await notify.client.post("/v1/webhooks", json=body, headers={**admin(notify), **key})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and await count(notify) == 1
    other = await notify.client.post("/v1/webhooks", json={**body, "format": "wecom"}, headers={**admin(notify), **key})
    assert other.status_code == 409
    created = first.json()
    assert SECRET not in first.text and "secret" not in created and created["has_secret"] is True
    assert created["url"] == "https://hooks.example/in?token=***"
    sub_id = created["id"]

    own = await notify.client.get("/v1/webhooks", headers=liaison(notify, LEAD))
    assert [s["id"] for s in own.json()["items"]] == [sub_id]
    foreign = await notify.client.get("/v1/webhooks", headers=liaison(notify, "XY-GPS"))
    assert foreign.json()["items"] == []
    assert (
        await notify.client.get(f"/v1/webhooks/{sub_id}/deliveries", headers=liaison(notify, LEAD))
    ).status_code == 200
    hidden = await notify.client.get(f"/v1/webhooks/{sub_id}/deliveries", headers=liaison(notify, "XY-GPS"))
    assert hidden.status_code == 404
    assert (await notify.client.get("/v1/webhooks/not-a-uuid", headers=admin(notify))).status_code == 404


async def test_the_test_message_goes_through_the_log_and_unsubscribing_stops_everything(notify: RunningService) -> None:
    with receiver() as got:
        created = await notify.client.post(
            "/v1/webhooks", json={"department": LEAD, "url": got.url, "secret": SECRET}, headers=admin(notify)
        )
        sub_id = created.json()["id"]
        key = {"Idempotency-Key": str(uuid.uuid4())}
        sent = await notify.client.post(f"/v1/webhooks/{sub_id}/test", headers={**admin(notify), **key})
        replayed = await notify.client.post(f"/v1/webhooks/{sub_id}/test", headers={**admin(notify), **key})
        assert sent.status_code == 202 and sent.json() == replayed.json()
        await eventually(lambda: _async(got.requests))
        assert got.requests[0].headers["Chuishao-Event-Type"] == "webhook.test"
        assert got.requests[0].headers["Chuishao-Event-Id"] == sent.json()["event_id"]

        async def delivered() -> list | None:
            log = (await notify.client.get(f"/v1/webhooks/{sub_id}/deliveries", headers=admin(notify))).json()
            return log["items"] if log["items"] and log["items"][0]["status"] == "delivered" else None

        items = await eventually(delivered)
        assert len(items) == 1 and items[0]["type"] == "test" and len(items[0]["attempts"]) == 1

        assert (await notify.client.delete(f"/v1/webhooks/{sub_id}", headers=liaison(notify, LEAD))).status_code == 403
        assert (await notify.client.delete(f"/v1/webhooks/{sub_id}", headers=admin(notify))).status_code == 204
        assert (await notify.client.delete(f"/v1/webhooks/{sub_id}", headers=admin(notify))).status_code == 404
        assert await count(notify) == 0
        gone = await notify.client.post(f"/v1/webhooks/{sub_id}/test", headers=admin(notify))
        assert gone.status_code == 404


async def test_a_429_is_retried_no_sooner_than_its_retry_after(notify: RunningService) -> None:
    # The backoff after one failure would be 0.1–0.2 s here; the receiver asks for 2 s.
    with receiver(statuses=[429], retry_after="2") as busy:
        created = await notify.client.post(
            "/v1/webhooks", json={"department": LEAD, "url": busy.url, "secret": SECRET}, headers=admin(notify)
        )
        sent = await notify.client.post(f"/v1/webhooks/{created.json()['id']}/test", headers=admin(notify))
        await eventually(lambda: _async(len(busy.requests) >= 2))
        first, second = busy.requests[:2]
        assert 2.0 <= second.at - first.at < 5.0, second.at - first.at
        assert first.headers["Chuishao-Event-Id"] == second.headers["Chuishao-Event-Id"] == sent.json()["event_id"]


async def _async(value: object) -> object:
    return value
