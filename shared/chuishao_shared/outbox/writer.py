"""The outbox writer: called inside the use case's transaction, never commits."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.db import positional, transaction_driver
from chuishao_shared.events.envelope import STRUCTURED_CONTENT_TYPE, Envelope
from chuishao_shared.events.topics import topic_for
from chuishao_shared.observability import current_traceparent

# Column list and bind names of one outbox row, also for use cases that fold the insert into a
# single statement with their own state change (see intake's hot path).
OUTBOX_COLUMNS = "event_id, topic, key, event_type, payload, headers"
OUTBOX_VALUES = ":event_id, :topic, :key, :event_type, :payload, CAST(:headers AS jsonb)"
# Every event of a use case and the relay's wake-up in one statement (one round trip, not two): rows in
# the order given (ids follow it, and the relay sends in id order), the NOTIFY delivered at commit only.
# A use case may fold the CTE into its own statement (dispatch's opening of a case), with `stage_values`.
STAGE_ARGS = ["event_ids", "topics", "keys", "event_types", "payloads", "headers", "channel"]
STAGE_CTE = (
    "staged AS ("
    f"INSERT INTO outbox ({OUTBOX_COLUMNS}) "
    "SELECT event_id, topic, key, event_type, payload, CAST(headers AS jsonb) FROM unnest("
    "CAST(:event_ids AS uuid[]), CAST(:topics AS text[]), CAST(:keys AS text[]), CAST(:event_types AS text[]), "
    "CAST(:payloads AS bytea[]), CAST(:headers AS text[])) "
    "WITH ORDINALITY AS r(event_id, topic, key, event_type, payload, headers, position) ORDER BY position "
    "RETURNING 1)"
)
STAGE_NOTIFY = "(SELECT pg_notify(:channel, '') FROM (SELECT count(*) FROM staged) AS done)"
_STAGE = positional(f"WITH {STAGE_CTE} SELECT {STAGE_NOTIFY}", STAGE_ARGS)


def notify_channel(service: str) -> str:
    return f"chuishao_outbox_{service}"


class OutboxWriter:
    def __init__(self, service: str, topic_prefix: str = "") -> None:
        self.topic_prefix = topic_prefix
        self.channel = notify_channel(service)

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
        # The NOTIFY only wakes the relay early; its polling covers a lost one.
        values = self.stage_values(envelopes)
        driver = await transaction_driver(conn)
        await driver.execute(_STAGE, *(values[name] for name in STAGE_ARGS))

    def stage_values(self, envelopes: Sequence[Envelope]) -> dict[str, object]:
        """The values of `STAGE_CTE` and `STAGE_NOTIFY`'s parameters (`STAGE_ARGS`) for these events."""
        rows = [self.row(envelope) for envelope in envelopes]
        return {
            "event_ids": [r["event_id"] for r in rows],
            "topics": [r["topic"] for r in rows],
            "keys": [r["key"] for r in rows],
            "event_types": [r["event_type"] for r in rows],
            "payloads": [r["payload"] for r in rows],
            "headers": [r["headers"] for r in rows],
            "channel": self.channel,
        }
