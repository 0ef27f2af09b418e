"""Broker authentication and the per-service topic rights, checked as configuration: Tansu (the
test broker) enforces neither, so the client settings and the ACL table are tested here."""

from __future__ import annotations

import ssl

import pytest
from pydantic import ValidationError

from chuishao_community.bootstrap import CommunitySettings
from chuishao_community.bootstrap import build_app as build_community
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_notify.bootstrap import NotifySettings
from chuishao_notify.bootstrap import build_app as build_notify
from chuishao_shared.events.topics import dead_letter_topic, topic_for
from chuishao_shared.kafka import TOPIC_ACCESS, consumer_config, make_probe, producer_config
from chuishao_shared.settings import Settings
from chuishao_shared.vocabulary import (
    CASE_EVENT_TYPES,
    COMMUNITY_EVENT_TYPES,
    PERSON_EVENT_TYPES,
    REPORT_EVENT_TYPES,
)
from chuishao_tracking.bootstrap import TrackingSettings
from chuishao_tracking.bootstrap import build_app as build_tracking

SASL = {
    "environment": "test",
    "kafka_security_protocol": "SASL_PLAINTEXT",
    "kafka_sasl_username": "intake",
    "kafka_sasl_password": "scram-secret",
}
BUILDERS = {
    "intake": (IntakeSettings, build_intake),
    "dispatch": (DispatchSettings, build_dispatch),
    "tracking": (TrackingSettings, build_tracking),
    "notify": (NotifySettings, build_notify),
    "community": (CommunitySettings, build_community),
}
PUBLISHES = {
    "intake": REPORT_EVENT_TYPES,
    "dispatch": CASE_EVENT_TYPES + PERSON_EVENT_TYPES + ("reference.changed",),
    "tracking": (),
    "notify": (),
    "community": COMMUNITY_EVENT_TYPES,
}


def test_producers_and_consumers_authenticate_with_scram() -> None:
    settings = Settings(**SASL)
    for config in (producer_config(settings), consumer_config(settings, "g")):
        assert config["security_protocol"] == "SASL_PLAINTEXT"
        assert config["sasl_mechanism"] == "SCRAM-SHA-512"
        assert (config["sasl_plain_username"], config["sasl_plain_password"]) == ("intake", "scram-secret")
    over_tls = producer_config(Settings(**{**SASL, "kafka_security_protocol": "SASL_SSL"}))
    assert isinstance(over_tls["ssl_context"], ssl.SSLContext)
    plain = producer_config(Settings(environment="test"))
    assert plain["security_protocol"] == "PLAINTEXT" and "sasl_plain_password" not in plain


async def test_the_relays_broker_log_probe_signs_in_too() -> None:
    probe = make_probe(Settings(**SASL))
    client = probe._client
    assert (client._security_protocol, client._sasl_mechanism) == ("SASL_PLAINTEXT", "SCRAM-SHA-512")
    assert (client._sasl_plain_username, client._sasl_plain_password) == ("intake", "scram-secret")
    await probe.stop()


@pytest.mark.parametrize("missing", ["kafka_sasl_username", "kafka_sasl_password"])
def test_sasl_without_credentials_is_refused(missing: str) -> None:
    with pytest.raises(ValidationError, match="SASL"):
        Settings(**{k: v for k, v in SASL.items() if k != missing})


async def test_each_service_reads_exactly_what_it_consumes() -> None:
    for name, (settings_cls, build) in BUILDERS.items():
        runtime = build(settings_cls(environment="test")).state.runtime
        subscribed: set[str] = set()
        for consumer in runtime.consumers:
            client = consumer.consumer_factory()
            subscribed |= set(client.subscription())
            # Its consumer groups fall under its prefixed group ACL.
            assert client._group_id.startswith(TOPIC_ACCESS[name]["groups"]), (name, client._group_id)
            await client.stop()
        assert subscribed == set(TOPIC_ACCESS[name]["read"]), name
        await runtime.engine.dispose()


def test_each_service_writes_only_its_own_events_and_its_dead_letters() -> None:
    for name, access in TOPIC_ACCESS.items():
        own = {topic_for(t) for t in PUBLISHES[name]}
        dead_letters = {dead_letter_topic(t) for t in access["read"]}
        assert set(access["write"]) == own | dead_letters, name
    # The two attacks the review named: only dispatch writes case events, only intake report events.
    writers = {topic: {n for n, a in TOPIC_ACCESS.items() if topic in a["write"]} for topic in ("chuishao.cases.v1",)}
    assert writers == {"chuishao.cases.v1": {"dispatch"}}
    assert {n for n, a in TOPIC_ACCESS.items() if "chuishao.reports.v1" in a["write"]} == {"intake"}
