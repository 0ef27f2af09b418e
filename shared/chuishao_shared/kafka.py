"""The one place where aiokafka clients are configured. aiokafka's defaults are not safe for us:
acks=all, explicit offset commits and `earliest` for new consumer groups are set here on purpose."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.cluster import ClusterMetadata
from aiokafka.errors import TopicAlreadyExistsError
from aiokafka.protocol.metadata import MetadataRequest

from chuishao_shared.events.topics import (
    CASES_TOPIC,
    COMMUNITY_TOPIC,
    PEOPLE_TOPIC,
    REFERENCE_TOPIC,
    REPORTS_TOPIC,
    dead_letter_topic,
)
from chuishao_shared.settings import Settings

log = logging.getLogger(__name__)


# What each service's broker principal may do (the ACLs a secured broker enforces): write only the
# topics it publishes (and their dead-letter topics, which its consumers fill), read only what it
# consumes, and join only consumer groups named `chuishao-<service>...` (a prefixed ACL). Nobody but
# dispatch can put a `case.*` event on the cases topic; nobody but intake a `report.verified`.
# docker-compose.yml and deploy/k8s apply exactly this table (deploy/kafka/acls.sh;
# tests/unit/deploy/test_kafka_acls.py keeps them equal).
TOPIC_ACCESS: dict[str, dict[str, tuple[str, ...]]] = {
    "intake": {
        "write": (REPORTS_TOPIC, dead_letter_topic(CASES_TOPIC)),
        "read": (CASES_TOPIC,),
        "groups": ("chuishao-intake",),
    },
    "dispatch": {
        "write": (
            *(CASES_TOPIC, PEOPLE_TOPIC, REFERENCE_TOPIC),
            *(dead_letter_topic(REPORTS_TOPIC), dead_letter_topic(COMMUNITY_TOPIC)),
        ),
        "read": (REPORTS_TOPIC, COMMUNITY_TOPIC),  # 点单响应: need.confirmed closes the case it answers
        "groups": ("chuishao-dispatch",),
    },
    "tracking": {
        "write": (dead_letter_topic(CASES_TOPIC), dead_letter_topic(REPORTS_TOPIC), dead_letter_topic(COMMUNITY_TOPIC)),
        "read": (CASES_TOPIC, REPORTS_TOPIC, COMMUNITY_TOPIC),
        "groups": ("chuishao-tracking",),
    },
    "notify": {
        "write": (dead_letter_topic(CASES_TOPIC), dead_letter_topic(REPORTS_TOPIC), dead_letter_topic(COMMUNITY_TOPIC)),
        "read": (CASES_TOPIC, REPORTS_TOPIC, COMMUNITY_TOPIC),  # the community's notices (needs, topics)
        "groups": ("chuishao-notify",),
    },
    "community": {
        "write": (COMMUNITY_TOPIC, dead_letter_topic(CASES_TOPIC)),
        "read": (CASES_TOPIC,),  # 议事: case actions closed, candidates from hotspots and returned cases
        "groups": ("chuishao-community",),
    },
}


def security_config(settings: Settings) -> dict[str, object]:
    """Client authentication, shared by producers, consumers and the admin client."""
    config: dict[str, object] = {"security_protocol": settings.kafka_security_protocol}
    if settings.kafka_security_protocol.startswith("SASL"):
        assert settings.kafka_sasl_password is not None  # enforced by Settings
        config |= {
            "sasl_mechanism": settings.kafka_sasl_mechanism,
            "sasl_plain_username": settings.kafka_sasl_username,
            "sasl_plain_password": settings.kafka_sasl_password.get_secret_value(),
        }
    if settings.kafka_security_protocol == "SASL_SSL":
        config["ssl_context"] = ssl.create_default_context(cafile=settings.kafka_ssl_cafile)
    return config


def producer_config(settings: Settings) -> dict[str, object]:
    return {
        **security_config(settings),
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": f"{settings.service_name}-producer",
        "acks": "all",
        # Apache Kafka: on (docker-compose). Tansu refuses InitProducerId, so it is a setting.
        "enable_idempotence": settings.kafka_enable_idempotence,
        "linger_ms": 5,
        "request_timeout_ms": 15000,
    }


def consumer_config(settings: Settings, group_id: str) -> dict[str, object]:
    return {
        **security_config(settings),
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": f"{settings.service_name}-consumer",
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "max_poll_records": 200,
        "session_timeout_ms": settings.kafka_session_timeout_ms,
        "heartbeat_interval_ms": settings.kafka_heartbeat_interval_ms,
        "fetch_max_wait_ms": settings.kafka_fetch_max_wait_ms,
    }


def make_producer(settings: Settings) -> AIOKafkaProducer:
    return AIOKafkaProducer(**producer_config(settings))  # type: ignore[arg-type]


def make_consumer(settings: Settings, *topics: str, group_id: str) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(*topics, **consumer_config(settings, group_id))  # type: ignore[arg-type]


def make_probe(settings: Settings) -> AIOKafkaConsumer:
    """A group-less consumer that only asks where partitions end (the relay's broker-log check)."""
    return AIOKafkaConsumer(
        **security_config(settings),  # type: ignore[arg-type]
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-relay-probe",
        group_id=None,
        enable_auto_commit=False,
    )


def metadata_request(topics: Iterable[str]) -> MetadataRequest:
    """Metadata of these topics only, never creating one. aiokafka's `list_topics` and
    `fetch_all_metadata` ask for every topic the broker holds: the answer, and the CPU to build and decode
    it, grows with every topic on the broker (a shared broker, or a test run's thousands)."""
    return MetadataRequest(sorted(set(topics)), allow_auto_topic_creation=False)


async def metadata_of(probe: AIOKafkaConsumer, topics: Iterable[str]) -> ClusterMetadata:
    """The probe's view of these topics, fresh from the broker: a topic that is gone has no partitions."""
    client = probe._client
    answer = await client.send(client.get_random_node(), metadata_request(topics))
    client.cluster.update_metadata(answer)
    cluster: ClusterMetadata = client.cluster
    return cluster


def all_topics(settings: Settings) -> list[str]:
    topics = (REPORTS_TOPIC, CASES_TOPIC, COMMUNITY_TOPIC, PEOPLE_TOPIC, REFERENCE_TOPIC)
    names = [settings.topic(t) for t in topics]
    return names + [dead_letter_topic(name) for name in names]


async def ensure_topics(settings: Settings, partitions: int = 3, replication: int = 1) -> None:
    """Create the product's topics if missing (idempotent; `make run` and tests call it)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers, **security_config(settings))
    for attempt in range(30):
        try:
            await admin.start()
            break
        except Exception:  # the broker may still be starting
            if attempt == 29:
                raise
            await asyncio.sleep(0.5)
    try:
        wanted = all_topics(settings)
        answer = (await admin._send_request(metadata_request(wanted))).to_object()
        existing = {t["topic"] for t in answer["topics"] if t["error_code"] == 0}
        missing = [t for t in wanted if t not in existing]
        if missing:
            try:
                await admin.create_topics([NewTopic(t, partitions, replication) for t in missing])
            except TopicAlreadyExistsError:
                pass
            log.info("created topics", extra={"fields": {"topics": missing}})
    finally:
        await admin.close()
