"""Every event type the services produce, as the outbox relay puts it on Kafka, reads as a CloudEvent
with the official `cloudevents` SDK's Kafka binding: structured content mode (the `content-type`
header), `dataschema` naming the published schema, `sequence` an extension attribute. Events from other
producers with valid extension attributes are accepted; invalid ones are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from cloudevents.core.bindings.kafka import KafkaMessage, from_kafka, to_structured
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from pydantic import ValidationError

from chuishao_dispatch.domain import CASE_STATUSES, community_loop
from chuishao_shared.events import EVENT_DATA_MODELS, Envelope, new_envelope
from chuishao_shared.outbox import OutboxWriter

if TYPE_CHECKING:
    from conftest import Builder

REPORT_EVENTS = {
    "report.received": {
        "report_id": "r1",
        "category": "ENV-STAIRWELL-DIRTY",
        "grid": "XY-WQ-WY-G01",
        "community": "XY-WQ-WY",
        "description": "楼道堆物",
        "severity": "minor",
        "reporter": "w1",
        "received_at": "2026-11-01T08:00:00Z",
    },
    "report.verified": {
        "report_id": "r1",
        "case_id": "c1",
        "result": "fixed",
        "verified_by": "w1",
        "verified_at": "2026-11-01T09:00:00Z",
    },
    "report.feedback": {
        "report_id": "r1",
        "case_id": "c1",
        "satisfaction": "satisfied",
        "recorded_at": "2026-11-01T10:00:00Z",
    },
}


def _produced(build: Builder) -> list[Envelope]:
    """Dispatch's events from its real domain (every case event type), and intake's report events."""
    for status in CASE_STATUSES:
        build.case_in(status, case_id=f"CASE-{status}")
    case = build.open(case_id="CASE-X")
    build.events += case.escalate_due(build.at(600))
    build.events += case.whistle(build.dispatcher, build.at(601), ["POLICE"], "协同")
    build.events += case.request_extension(build.liaison("WATER"), build.at(602), build.at(9000), "x")
    build.events += case.approve_extension(build.dispatcher, build.at(603))
    build.events += case.return_(build.liaison("WATER"), build.at(604), "非本部门", None)
    handed = build.case_in("triage", case_id="CASE-H")  # 点单响应 (domain/community_loop.py)
    build.events += community_loop.hand_to_community(
        handed, build.dispatcher, build.at(605), "XY-WQ-WY", "交社区", "JWH"
    )
    envelopes = [
        new_envelope(e.type, source="/chuishao/dispatch", subject=f"case-{i}", sequence=i + 1, data=e.data)
        for i, e in enumerate(build.events)
    ]
    for event_type, data in REPORT_EVENTS.items():
        envelopes.append(new_envelope(event_type, source="/chuishao/intake", subject="r1", sequence=1, data=data))
    return envelopes


def _on_the_wire(envelope: Envelope) -> KafkaMessage:
    row = OutboxWriter("dispatch").row(envelope)
    headers = {k: str(v).encode() for k, v in json.loads(str(row["headers"])).items()}
    return KafkaMessage(headers=headers, key=str(row["key"]).encode(), value=bytes(row["payload"]))  # type: ignore[arg-type]


def test_every_produced_event_reads_with_the_sdk_in_structured_mode(build: Builder) -> None:
    envelopes = _produced(build)
    # (the community's events are read the same way in tests/unit/community)
    assert {e.type for e in envelopes} == {t for t in EVENT_DATA_MODELS if t.startswith(("report.", "case."))}
    for envelope in envelopes:
        message = _on_the_wire(envelope)
        assert message.headers["content-type"].startswith(b"application/cloudevents+json")
        assert not [h for h in message.headers if h.startswith("ce_")], "ce_ headers would mean binary mode"
        event = from_kafka(message, JSONFormat(), CloudEvent)
        assert event.get_type() == envelope.type and event.get_id() == str(envelope.id)
        assert event.get_source() == envelope.source and event.get_subject() == envelope.subject
        assert event.get_dataschema() == f"https://chuishao.example/schemas/{envelope.type}.json"
        assert event.get_extension("sequence") == envelope.sequence
        assert event.get_extension("partitionkey") == envelope.subject  # the message key
        assert event.get_data() == json.loads(envelope.model_dump_json())["data"]


def test_an_sdk_event_with_extensions_is_accepted(build: Builder) -> None:
    data = REPORT_EVENTS["report.received"]
    attributes = {
        "id": "7f1d2c3e-0000-4000-8000-000000000001",
        "type": "report.received",
        "source": "https://other.example/producer",
        "subject": "r1",
        "time": datetime(2026, 11, 1, 8, tzinfo=UTC),
        "datacontenttype": "application/json",
        "dataschema": "https://chuishao.example/schemas/report.received.json",
        "sequence": 1,
        "traceparent": "00-" + "0" * 31 + "1-" + "0" * 15 + "1-01",
        "tenantid": "xiangyuan",
    }
    message = to_structured(CloudEvent(attributes, data), JSONFormat())
    envelope = Envelope.from_bytes(message.value)
    assert envelope.model_extra == {"traceparent": attributes["traceparent"], "tenantid": "xiangyuan"}
    assert json.loads(envelope.to_bytes())["tenantid"] == "xiangyuan"  # kept when passed on


@pytest.mark.parametrize(("name", "value"), [("Tenant-Id", "x"), ("tenant_id", "x"), ("nested", {"a": 1})])
def test_extension_attributes_invalid_by_the_specification_are_refused(name: str, value: object) -> None:
    envelope = new_envelope(
        "report.received", source="/t", subject="r1", sequence=1, data=REPORT_EVENTS["report.received"]
    )
    raw = json.loads(envelope.to_bytes())
    with pytest.raises(ValidationError, match="extension attribute"):
        Envelope.from_bytes(json.dumps({**raw, name: value}).encode())
