"""Intake's use cases: one handler per command, each in one unit of work. The routes, Open311 and the
case consumer come here with commands; handlers raise the domain's refusals only (the edge maps them)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeAlias

from chuishao_intake.domain import commands as c
from chuishao_intake.domain.case_view import CaseChange, case_summary, timeline_entry
from chuishao_intake.domain.reports import (
    FilingRefused,
    FollowUpRefused,
    ReportNotFound,
    check_filing,
    feedback_allowed,
    verification_allowed,
)
from chuishao_intake.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_intake.views import report_view
from chuishao_shared import case_numbers
from chuishao_shared.events import Envelope, EventType, new_envelope
from chuishao_shared.idempotency import Replay
from chuishao_shared.observability import REPORTS
from chuishao_shared.personal_data import mask, mask_fields, resident_names
from chuishao_shared.reference import ReferenceData
from chuishao_shared.service_layer.messagebus import MessageBus
from chuishao_shared.times import utc_iso
from chuishao_shared.vocabulary import MERGED

SOURCE = "/chuishao/intake"

# The report (filing) or the acceptance (a follow-up), or the first answer to a retried request.
Answer = dict[str, Any]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class IntakeContext:
    """What intake's handlers need besides the unit of work."""

    reference: ReferenceData
    now: Callable[[], datetime] = utc_now


def _count(outcome: str) -> Callable[[], None]:
    return lambda: REPORTS.labels(outcome).inc()


async def file_report(cmd: c.FileReport, uow: AbstractUnitOfWork, ctx: IntakeContext) -> Answer:
    errors = check_filing(ctx.reference, category=cmd.category, grid=cmd.grid, own_grids=cmd.own_grids)
    if errors:
        raise FilingRefused(errors)
    now = ctx.now()
    report = {
        "id": uuid.uuid4(),
        "reporter": cmd.reporter,
        "category": cmd.category,
        "grid": cmd.grid,
        "community": ctx.reference.community_of(cmd.grid).code,
        "description": cmd.description,
        "severity": cmd.severity,
        "place": cmd.place,
        "resident": cmd.resident,
        "photos": list(cmd.photos),
        "handled_on_site": cmd.handled_on_site,
        "topic_id": cmd.topic_id,
        "created_at": now,
    }
    event = received_event(report)
    response = report_view(report)
    key, fingerprint = cmd.request.key, cmd.request.fingerprint
    community = ctx.reference.community_of(cmd.grid)
    number = (case_numbers.local_day(now).isoformat(), case_numbers.prefix(community.name, now))
    async with uow:
        filed, report_number = await uow.file_report(
            report, event, key=key, fingerprint=fingerprint, response=response, number=number
        )
        if not filed:
            assert key is not None
            _, answer = await uow.replay(cmd.reporter, key, fingerprint)
            # The stored answer predates the number (the statement draws it after the claim): the
            # first filing's report has it.
            first = await uow.reports.get(uuid.UUID(answer["id"])) if isinstance(answer, dict) else None
            if first is not None:
                answer = {**answer, "number": first["number"]}
            uow.after_commit(_count("replayed"))
            await uow.commit()
            return answer  # type: ignore[no-any-return]
        uow.after_commit(_count("handled_on_site" if cmd.handled_on_site else "accepted"))
        await uow.commit()
    return {**response, "number": report_number}


def received_event(report: dict[str, Any]) -> Envelope:
    """The `report.received` event of a stored report (filing, and the lost-whistle resend)."""
    report_id = str(report["id"])
    # No personal data on an event (the contract): the resident's contact stays here, and whatever of
    # it (or any phone, e-mail or ID number) was typed into the free text is masked.
    names = resident_names(report["resident"])
    place = mask_fields(dict(report["place"] or {}), ("building", "unit", "address"), names)
    return new_envelope(
        EventType.REPORT_RECEIVED,
        source=SOURCE,
        subject=report_id,
        sequence=1,
        at=report["created_at"],
        data={
            "report_id": report_id,
            "category": report["category"],
            "grid": report["grid"],
            "community": report["community"],
            "description": mask(report["description"], names),
            "severity": report["severity"],
            "place": place,
            "photos": list(report["photos"]),
            "handled_on_site": report["handled_on_site"],
            "reporter": report["reporter"],
            "has_resident_contact": report["resident"] is not None,
            "received_at": report["created_at"],
            **({"topic_id": report["topic_id"]} if report.get("topic_id") else {}),
            # Filing adds the number in its statement (it is drawn there); a resent report has it stored.
            **({"number": report["number"]} if report.get("number") else {}),
        },
    )


async def own_report(uow: AbstractUnitOfWork, worker: str, report_id: uuid.UUID, for_update: bool) -> dict[str, Any]:
    report = await uow.reports.get(report_id, for_update=for_update)
    # Another worker's report is indistinguishable from a missing one: ids are not enumerable.
    if report is None or report["reporter"] != worker:
        raise ReportNotFound(report_id)
    return report


