"""The projection's use cases: one handler per consumed event, in a unit of work that joins the
consumer's transaction (which also records the event id, so a redelivered event never gets here), and
the rebuild's wipe in a unit of work of its own. Handlers need no context (`_ctx` is None)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

from chuishao_shared.service_layer.messagebus import MessageBus
from chuishao_tracking.domain import commands as c
from chuishao_tracking.domain.community import (
    HOURS,
    MEMBER_PREFIX,
    RESOURCE_PREFIX,
    HoursRecord,
    MemberRecord,
    NeedRecord,
    ResourceRecord,
)
from chuishao_tracking.domain.community_forces import OrderRecord, ProjectRecord, TeamRecord, TopicRecord
from chuishao_tracking.domain.projection import project
from chuishao_tracking.domain.records import CaseRecord, code, ident, parse_time
from chuishao_tracking.service_layer.unit_of_work import AbstractUnitOfWork


async def project_case_event(cmd: c.ProjectCaseEvent, uow: AbstractUnitOfWork, _ctx: object = None) -> None:
    await project_case_events(c.ProjectCaseEvents(events=(cmd,)), uow)


async def project_case_events(cmd: c.ProjectCaseEvents, uow: AbstractUnitOfWork, _ctx: object = None) -> None:
    """Keep the events and re-derive each of their cases once from every event it holds: the same board as
    projecting them one at a time in order (a projection is a function of the set of events)."""
    events = [(e.event_id, CaseRecord.from_event(e.type, e.sequence, e.at, e.data)) for e in cmd.events]
    if not events:
        return
    async with uow:
        await uow.board.lock_cases(record.case_id for _, record in events)
        held = await uow.board.add_case_events(events)
        await uow.board.save_projections([project(records) for records in held.values()])  # and notifies
        await uow.commit()


async def record_report(cmd: c.RecordReport, uow: AbstractUnitOfWork, _ctx: object = None) -> None:
    await record_reports(c.RecordReports(reports=(cmd,)), uow)


async def record_reports(cmd: c.RecordReports, uow: AbstractUnitOfWork, _ctx: object = None) -> None:
    rows = [_report_row(report) for report in cmd.reports]
    if not rows:
        return
    async with uow:
        await uow.board.save_reports(rows)
        await uow.commit()


def _report_row(cmd: c.RecordReport) -> dict[str, Any]:
    data = cmd.data  # description, place, photos and reporter are deliberately not kept
    return {
        "report_id": ident(data["report_id"]) or cmd.subject,
        "category": code(data["category"]) or "UNKNOWN",
        "grid": code(data["grid"]) or "UNKNOWN",
        "community": code(data["community"]) or "UNKNOWN",
        "handled_on_site": bool(data.get("handled_on_site")),
        "received_at": parse_time(data["received_at"]),
    }


async def record_feedback(cmd: c.RecordFeedback, uow: AbstractUnitOfWork, _ctx: object = None) -> None:
    data = cmd.data  # the resident's comment is deliberately not kept
    case_id = ident(data["case_id"])
    if case_id is None:
        return
    async with uow:
        await uow.board.save_feedback(
            report_id=ident(data["report_id"]) or cmd.subject,
            case_id=case_id,
            sequence=cmd.sequence,
            satisfaction=data["satisfaction"],
            recorded_at=data["recorded_at"],
        )
        await uow.board.notify(case_id)
        await uow.commit()


async def project_community_event(cmd: c.ProjectCommunityEvent, uow: AbstractUnitOfWork, _ctx: object = None) -> None:
    """need.*, member.*, hours.recorded: the public part only (domain/community.py). An event whose
    structured fields do not pass the whitelist changes nothing (and is still marked processed)."""
    if cmd.type.startswith(FORCES_PREFIXES):
        await _project_forces(cmd, uow)
        return
    if cmd.type.startswith(RESOURCE_PREFIX):
        resource = ResourceRecord.from_event(cmd.subject, cmd.sequence, cmd.data)
        if resource is not None:
            async with uow:
                await uow.board.save_resource(resource)
                await uow.commit()
        return
    record: NeedRecord | MemberRecord | HoursRecord | None
    if cmd.type == HOURS:
        record = HoursRecord.from_event(cmd.data)
    elif cmd.type.startswith(MEMBER_PREFIX):
        record = MemberRecord.from_event(cmd.subject, cmd.sequence, cmd.data)
    else:
        record = NeedRecord.from_event(cmd.type, cmd.subject, cmd.sequence, cmd.data)
    if record is None:
        return
    async with uow:
        if isinstance(record, HoursRecord):
            await uow.board.save_hours(record)
        elif isinstance(record, MemberRecord):
            await uow.board.save_member(record)
        else:
            await uow.board.save_need(record)
        await uow.commit()


FORCES_PREFIXES = ("order.", "project.", "topic.", "meeting.", "action.", "team.")


async def _project_forces(cmd: c.ProjectCommunityEvent, uow: AbstractUnitOfWork) -> None:
    """order.*, project.*, topic.*, meeting.*, action.*, team.*: the public part only
    (domain/community_forces.py)."""
    record: OrderRecord | ProjectRecord | TopicRecord | TeamRecord | None
    if cmd.type.startswith("team."):
        record = TeamRecord.from_event(cmd.sequence, cmd.data)
    elif cmd.type.startswith("order."):
        record = OrderRecord.from_event(cmd.type, cmd.sequence, cmd.data)
    elif cmd.type.startswith("project."):
        record = ProjectRecord.from_event(cmd.sequence, cmd.data)
    else:
        record = TopicRecord.from_event(cmd.type, cmd.sequence, cmd.data)
    if record is None:
        return
    async with uow:
        if isinstance(record, OrderRecord):
            await uow.board.save_order(record)
        elif isinstance(record, ProjectRecord):
            await uow.board.save_project(record)
        elif isinstance(record, TeamRecord):
            await uow.board.save_team(record)
        else:
            await uow.board.save_topic(record)
        await uow.commit()


async def wipe_read_model(cmd: c.WipeReadModel, uow: AbstractUnitOfWork, _ctx: object = None) -> None:
    async with uow:
        await uow.board.wipe(cmd.consumer)
        await uow.commit()


HANDLERS: dict[type, Callable[..., Awaitable[None]]] = {
    c.ProjectCaseEvent: project_case_event,
    c.ProjectCaseEvents: project_case_events,
    c.RecordReport: record_report,
    c.RecordReports: record_reports,
    c.RecordFeedback: record_feedback,
    c.ProjectCommunityEvent: project_community_event,
    c.WipeReadModel: wipe_read_model,
}

TrackingBus: TypeAlias = MessageBus[AbstractUnitOfWork, None]


def _joined_only() -> AbstractUnitOfWork:
    raise TypeError("a consumed event's command runs in the consumer's unit of work: pass it to handle()")


def message_bus(uow_factory: Callable[[], AbstractUnitOfWork] = _joined_only) -> TrackingBus:
    """Tracking's bus: the shared one with tracking's handler table."""
    return MessageBus(HANDLERS, uow_factory, None)
