"""The consumer of dispatch's case events (chuishao.cases.v1), for 议事: each case event becomes
`SeeCaseEvent`, handled in a unit of work that joins the shared consumer's transaction (which also
records the event id in processed_events, so a redelivered event counts once). It keeps the small
local read model of cases the candidates come from and moves the case actions (case.closed → done).
Never another service's database."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_community.domain.topic_commands import SeeCaseEvent
from chuishao_community.service_layer.handlers import CommunityBus
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.events import Envelope
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.service_layer.messagebus import EventHandler

CONSUMER_NAME = "community-cases"


def command_of(envelope: Envelope) -> SeeCaseEvent | None:
    if not envelope.type.startswith("case.") or not isinstance(envelope.data.get("case"), dict):
        return None
    return SeeCaseEvent(type=envelope.type, data=envelope.data, at=envelope.time)


def joined(outbox: OutboxWriter) -> Callable[[AsyncConnection], SqlUnitOfWork]:
    return lambda conn: SqlUnitOfWork(conn.engine, outbox, joining=conn)


def event_handler(bus: CommunityBus, outbox: OutboxWriter) -> EventHandler:
    return bus.event_handler(command_of, joined(outbox))
