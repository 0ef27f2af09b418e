"""The outbox writer: called inside the use case's transaction, never commits."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.events.envelope import STRUCTURED_CONTENT_TYPE, Envelope
from chuishao_shared.events.topics import topic_for
from chuishao_shared.observability import current_traceparent

# Column list and bind names of one outbox row, also for use cases that fold the insert into a
# single statement with their own state change (see intake's hot path).
OUTBOX_COLUMNS = "event_id, topic, key, event_type, payload, headers"
OUTBOX_VALUES = ":event_id, :topic, :key, :event_type, :payload, CAST(:headers AS jsonb)"
_INSERT = text(f"INSERT INTO outbox ({OUTBOX_COLUMNS}) VALUES ({OUTBOX_VALUES})")


def notify_channel(service: str) -> str:
    return f"chuishao_outbox_{service}"


class OutboxWriter:
    def __init__(self, service: str, topic_prefix: str = "") -> None:
        self.topic_prefix = topic_prefix
        self.channel = notify_channel(service)
        self._notify = text(f"NOTIFY {self.channel}")

    def row(self, envelope: Envelope) -> dict[str, object]:
        """Bind values for one outbox row, keyed by subject so one aggregate stays in order."""
        return {
            "event_id": envelope.id,
            "topic": self.topic_prefix + topic_for(envelope.type),
            "key": envelope.subject,
            "event_type": envelope.type,
            "payload": envelope.to_bytes(),
            "headers": json.dumps({"content-type": STRUCTURED_CONTENT_TYPE, "traceparent": current_traceparent()}),
        }

    async def add(self, conn: AsyncConnection, *envelopes: Envelope) -> None:
        """Stage events in the caller's transaction; keyed by subject so one aggregate stays in order."""
        if not envelopes:
            return
        await conn.execute(_INSERT, [self.row(envelope) for envelope in envelopes])
        # Delivered at commit only; it just wakes the relay early, polling covers a lost notify.
        await conn.execute(self._notify)
