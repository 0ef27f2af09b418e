"""Generate the published JSON Schemas and AsyncAPI document from the contracts.

Run `python -m chuishao_shared.events.schemas docs/events` (or `make schemas`); a unit test fails if the
committed files differ from what the contracts generate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from chuishao_shared.events.contracts import EVENT_DATA_MODELS
from chuishao_shared.events.envelope import STRUCTURED_CONTENT_TYPE, Envelope, schema_url
from chuishao_shared.events.topics import (
    CASES_TOPIC,
    COMMUNITY_TOPIC,
    PEOPLE_TOPIC,
    REFERENCE_TOPIC,
    REPORTS_TOPIC,
    dead_letter_topic,
    topic_for,
)


def event_schema(event_type: str) -> dict[str, Any]:
    envelope = Envelope.model_json_schema()
    data = EVENT_DATA_MODELS[event_type].model_json_schema(ref_template="#/$defs/{model}")
    defs = {**envelope.pop("$defs", {}), **data.pop("$defs", {})}
    envelope["properties"]["type"] = {"const": event_type, "type": "string"}
    envelope["properties"]["data"] = data
    envelope["title"] = event_type
    envelope["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    envelope["$id"] = schema_url(event_type)
    if defs:
        envelope["$defs"] = defs
    return envelope


# Who sends and who receives what (the consumer group is `chuishao-<name>`).
SENDS = {
    "intake": [REPORTS_TOPIC],
    "dispatch": [CASES_TOPIC, PEOPLE_TOPIC, REFERENCE_TOPIC],
    "community": [COMMUNITY_TOPIC],
}
RECEIVES = {
    "intake": ("intake-case-status", [CASES_TOPIC]),
    "dispatch": ("dispatch-reports", [REPORTS_TOPIC, COMMUNITY_TOPIC]),
    "tracking": ("tracking", [CASES_TOPIC, REPORTS_TOPIC, COMMUNITY_TOPIC]),
    "notify": ("notify", [CASES_TOPIC, REPORTS_TOPIC, COMMUNITY_TOPIC]),
    "community": ("community-cases", [CASES_TOPIC]),  # 议事 (services/community/README.md)
}
# A service's other consumer groups, per topic (else the group above).
GROUP_OF = {("dispatch", COMMUNITY_TOPIC): "dispatch-community"}  # 点单响应 (services/dispatch/README.md)
_TOPIC_IDS = {
    REPORTS_TOPIC: "reports",
    CASES_TOPIC: "cases",
    COMMUNITY_TOPIC: "community",
    PEOPLE_TOPIC: "people",
    REFERENCE_TOPIC: "reference",
}


def _message(event_type: str) -> dict[str, Any]:
    return {
        "name": event_type,
        "title": event_type,
        "contentType": "application/cloudevents+json",
        "headers": {
            "type": "object",
            "required": ["content-type"],
            "properties": {
                "content-type": {
                    "type": "string",
                    "const": STRUCTURED_CONTENT_TYPE,
                    "description": "CloudEvents Kafka binding, structured content mode",
                },
                "traceparent": {"type": "string", "description": "W3C trace context"},
            },
        },
        "payload": {"$ref": f"./{event_type}.json"},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "The CloudEvents `subject`: the aggregate id"},
                "bindingVersion": "0.5.0",
            }
        },
    }


def asyncapi_document() -> dict[str, Any]:
    messages = {event_type.replace(".", "_"): _message(event_type) for event_type in EVENT_DATA_MODELS}
    channels: dict[str, Any] = {}
    for topic, topic_id in _TOPIC_IDS.items():
        channels[topic_id] = {
            "address": topic,
            "description": "Keyed by the report or case id so that one aggregate's events stay in order.",
            "messages": {
                name: {"$ref": f"#/components/messages/{name}"}
                for name, message in messages.items()
                if topic_for(str(message["name"])) == topic
            },
            "servers": [{"$ref": "#/servers/production"}],
        }
        channels[f"{topic_id}DeadLetters"] = {
            "address": dead_letter_topic(topic),
            "description": "Messages that could not be processed: original bytes, headers `error`, "
            "`error_type`, `original_topic`, `original_partition`, `original_offset`.",
            "messages": {"deadLetter": {"$ref": "#/components/messages/deadLetter"}},
            "servers": [{"$ref": "#/servers/production"}],
        }
    operations: dict[str, Any] = {}
    for service, topics in SENDS.items():
        for topic in topics:
            operations[f"{service}Sends{_TOPIC_IDS[topic].title()}"] = {
                "action": "send",
                "channel": {"$ref": f"#/channels/{_TOPIC_IDS[topic]}"},
                "summary": f"{service} publishes through its transactional outbox (at least once, in order per key)",
            }
    for service, (group, topics) in RECEIVES.items():
        for topic in topics:
            topic_id = _TOPIC_IDS[topic]
            operations[f"{service}Receives{topic_id.title()}"] = {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{topic_id}"},
                "summary": f"{service} consumes (deduplicated by event id in its own transaction)",
                "bindings": {
                    "kafka": {
                        "groupId": {"type": "string", "const": f"chuishao-{GROUP_OF.get((service, topic), group)}"}
                    }
                },
            }
            operations[f"{service}DeadLetters{topic_id.title()}"] = {
                "action": "send",
                "channel": {"$ref": f"#/channels/{topic_id}DeadLetters"},
                "summary": f"{service} sets aside a {topic_id} message it cannot process",
            }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Chuishao events",
            "version": "1.0.0",
            "description": "CloudEvents 1.0 JSON events on Apache Kafka, in the Kafka binding's structured mode.",
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "production": {
                "host": "kafka:9092",
                "protocol": "kafka",
                "description": "The deployment's Kafka cluster (`KAFKA_BOOTSTRAP_SERVERS`); topics may carry "
                "a deployment prefix (`CHUISHAO_TOPIC_PREFIX`). Each service signs in as its own SCRAM user and "
                "may write only its own topics and read only what it consumes (docs/operations.md, "
                '"Kafka security").',
                "security": [{"$ref": "#/components/securitySchemes/scram"}],
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "securitySchemes": {
                "scram": {
                    "type": "scramSha512",
                    "description": "SASL/SCRAM-SHA-512, one user per service, per-service ACLs "
                    "(chuishao_shared.kafka.TOPIC_ACCESS).",
                }
            },
            "messages": {
                **messages,
                "deadLetter": {
                    "name": "dead-letter",
                    "title": "A message set aside",
                    "contentType": "application/octet-stream",
                    "headers": {
                        "type": "object",
                        "properties": {
                            name: {"type": "string"}
                            for name in (
                                "error",
                                "error_type",
                                "original_topic",
                                "original_partition",
                                "original_offset",
                            )
                        },
                    },
                    "payload": {"type": "string", "description": "The original bytes"},
                },
            },
        },
    }


def render_all() -> dict[str, str]:
    files = {f"{t}.json": json.dumps(event_schema(t), ensure_ascii=False, indent=2) + "\n" for t in EVENT_DATA_MODELS}
    files["asyncapi.json"] = json.dumps(asyncapi_document(), ensure_ascii=False, indent=2) + "\n"
    return files


def main(argv: list[str] | None = None) -> None:
    target = Path((argv or sys.argv[1:] or ["docs/events"])[0])
    target.mkdir(parents=True, exist_ok=True)
    for name, text in render_all().items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(render_all())} files to {target}")


if __name__ == "__main__":
    main()