async def _follow_up(
    uow: AbstractUnitOfWork,
    *,
    report_id: uuid.UUID,
    worker: str,
    request: c.Request,
    kind: str,
    event_type: str,
    allowed: Callable[[str | None], bool],
    stored: dict[str, Any],
    event_data: dict[str, Any],
) -> Answer:
    async with uow:
        report = await own_report(uow, worker, report_id, for_update=True)
        if report["case_id"] is None or not allowed(report["case_status"]):
            raise FollowUpRefused(kind, report["case_status"])
        sequence = await uow.reports.bump_sequence(report_id, kind, stored)
        # The note or comment goes on to the cases topic: the resident's contact is masked out of it.
        masked = mask_fields(event_data, ("note", "comment"), resident_names(report["resident"]))
        event = new_envelope(
            event_type,
            source=SOURCE,
            subject=str(report_id),
            sequence=sequence,
            data={"report_id": str(report_id), "case_id": report["case_id"], **masked},
        )
        response = {"id": str(report_id), "status": "accepted", "event_id": str(event.id)}
        try:
            await uow.remember(worker, request.key, request.fingerprint, 202, response)
        except Replay as previous:
            return previous.body  # type: ignore[no-any-return]
        await uow.stage(event)
        await uow.commit()
    return response


async def verify_report(cmd: c.VerifyReport, uow: AbstractUnitOfWork, ctx: IntakeContext) -> Answer:
    now = ctx.now()
    photos = list(cmd.photos)
    return await _follow_up(
        uow,
        report_id=cmd.report_id,
        worker=cmd.worker,
        request=cmd.request,
        kind="verification",
        event_type=EventType.REPORT_VERIFIED,
        allowed=verification_allowed,
        stored={"result": cmd.result, "note": cmd.note, "photos": photos, "at": utc_iso(now)},
        event_data={
            "result": cmd.result,
            "note": cmd.note,
            "photos": photos,
            "verified_by": cmd.worker,
            "verified_at": now,
        },
    )


async def record_feedback(cmd: c.RecordFeedback, uow: AbstractUnitOfWork, ctx: IntakeContext) -> Answer:
    now = ctx.now()
    return await _follow_up(
        uow,
        report_id=cmd.report_id,
        worker=cmd.worker,
        request=cmd.request,
        kind="feedback",
        event_type=EventType.REPORT_FEEDBACK,
        allowed=feedback_allowed,
        stored={"satisfaction": cmd.satisfaction, "comment": cmd.comment, "at": utc_iso(now)},
        event_data={"satisfaction": cmd.satisfaction, "comment": cmd.comment, "recorded_at": now},
    )


async def follow_case(cmd: c.FollowCase, uow: AbstractUnitOfWork, ctx: IntakeContext) -> None:
    """Keep each report's case id, status, summary and timeline current (consumed `case.*` events)."""
    await follow_cases(c.FollowCases(events=(cmd,)), uow, ctx)


async def follow_cases(cmd: c.FollowCases, uow: AbstractUnitOfWork, ctx: IntakeContext) -> None:
    changes = [
        CaseChange(
            report_ids=tuple(case["report_ids"]),
            case_id=case["id"],
            status=case["status"],
            sequence=event.sequence,
            summary=case_summary(case),
            entry=timeline_entry(event.event_type, utc_iso(event.at), event.data),
        )
        for event in cmd.events
        if (case := event.data["case"])["status"] != MERGED  # the surviving case's own event carries them now
    ]
    if not changes:
        return
    async with uow:
        await uow.reports.follow_cases(changes)
        await uow.commit()


async def resend_reports(cmd: c.ResendReports, uow: AbstractUnitOfWork, ctx: IntakeContext) -> dict[str, str]:
    """Send each report's events again; returns report id → `requeued`, `rebuilt` or `in flight`."""
    report_ids = list(cmd.report_ids)
    if not report_ids:
        return {}
    outcome: dict[str, str] = {}
    async with uow:
        for key in await uow.unrouted.requeue_retained(report_ids):
            outcome[key] = "requeued"
        for key in await uow.unrouted.still_in_outbox(report_ids):
            outcome.setdefault(key, "in flight")  # not yet published: the relay will send it
        for report_id in report_ids:
            if str(report_id) in outcome:
                continue
            report = await uow.reports.get(report_id)
            if report is None:
                continue
            await uow.stage(received_event(report))
            outcome[str(report_id)] = "rebuilt"
        await uow.commit()
    return outcome


async def record_photo_upload(
    cmd: c.RecordPhotoUpload, uow: AbstractUnitOfWork, ctx: IntakeContext
) -> tuple[int, dict[str, Any]]:
    """The answer to an upload (201), or the first answer to a retry with the same key."""
    async with uow:
        try:
            await uow.remember(cmd.uploader, cmd.request.key, cmd.request.fingerprint, 201, cmd.body)
        except Replay as previous:
            return previous.status, previous.body
        await uow.commit()
    return 201, cmd.body


HANDLERS: dict[type, Callable[..., Awaitable[Any]]] = {
    c.FileReport: file_report,
    c.VerifyReport: verify_report,
    c.RecordFeedback: record_feedback,
    c.FollowCase: follow_case,
    c.FollowCases: follow_cases,
    c.ResendReports: resend_reports,
    c.RecordPhotoUpload: record_photo_upload,
}

IntakeBus: TypeAlias = MessageBus[AbstractUnitOfWork, IntakeContext]


def message_bus(uow_factory: Callable[[], AbstractUnitOfWork], context: IntakeContext) -> IntakeBus:
    """Intake's bus: the shared one with intake's handler table."""
    return MessageBus(HANDLERS, uow_factory, context)
