"""The case consumer: consumed `case.*` events become FollowCase commands for their handler, in the
consumer's transaction (which also records the event ids); a poll's events become one FollowCases
command, applied with a statement per round rather than one per event."""

from __future__ import annotations

from chuishao_intake.domain.commands import FollowCase, FollowCases
from chuishao_intake.service_layer.handlers import IntakeBus
from chuishao_intake.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.consumer import Handler, PollHandler
from chuishao_shared.events import Envelope
from chuishao_shared.outbox import OutboxWriter


def command_of(envelope: Envelope) -> FollowCase:
    return FollowCase(event_type=envelope.type, sequence=envelope.sequence, at=envelope.time, data=envelope.data)


def case_event_handler(bus: IntakeBus, outbox: OutboxWriter) -> Handler:
    return bus.event_handler(command_of, lambda conn: SqlUnitOfWork(conn.engine, outbox, joining=conn))


def case_poll_handler(bus: IntakeBus, outbox: OutboxWriter) -> PollHandler:
    return bus.poll_handler(
        lambda envelopes: [FollowCases(events=tuple(command_of(e) for e in envelopes))],
        lambda conn: SqlUnitOfWork(conn.engine, outbox, joining=conn),
    )
