"""Personal data stays home: no resident's name, phone or address and no member's name or phone on
chuishao.community.v1 (read from the broker) or in the captured logs. And the whistle (吹哨): a need
that is a department's job is filed through intake's public API, once, however often it is retried."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer

from chuishao_community.entrypoints.whistles import idempotency_key
from chuishao_shared.events import COMMUNITY_TOPIC
from chuishao_shared.observability import JsonFormatter
from support.community import active_volunteer, keyed, member_body, record_need, staff, volunteer
from support.db import count
from support.services import RunningService
from support.system import eventually

RESIDENT = {"name": "欧阳璟琰", "phone": "13677778888", "address": "滨河小区9号楼3单元502"}
MEMBER = {"name": "司马翊蓁", "phone": "13566665555"}


async def _topic(settings: Any, expected: int) -> list[str]:
    consumer = AIOKafkaConsumer(
        settings.topic(COMMUNITY_TOPIC),
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=str(uuid.uuid4()),
        auto_offset_reset="earliest",
    )
    await consumer.start()
    values: list[str] = []
    try:

        async def enough() -> bool:
            batch = await consumer.getmany(timeout_ms=300)
            values.extend(m.value.decode() for messages in batch.values() for m in messages)
            return len(values) >= expected

        await eventually(enough, timeout=30)
    finally:
        await consumer.stop()
    return values


async def test_no_personal_data_on_the_topic_or_in_the_logs(
    community: RunningService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client, s = community.client, community.settings
    helper = volunteer(s)
    registered = await client.post("/v1/members", json=member_body(**MEMBER), headers=keyed(helper))
    assert registered.status_code == 201, registered.text
    member_id = registered.json()["id"]
    await client.post(f"/v1/members/{member_id}/confirm", headers=keyed(staff(s)))
    need = await record_need(
        client, s, resident=RESIDENT, description="需要帮忙买菜", building="9号楼", privacy="staff_confirms"
    )
    claimed = (await client.post(f"/v1/needs/{need['id']}/claim", json={}, headers=keyed(helper))).json()
    claim_id = claimed["claims"][0]["id"]
    steps = [
        (f"/v1/needs/{need['id']}/claims/{claim_id}/confirm", staff(s), {}),
        (f"/v1/needs/{need['id']}/start", helper, {}),
        (f"/v1/needs/{need['id']}/done", helper, {"note": f"已联系{RESIDENT['phone']}", "hours": 1.5}),
        (f"/v1/needs/{need['id']}/confirm", staff(s), {"satisfaction": "satisfied", "note": RESIDENT["name"]}),
    ]
    for path, headers, body in steps:
        answered = await client.post(path, json=body, headers=keyed(headers))
        assert answered.status_code == 200, answered.text
    other = await record_need(client, s, resident=RESIDENT)
    await client.post(
        f"/v1/needs/{other['id']}/cancel", json={"reason": f"{RESIDENT['name']}搬走了"}, headers=keyed(staff(s))
    )
    # A refused request with personal data in it is logged as refused, never with its body.
    await client.post("/v1/needs", json={"resident": RESIDENT, "grid": "NOPE"}, headers=keyed(staff(s)))

    published = await count(s, "outbox")
    assert published >= 10
    values = await _topic(s, published)
    assert {json.loads(v)["type"] for v in values} >= {"need.confirmed", "hours.recorded", "member.registered"}
    logs = "\n".join(JsonFormatter("community").format(r) for r in caplog.records)
    secrets = [*RESIDENT.values(), *MEMBER.values(), "13677778888"[-8:]]
    for where, text in (("topic", "\n".join(values)), ("logs", logs)):
        leaked = [secret for secret in secrets if secret in text]
        assert not leaked, (where, leaked)
    assert need["id"] in "\n".join(values)  # the events are there, keyed by the need


async def test_a_whistled_need_is_filed_through_intake_once(community: RunningService, intake: RunningService) -> None:
    client, s = community.client, community.settings
    relay = community.app.state.whistles
    relay.transport = httpx.ASGITransport(app=intake.app)
    helper, _ = await active_volunteer(client, s)
    need = await record_need(client, s, resident=RESIDENT)
    await client.post(f"/v1/needs/{need['id']}/claim", json={}, headers=keyed(helper))
    body = {"category": "FAC-SEWER-BLOCKED", "description": "7号楼前下水管道堵塞，污水外溢，需要水务部门处理"}
    whistled = await client.post(f"/v1/needs/{need['id']}/whistle", json=body, headers=keyed(staff(s)))
    assert whistled.status_code == 200, whistled.text
    assert whistled.json()["status"] == "whistled" and whistled.json()["claims"][0]["status"] == "cancelled"
    assert await count(s, "whistles") == 1  # the intent, written with the need's change

    assert await relay.file_due() == 1
    assert await relay.file_due() == 0  # filed: never again
    seen = (await client.get(f"/v1/needs/{need['id']}", headers=staff(s))).json()
    report_id = seen["report_id"]
    assert report_id
    assert await count(intake.settings, "reports") == 1
    report = await count(intake.settings, "reports", f"id::text = '{report_id}' AND category = 'FAC-SEWER-BLOCKED'")
    assert report == 1
    # A retry after a lost answer: the same Idempotency-Key gets intake's first answer, not a second report.
    async with httpx.AsyncClient(base_url="http://intake", transport=relay.transport) as http:
        again = await relay._file(http, need["id"], {**body, "grid": need["grid"], "building": need["building"]})
    assert str(again["id"]) == report_id and await count(intake.settings, "reports") == 1
    # The resident's contact stayed home.
    assert await count(intake.settings, "reports", "resident IS NOT NULL AND resident::text <> 'null'") == 0
    assert idempotency_key(need["id"]) == idempotency_key(need["id"])


async def test_a_refused_whistle_is_retried_later(community: RunningService) -> None:
    client, s = community.client, community.settings
    relay = community.app.state.whistles

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, json={"title": "down"})

    relay.transport = httpx.MockTransport(refuse)
    need = await record_need(client, s)
    body = {"category": "FAC-SEWER-BLOCKED", "description": "下水堵塞"}
    assert (await client.post(f"/v1/needs/{need['id']}/whistle", json=body, headers=keyed(staff(s)))).status_code == 200
    assert await relay.file_due() == 0
    assert await count(s, "whistles", "attempts = 1 AND last_error IS NOT NULL AND next_attempt_at > now()") == 1
    assert await relay.file_due() == 0  # not due again yet
