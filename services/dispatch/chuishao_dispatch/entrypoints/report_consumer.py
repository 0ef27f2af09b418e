"""The report consumer: each consumed `report.*` event becomes a command for the same handlers the
routes use, in the consumer's transaction (which also records the event id)."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_dispatch.domain import Actor
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.service_layer.messagebus import MessageBus
from chuishao_dispatch.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.consumer import AfterCommit, Handler
from chuishao_shared.events import Envelope
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.times import parse_utc

log = logging.getLogger(__name__)


def command_of(envelope: Envelope) -> c.Command | None:
    data = envelope.data
    if envelope.type == "report.received":
        return c.OpenCase(
            report_id=data["report_id"],
            category=data["category"],
            grid=data["grid"],
            community=data["community"],
            severity=data["severity"],
            description=data["description"],
            building=(data.get("place") or {}).get("building"),
            handled_on_site=data["handled_on_site"],
            reporter=data["reporter"],
            reported_at=parse_utc(data["received_at"]),
            photos=tuple(data.get("photos") or ()),
        )
    if envelope.type == "report.verified":
        return c.VerifyCase(
            report_id=data["report_id"],
            actor=Actor(data["verified_by"], "grid_worker"),
            fixed=data["result"] == "fixed",
            note=data.get("note", ""),
            photos=tuple(data.get("photos", ())),
        )
    if envelope.type == "report.feedback":
        return c.RecordFeedback(
            report_id=data["report_id"], satisfaction=data["satisfaction"], comment=data.get("comment", "")
        )
    return None


def report_event_handler(bus: MessageBus, outbox: OutboxWriter) -> Handler:
    async def handle(conn: AsyncConnection, envelope: Envelope) -> AfterCommit | None:
        command = command_of(envelope)
        if command is None:
            log.info("ignoring %s", envelope.type)
            return None
        uow = SqlUnitOfWork(conn.engine, outbox, joining=conn)
        await bus.handle(command, uow)
        return uow.run_after_commit

    return handle
