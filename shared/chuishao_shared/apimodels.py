"""Response models more than one service documents: the department list, and the OpenAPI shape of a
server-sent event stream. Models allow extra fields, so a field added to an answer is never silently
dropped; the OpenAPI tests keep the documents complete."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class OpenModel(BaseModel):
    model_config = ConfigDict(extra="allow")


def examples(*values: dict[str, Any]) -> ConfigDict:
    return ConfigDict(extra="allow", json_schema_extra={"examples": list(values)})


class DepartmentRead(OpenModel):
    code: str
    name: str
    name_en: str | None = None
    kind: str | None = None
    jurisdiction: str | None = None


class DepartmentList(OpenModel):
    model_config = examples(
        {
            "items": [
                {
                    "code": "XY-WQ-WY-WY",
                    "name": "五阳物业",
                    "name_en": "Wuyang property management",
                    "kind": "property",
                    "jurisdiction": "XY-WQ-WY",
                }
            ]
        }
    )
    items: list[DepartmentRead]


def event_stream(description: str, example: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route answering `text/event-stream` (the body is the stream's text)."""
    return {
        200: {
            "description": description,
            "content": {"text/event-stream": {"schema": {"type": "string"}, "example": example}},
        }
    }


def binary(description: str, media_types: tuple[str, ...]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route answering bytes (a photo): binary schema per media type."""
    return {
        200: {
            "description": description,
            "content": {m: {"schema": {"type": "string", "format": "binary"}} for m in media_types},
        }
    }
