"""A case whose working-hours deadline falls past the holiday data still opens and is dispatched (a
201 means the whistle is routed); the deadline counts the plain working week and the record says so."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from chuishao_dispatch.domain import SlaTerms, WorkCalendar
from chuishao_shared.events.types import EventType

# Data known until 31 December 2026; Monday to Friday 09:00-17:30 Beijing.
CALENDAR = WorkCalendar(
    "Asia/Shanghai", time(9), time(17, 30), frozenset(range(5)), frozenset(), covered_until=date(2026, 12, 31)
)
WORKING_HOURS = SlaTerms(acknowledge_minutes=60, resolve_minutes=5 * 510, clock="working_hours", calendar=CALENDAR)
LATE_DECEMBER = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # Monday 10:00 Beijing


def test_a_deadline_past_the_data_is_provisional_and_said_so(build) -> None:  # type: ignore[no-untyped-def]
    case = build.open(sla=WORKING_HOURS, at=LATE_DECEMBER)
    assert case.status == "dispatched"
    opened, dispatched = build.events[-2:]
    assert dispatched.type == EventType.CASE_DISPATCHED
    assert opened.type == EventType.CASE_OPENED
    assert "2026-12-31" in dispatched.data["deadline_provisional"]
    assert opened.data["deadline_provisional"] == dispatched.data["deadline_provisional"]
    # The acknowledge deadline is inside the data: exact. The resolve deadline (five working days)
    # reaches 2027 and counts Monday to Friday.
    assert case.assignments[0].ack_due_at == datetime(2026, 12, 28, 3, 0, tzinfo=UTC)
    assert case.resolve_due_at is not None
    assert case.resolve_due_at.astimezone(CALENDAR.tz).date() == date(2027, 1, 4)
    assert "deadline_provisional" in case.timeline[-1].data
    # The mark belongs to that change only: the next one is not marked; only the record keeps it.
    events = case.acknowledge(build.liaison(build.lead), LATE_DECEMBER)
    assert all("deadline_provisional" not in e.data for e in events)
    assert case.provisional_deadline is None
    assert "provisional_deadline" not in case.to_dict()


def test_a_deadline_inside_the_data_is_not_marked(build) -> None:  # type: ignore[no-untyped-def]
    build.open(sla=WORKING_HOURS, at=datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    assert all("deadline_provisional" not in e.data for e in build.events)
