"""The services' real messages on the real broker read as CloudEvents with the official SDK's Kafka
binding (structured content mode), through a case's whole life: filed, opened, dispatched, acknowledged,
resolved, verified, closed, feedback."""

from __future__ import annotations

import uuid

from aiokafka import AIOKafkaConsumer
from cloudevents.core.bindings.kafka import KafkaMessage, from_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from chuishao_shared.events import CASES_TOPIC, REPORTS_TOPIC
from support.factories import bearer, worker_token
from support.infra import Infra
from support.system import LEAD, case_of, eventually, file, liaison, system

LIFE = {
    "report.received",
    "case.opened",
    "case.dispatched",
    "case.acknowledged",
    "case.resolved",
    "report.verified",
    "case.closed",
    "report.feedback",
}


async def test_a_case_life_on_the_wire_reads_with_the_cloudevents_sdk(infra: Infra) -> None:
    async with system(infra) as chuishao:
        token = worker_token(chuishao.intake.settings)
        report = await file(chuishao, token)
        case = await case_of(chuishao, token, report["id"], "dispatched")
        path = f"/v1/cases/{case['id']}"
        await chuishao.dispatch.client.post(f"{path}/acknowledge", json={}, headers=liaison(chuishao, LEAD))
        await chuishao.dispatch.client.post(
            f"{path}/resolve",
            json={"note": "已清理", "photos": ["https://img.example.cn/after.jpg"]},
            headers=liaison(chuishao, LEAD),
        )
        await case_of(chuishao, token, report["id"], "resolved")
        verification = {"result": "fixed", "note": "已整改"}
        url = f"/v1/reports/{report['id']}"
        await chuishao.intake.client.post(f"{url}/verification", json=verification, headers=bearer(token))
        await case_of(chuishao, token, report["id"], "closed")
        feedback = {"satisfaction": "satisfied"}
        await chuishao.intake.client.post(f"{url}/feedback", json=feedback, headers=bearer(token))

        settings = chuishao.intake.settings
        consumer = AIOKafkaConsumer(
            settings.topic(REPORTS_TOPIC),
            settings.topic(CASES_TOPIC),
            bootstrap_servers=settings.kafka_bootstrap_servers,
            group_id=str(uuid.uuid4()),
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        events: list[CloudEvent] = []
        try:

            async def whole_life() -> bool:
                batch = await consumer.getmany(timeout_ms=500)
                for record in (r for records in batch.values() for r in records):
                    headers = {name: value for name, value in record.headers}
                    assert headers["content-type"].startswith(b"application/cloudevents+json")
                    message = KafkaMessage(headers=headers, key=record.key, value=record.value)
                    events.append(from_kafka(message, JSONFormat(), CloudEvent))  # type: ignore[arg-type]
                return LIFE <= {e.get_type() for e in events}

            await eventually(whole_life, timeout=30)
        finally:
            await consumer.stop()
    for event in events:
        assert event.get_dataschema() == f"https://chuishao.example/schemas/{event.get_type()}.json"
        assert event.get_extension("partitionkey") == event.get_subject()  # keyed by the aggregate
        assert isinstance(event.get_extension("sequence"), int) and isinstance(event.get_data(), dict)
