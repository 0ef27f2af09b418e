"""The Kafka consumer's handler: each consumed event becomes a command for notify's bus, handled in a
unit of work that joins the consumer's transaction (which also records the event id, so a redelivered
event never gets here twice). The consumer commits, then runs the unit of work's after-commit work."""

from __future__ import annotations

from chuishao_notify.domain import commands as c
from chuishao_notify.service_layer.handlers import NotifyBus
from chuishao_notify.service_layer.unit_of_work import JoinedUnitOfWork
from chuishao_shared.events import Envelope, EventType
from chuishao_shared.service_layer.messagebus import EventHandler

CONSUMER_NAME = "notify"


def command_of(envelope: Envelope) -> c.Command | None:
    if envelope.type == EventType.REPORT_RECEIVED:
        place = envelope.data.get("place")
        report_id = envelope.data.get("report_id") or envelope.subject
        if isinstance(place, dict) and report_id:
            return c.RememberPlace(report_id=str(report_id), place=place)
        return None
    if envelope.type.startswith("case."):  # every case event carries the case snapshot
        return c.NotifyOfCaseEvent(
            event_id=str(envelope.id),
            type=envelope.type,
            sequence=envelope.sequence,
            time=envelope.time,
            data=envelope.data,
        )
    if envelope.type.startswith("need.") or envelope.type in (EventType.TOPIC_MOVED, EventType.ACTION_OVERDUE):
        return c.NotifyOfCommunityEvent(
            event_id=str(envelope.id),
            type=envelope.type,
            sequence=envelope.sequence,
            time=envelope.time,
            data=envelope.data,
        )
    return None


def event_handler(bus: NotifyBus) -> EventHandler:
    return bus.event_handler(command_of, JoinedUnitOfWork)
