"""The report consumer: each consumed `report.*` event becomes a command for the same handlers the
routes use, in the consumer's transaction (which also records the event id). A poll's received reports
in a row become one `OpenCases`, whose statements are per poll, not per report."""

from __future__ import annotations

from chuishao_dispatch.domain import Actor
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.service_layer.handlers import DispatchBus
from chuishao_dispatch.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.consumer import Handler, PollHandler
from chuishao_shared.events import Envelope, EventType
from chuishao_shared.outbox import OutboxWriter
from chuishao_shared.times import parse_utc


def _coordinate(value: object, limit: float) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and -limit <= value <= limit:
        return float(value)
    return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def command_of(envelope: Envelope) -> c.Command | None:
    data = envelope.data
    if envelope.type == EventType.REPORT_RECEIVED:
        place = data.get("place") or {}
        return c.OpenCase(
            report_id=data["report_id"],
            category=data["category"],
            grid=data["grid"],
            community=data["community"],
            severity=data["severity"],
            description=data["description"],
            building=place.get("building"),
            handled_on_site=data["handled_on_site"],
            reporter=data["reporter"],
            reported_at=parse_utc(data["received_at"]),
            photos=tuple(data.get("photos") or ()),
            lat=_coordinate(place.get("lat"), 90),
            lon=_coordinate(place.get("lon"), 180),
            topic_id=data.get("topic_id") or None,
            unit=_text(place.get("unit")),
            address=_text(place.get("address")),
            number=_text(data.get("number")),
        )
    if envelope.type == EventType.REPORT_VERIFIED:
        return c.VerifyCase(
            report_id=data["report_id"],
            actor=Actor(data["verified_by"], "grid_worker"),
            fixed=data["result"] == "fixed",
            note=data.get("note", ""),
            photos=tuple(data.get("photos", ())),
        )
    if envelope.type == EventType.REPORT_FEEDBACK:
        return c.RecordFeedback(
            report_id=data["report_id"], satisfaction=data["satisfaction"], comment=data.get("comment", "")
        )
    return None


def report_event_handler(bus: DispatchBus, outbox: OutboxWriter) -> Handler:
    return bus.event_handler(command_of, lambda conn: SqlUnitOfWork(conn.engine, outbox, joining=conn))


def commands_of_poll(envelopes: list[Envelope]) -> list[c.Command]:
    """The poll's commands in its order: each run of received reports one `OpenCases`."""
    commands: list[c.Command] = []
    openings: list[c.OpenCase] = []
    for envelope in envelopes:
        command = command_of(envelope)
        if isinstance(command, c.OpenCase):
            openings.append(command)
            continue
        if openings:
            commands.append(c.OpenCases(openings=tuple(openings)))
            openings = []
        if command is not None:
            commands.append(command)
    if openings:
        commands.append(c.OpenCases(openings=tuple(openings)))
    return commands


def report_poll_handler(bus: DispatchBus, outbox: OutboxWriter) -> PollHandler:
    return bus.poll_handler(commands_of_poll, lambda conn: SqlUnitOfWork(conn.engine, outbox, joining=conn))
