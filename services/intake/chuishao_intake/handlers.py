"""Intake use cases: one function per command or consumed event, one transaction each."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from chuishao_intake.adapters import repository
from chuishao_intake.adapters.case_view import project_case
from chuishao_intake.domain.case_view import case_summary, timeline_entry
from chuishao_intake.domain.reports import (
    check_filing,
    feedback_allowed,
    report_status,
    verification_allowed,
)
from chuishao_intake.schemas import FeedbackCreate, ReportCreate, VerificationCreate
from chuishao_shared.auth import Principal
from chuishao_shared.events import Envelope, new_envelope
from chuishao_shared.idempotency import Replay, remember, replay
from chuishao_shared.observability import REPORTS
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.problems import Problem
from chuishao_shared.reference import ReferenceData

SOURCE = "/chuishao/intake"


@dataclass
class IntakeContext:
    engine: AsyncEngine
    outbox: OutboxWriter
    reference: ReferenceData


def report_view(row: Row | dict[str, Any]) -> dict[str, Any]:
    data = dict(row._mapping) if isinstance(row, Row) else dict(row)
    return {
        "id": str(data["id"]),
        "category": data["category"],
        "grid": data["grid"],
        "community": data["community"],
        "description": data["description"],
        "severity": data["severity"],
        "place": data["place"],
        "resident": data["resident"],
        "photos": data["photos"],
        "handled_on_site": data["handled_on_site"],
        "status": report_status(data.get("case_status")),
        "created_at": data["created_at"].isoformat().replace("+00:00", "Z"),
        "case_id": data.get("case_id"),
        "case_status": data.get("case_status"),
        "verification": data.get("verification"),
        "feedback": data.get("feedback"),
        "case": data.get("case_view"),
        "timeline": data.get("case_timeline") or [],
    }


async def file_report(
    ctx: IntakeContext,
    principal: Principal,
    body: ReportCreate,
    *,
    idempotency_key: str | None,
    fingerprint: str,
) -> tuple[int, dict[str, Any]]:
    errors = check_filing(ctx.reference, category=body.category, grid=body.grid, own_grids=principal.grids)
    if errors:
        status = 403 if all(e.status == 403 for e in errors) else 422
        items = [{"field": e.field, "message": e.message} for e in errors]
        title = "Forbidden" if status == 403 else "Invalid request"
        raise Problem(
            status,
            title,
            "; ".join(f"{i['field']}: {i['message']}" for i in items),
            kind="forbidden" if status == 403 else "validation",
            errors=items,
        )
    now = datetime.now(UTC)
    report = {
        "id": uuid.uuid4(),
        "reporter": principal.sub,
        "category": body.category,
        "grid": body.grid,
        "community": ctx.reference.community_of(body.grid).code,
        "description": body.description,
        "severity": body.severity,
        "place": body.place.model_dump(mode="json"),
        "resident": body.resident.model_dump(mode="json") if body.resident else None,
        "photos": [str(p) for p in body.photos],
        "handled_on_site": body.handled_on_site,
        "created_at": now,
    }
    event = new_envelope(
        "report.received",
        source=SOURCE,
        subject=str(report["id"]),
        sequence=1,
        at=now,
        data={
            "report_id": str(report["id"]),
            "category": report["category"],
            "grid": report["grid"],
            "community": report["community"],
            "description": report["description"],
            "severity": report["severity"],
            "place": report["place"],
            "photos": report["photos"],
            "handled_on_site": report["handled_on_site"],
            "reporter": principal.sub,
            "has_resident_contact": report["resident"] is not None,
            "received_at": now,
        },
    )
    response = report_view(report)
    async with ctx.engine.connect() as conn:
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")  # one atomic statement
        filed = await repository.file_report(
            autocommit,
            report,
            ctx.outbox.row(event),
            channel=ctx.outbox.channel,
            idempotency=(idempotency_key, fingerprint, response),
        )
        if not filed:
            assert idempotency_key is not None
            try:
                await replay(autocommit, subject=principal.sub, key=idempotency_key, fingerprint=fingerprint)
            except Replay as previous:
                REPORTS.labels("replayed").inc()
                return previous.status, previous.body
    REPORTS.labels("handled_on_site" if body.handled_on_site else "accepted").inc()
    return 201, response


async def _own_report(
    conn: AsyncConnection, principal: Principal, report_id: uuid.UUID, for_update: bool = False
) -> Row:
    row = await repository.get_report(conn, report_id, for_update=for_update)
    # Another worker's report is indistinguishable from a missing one: ids are not enumerable.
    if row is None or row.reporter != principal.sub:
        raise Problem(404, "Not found", f"No report {report_id} of yours.")
    return row


async def get_report(ctx: IntakeContext, principal: Principal, report_id: uuid.UUID) -> dict[str, Any]:
    async with ctx.engine.connect() as conn:
        return report_view(await _own_report(conn, principal, report_id))


async def list_reports(
    ctx: IntakeContext, principal: Principal, *, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> list[dict[str, Any]]:
    async with ctx.engine.connect() as conn:
        rows = await repository.list_reports(conn, reporter=principal.sub, limit=limit, after=after)
    return [report_view(r) for r in rows]


async def _follow_up(
    ctx: IntakeContext,
    principal: Principal,
    report_id: uuid.UUID,
    *,
    kind: str,
    event_type: str,
    allowed: Any,
    stored: dict[str, Any],
    event_data: dict[str, Any],
    idempotency_key: str | None,
    fingerprint: str,
) -> tuple[int, dict[str, Any]]:
    try:
        async with ctx.engine.begin() as conn:
            row = await _own_report(conn, principal, report_id, for_update=True)
            response = {"id": str(report_id), "status": "accepted", "event_id": ""}
            if row.case_id is None or not allowed(row.case_status):
                raise Problem(
                    409,
                    "Conflict",
                    f"A {kind} is not possible while the case is {row.case_status or 'not yet opened'}.",
                    kind="illegal-state",
                    case_status=row.case_status,
                )
            sequence = await repository.bump_sequence(conn, report_id, kind, stored)
            event = new_envelope(
                event_type,
                source=SOURCE,
                subject=str(report_id),
                sequence=sequence,
                data={"report_id": str(report_id), "case_id": row.case_id, **event_data},
            )
            response["event_id"] = str(event.id)
            await remember(
                conn,
                subject=principal.sub,
                key=idempotency_key,
                fingerprint=fingerprint,
                status=202,
                body=response,
            )
            await ctx.outbox.add(conn, event)
    except Replay as replay:
        return replay.status, replay.body
    return 202, response


async def verify_report(
    ctx: IntakeContext,
    principal: Principal,
    report_id: uuid.UUID,
    body: VerificationCreate,
    *,
    idempotency_key: str | None,
    fingerprint: str,
) -> tuple[int, dict[str, Any]]:
    now = datetime.now(UTC)
    photos = [str(p) for p in body.photos]
    stored = {"result": body.result, "note": body.note, "photos": photos, "at": now.isoformat()}
    data = {
        "result": body.result,
        "note": body.note,
        "photos": photos,
        "verified_by": principal.sub,
        "verified_at": now,
    }
    return await _follow_up(
        ctx,
        principal,
        report_id,
        kind="verification",
        event_type="report.verified",
        allowed=verification_allowed,
        stored=stored,
        event_data=data,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
    )


async def record_feedback(
    ctx: IntakeContext,
    principal: Principal,
    report_id: uuid.UUID,
    body: FeedbackCreate,
    *,
    idempotency_key: str | None,
    fingerprint: str,
) -> tuple[int, dict[str, Any]]:
    now = datetime.now(UTC)
    stored = {"satisfaction": body.satisfaction, "comment": body.comment, "at": now.isoformat()}
    data = {"satisfaction": body.satisfaction, "comment": body.comment, "recorded_at": now}
    return await _follow_up(
        ctx,
        principal,
        report_id,
        kind="feedback",
        event_type="report.feedback",
        allowed=feedback_allowed,
        stored=stored,
        event_data=data,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
    )


async def on_case_event(conn: AsyncConnection, envelope: Envelope) -> None:
    """Consumed `case.*` events keep each report's case id and status current."""
    case = envelope.data["case"]
    if case["status"] == "merged":
        return  # the surviving case's own event carries these reports now
    at = envelope.time.isoformat().replace("+00:00", "Z")
    await project_case(
        conn,
        report_ids=case["report_ids"],
        case_id=case["id"],
        sequence=envelope.sequence,
        summary=case_summary(case),
        entry=timeline_entry(envelope.type, at, envelope.data),
    )
    await repository.apply_case_status(
        conn,
        report_ids=case["report_ids"],
        case_id=case["id"],
        status=case["status"],
        sequence=envelope.sequence,
    )
