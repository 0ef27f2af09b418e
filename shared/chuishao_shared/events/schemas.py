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
from chuishao_shared.events.topics import CASES_TOPIC, REPORTS_TOPIC, dead_letter_topic, topic_for


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


def asyncapi_document() -> dict[str, Any]:
    messages = {
        event_type.replace(".", "_"): {
            "name": event_type,
            "title": event_type,
            "contentType": "application/cloudevents+json",
            "headers": {
                "type": "object",
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
        }
        for event_type in EVENT_DATA_MODELS
    }
    channels: dict[str, Any] = {}
    for topic in (REPORTS_TOPIC, CASES_TOPIC):
        refs = {
            name: {"$ref": f"#/components/messages/{name}"}
            for name, message in messages.items()
            if topic_for(str(message["name"])) == topic
        }
        channels[topic] = {
            "address": topic,
            "description": "Keyed by the report or case id so that one aggregate's events stay in order.",
            "messages": refs,
        }
        channels[dead_letter_topic(topic)] = {
            "address": dead_letter_topic(topic),
            "description": "Messages that could not be processed: original bytes, headers `error`, "
            "`error_type`, `original_topic`, `original_partition`, `original_offset`.",
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Chuishao events",
            "version": "1.0.0",
            "description": "CloudEvents 1.0 JSON envelopes on Apache Kafka.",
        },
        "channels": channels,
        "components": {"messages": messages},
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
