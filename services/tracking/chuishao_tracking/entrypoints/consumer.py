"""The projection consumer: each consumed event becomes a command for its handler, in the consumer's
transaction; a poll's case events become one command, projected with a constant number of statements,
and its reports another.
Used by the live consumer and by `chuishao-tracking rebuild` alike."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.consumer import AfterCommit
from chuishao_shared.events import Envelope, EventType
from chuishao_tracking.domain import commands as c
from chuishao_tracking.metrics import EVENT_TO_PROJECTION
from chuishao_tracking.service_layer.handlers import message_bus
from chuishao_tracking.service_layer.unit_of_work import JoinedUnitOfWork

CONSUMER_NAME = "tracking-projection"
# The community events tracking projects (the wish wall and GET /v1/stats/community).
PROJECTED_COMMUNITY_PREFIXES = (
    "need.",
    "member.",
    "hours.",
    "order.",
    "project.",
    "topic.",
    "meeting.",
    "action.",
    "team.",  # volunteer hours by team
    "resource.",  # the public map's points (docs/map.md)
)
BUS = message_bus()  # every command here joins the consumer's transaction


def command_of(envelope: Envelope) -> c.Command | None:
    if envelope.type.startswith("case."):
        return c.ProjectCaseEvent(
            event_id=envelope.id, type=envelope.type, sequence=envelope.sequence, at=envelope.time, data=envelope.data
        )
    if envelope.type == EventType.REPORT_RECEIVED:
        return c.RecordReport(subject=envelope.subject, data=envelope.data)
    if envelope.type == EventType.REPORT_FEEDBACK:
        return c.RecordFeedback(subject=envelope.subject, sequence=envelope.sequence, data=envelope.data)
    if envelope.type.startswith(PROJECTED_COMMUNITY_PREFIXES):
        return c.ProjectCommunityEvent(
            type=envelope.type, subject=envelope.subject, sequence=envelope.sequence, data=envelope.data
        )
    # Hook: unit.*, activity.*, certificate.* are not projected yet (nothing published needs
    # them: activities' hours arrive as hours.recorded); add a prefix above and a record to project them.
    return None  # report.verified needs nothing: its effect arrives as case.closed or case.reopened


async def on_event(conn: AsyncConnection, envelope: Envelope) -> AfterCommit:
    return await on_poll(conn, [envelope])


async def on_poll(conn: AsyncConnection, envelopes: list[Envelope]) -> AfterCommit:
    """A poll's events: its case events together (each case projected once), its reports together, the
    others one by one, in order (no two of these groups write a table another reads)."""
    joined: list[JoinedUnitOfWork] = []  # one per command: entering a unit of work forgets earlier actions

    async def handle(command: c.Command) -> None:
        joined.append(JoinedUnitOfWork(conn))
        await BUS.handle(command, joined[-1])

    case_events: list[c.ProjectCaseEvent] = []
    reports: list[c.RecordReport] = []
    for envelope in envelopes:
        command = command_of(envelope)
        if isinstance(command, c.ProjectCaseEvent):
            case_events.append(command)
        elif isinstance(command, c.RecordReport):
            reports.append(command)
        elif command is not None:
            await handle(command)
    if reports:
        await handle(c.RecordReports(reports=tuple(reports)))
    if case_events:
        await handle(c.ProjectCaseEvents(events=tuple(case_events)))

    def after_commit() -> None:
        for uow in joined:
            uow.run_after_commit()
        now = datetime.now(UTC)
        for envelope in envelopes:
            EVENT_TO_PROJECTION.observe(max((now - envelope.time).total_seconds(), 0.0))

    return after_commit
