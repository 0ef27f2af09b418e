"""The projection's use cases: one handler per consumed event, in a unit of work that joins the
consumer's transaction (which also records the event id, so a redelivered event never gets here)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from chuishao_tracking.domain import commands as c
from chuishao_tracking.domain.projection import project
from chuishao_tracking.domain.records import CaseRecord, code, ident, parse_time
from chuishao_tracking.service_layer.unit_of_work import AbstractUnitOfWork


async def project_case_event(cmd: c.ProjectCaseEvent, uow: AbstractUnitOfWork) -> None:
    record = CaseRecord.from_event(cmd.type, cmd.sequence, cmd.at, cmd.data)
    async with uow:
        await uow.board.lock_case(record.case_id)
        projection = project(await uow.board.add_case_event(cmd.event_id, record))
        await uow.board.save_projection(projection)  # and notifies the live board
        await uow.commit()


async def record_report(cmd: c.RecordReport, uow: AbstractUnitOfWork) -> None:
    data = cmd.data  # description, place, photos and reporter are deliberately not kept
    async with uow:
        await uow.board.save_report(
            {
                "report_id": ident(data["report_id"]) or cmd.subject,
                "category": code(data["category"]) or "UNKNOWN",
                "grid": code(data["grid"]) or "UNKNOWN",
                "community": code(data["community"]) or "UNKNOWN",
                "handled_on_site": bool(data.get("handled_on_site")),
                "received_at": parse_time(data["received_at"]),
            }
        )
        await uow.commit()


async def record_feedback(cmd: c.RecordFeedback, uow: AbstractUnitOfWork) -> None:
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


HANDLERS: dict[type, Callable[[Any, AbstractUnitOfWork], Awaitable[None]]] = {
    c.ProjectCaseEvent: project_case_event,
    c.RecordReport: record_report,
    c.RecordFeedback: record_feedback,
}


async def handle(command: c.Command, uow: AbstractUnitOfWork) -> None:
    await HANDLERS[type(command)](command, uow)
