"""The case consumer: each consumed `case.*` event becomes a FollowCase command for its handler, in the
consumer's transaction (which also records the event id)."""

from __future__ import annotations

from chuishao_intake.domain.commands import FollowCase
from chuishao_intake.service_layer.handlers import IntakeBus
from chuishao_intake.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.consumer import Handler
from chuishao_shared.events import Envelope
from chuishao_shared.outbox import OutboxWriter


def command_of(envelope: Envelope) -> FollowCase:
    return FollowCase(event_type=envelope.type, sequence=envelope.sequence, at=envelope.time, data=envelope.data)


def case_event_handler(bus: IntakeBus, outbox: OutboxWriter) -> Handler:
    return bus.event_handler(command_of, lambda conn: SqlUnitOfWork(conn.engine, outbox, joining=conn))
