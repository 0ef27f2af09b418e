"""The projection's use cases: one function per consumed event, inside the consumer's transaction
(which also records the event id, so a redelivered event is skipped before it gets here)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.events import Envelope
from chuishao_tracking.adapters import store
from chuishao_tracking.domain.projection import project
from chuishao_tracking.domain.records import CaseRecord, code, ident, parse_time
from chuishao_tracking.metrics import EVENT_TO_PROJECTION

CONSUMER_NAME = "tracking-projection"


async def on_event(conn: AsyncConnection, envelope: Envelope) -> None:
    if envelope.type.startswith("case."):
        await project_case_event(conn, envelope)
    elif envelope.type == "report.received":
        await record_report(conn, envelope)
    elif envelope.type == "report.feedback":
        await record_feedback(conn, envelope)
    # report.verified needs nothing: its effect arrives as case.closed or case.reopened.
    EVENT_TO_PROJECTION.observe(max((datetime.now(UTC) - envelope.time).total_seconds(), 0.0))


async def project_case_event(conn: AsyncConnection, envelope: Envelope) -> None:
    record = CaseRecord.from_event(envelope.type, envelope.sequence, envelope.time, envelope.data)
    await store.lock_case(conn, record.case_id)
    await store.insert_case_event(conn, envelope.id, record)
    projection = project(await store.case_records(conn, record.case_id))
    await store.save_projection(conn, projection)
    await store.notify(conn, record.case_id)


async def record_report(conn: AsyncConnection, envelope: Envelope) -> None:
    data = envelope.data  # description, place, photos and reporter are deliberately not kept
    await store.save_report(
        conn,
        {
            "report_id": ident(data["report_id"]) or envelope.subject,
            "category": code(data["category"]) or "UNKNOWN",
            "grid": code(data["grid"]) or "UNKNOWN",
            "community": code(data["community"]) or "UNKNOWN",
            "handled_on_site": bool(data.get("handled_on_site")),
            "received_at": parse_time(data["received_at"]),
        },
    )


async def record_feedback(conn: AsyncConnection, envelope: Envelope) -> None:
    data = envelope.data  # the resident's comment is deliberately not kept
    case_id = ident(data["case_id"])
    if case_id is None:
        return
    await store.save_feedback(
        conn,
        report_id=ident(data["report_id"]) or envelope.subject,
        case_id=case_id,
        sequence=envelope.sequence,
        satisfaction=data["satisfaction"],
        recorded_at=data["recorded_at"],
    )
    await store.notify(conn, case_id)
