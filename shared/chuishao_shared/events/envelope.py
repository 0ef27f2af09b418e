"""CloudEvents 1.0 structured envelope (JSON), plus a per-aggregate sequence number.

On Kafka the envelope travels in the binding's structured content mode: the whole event is the message
value and the `content-type` header says `application/cloudevents+json` (no `ce_` headers: those mean
binary mode). `dataschema` names the event type's published JSON Schema (its `$id`, docs/events/).
Extension attributes other producers add are kept when their names are valid by the specification
(lower-case ASCII letters and digits) and their values are CloudEvents scalars."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chuishao_shared.events.contracts import validate_data

STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8"
SCHEMA_BASE = "https://chuishao.example/schemas/"
_ATTRIBUTE_NAME = re.compile(r"^[a-z0-9]+$")


def schema_url(event_type: str) -> str:
    return f"{SCHEMA_BASE}{event_type}.json"


class Envelope(BaseModel):
    model_config = ConfigDict(extra="allow")

    specversion: str = "1.0"
    id: uuid.UUID
    type: str
    source: str
    time: datetime
    subject: str = Field(description="The case or report id the event is about")
    datacontenttype: str = "application/json"
    dataschema: str | None = Field(None, description="URI of the event type's published JSON Schema")
    sequence: int = Field(ge=1, description="Position of this event among its subject's events")
    data: dict[str, Any]

    @model_validator(mode="after")
    def _extensions_valid_by_the_specification(self) -> Self:
        for name, value in (self.model_extra or {}).items():
            if not _ATTRIBUTE_NAME.match(name):
                raise ValueError(f"extension attribute {name!r}: names are lower-case letters and digits only")
            if value is not None and not isinstance(value, str | int | bool):
                raise ValueError(f"extension attribute {name!r}: a value is a string, an integer or a boolean")
        return self

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Envelope:
        envelope = cls.model_validate_json(raw)
        validate_data(envelope.type, envelope.data)
        return envelope


def new_envelope(
    event_type: str,
    *,
    source: str,
    subject: str,
    sequence: int,
    data: dict[str, Any],
    at: datetime | None = None,
) -> Envelope:
    """Build an envelope, validating `data` against the event type's contract."""
    checked = validate_data(event_type, data)
    return Envelope(
        id=uuid.uuid4(),
        type=event_type,
        source=source,
        time=at or datetime.now(UTC),
        subject=subject,
        sequence=sequence,
        dataschema=schema_url(event_type),
        data=checked,
    )
