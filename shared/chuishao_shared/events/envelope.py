"""CloudEvents 1.0 structured envelope (JSON), plus a per-aggregate sequence number."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.events.contracts import validate_data


class Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    specversion: str = "1.0"
    id: uuid.UUID
    type: str
    source: str
    time: datetime
    subject: str = Field(description="The case or report id the event is about")
    datacontenttype: str = "application/json"
    sequence: int = Field(ge=1, description="Position of this event among its subject's events")
    data: dict[str, Any]

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
        data=checked,
    )
