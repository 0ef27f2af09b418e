"""Notify's use cases through its bus on fake repositories (no I/O): every command has its one handler,
a consumed event becomes the right command, each unit of work commits once, and the counters move only
after the commit."""

from __future__ import annotations

import typing
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chuishao_notify.domain import commands as c
from chuishao_notify.domain.deliveries import DueDelivery
from chuishao_notify.domain.formats import Names
from chuishao_notify.domain.notices import Notice
from chuishao_notify.domain.reminders import Deadline, DueReminder, Reminder, ReminderSchedule
from chuishao_notify.domain.subscriptions import Subscription
from chuishao_notify.entrypoints.consumer import command_of
from chuishao_notify.metrics import NOTICES, REMINDERS
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.handlers import HANDLERS, message_bus
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.auth import Principal
from chuishao_shared.events import Envelope
from chuishao_shared.events.types import EventType
from chuishao_shared.service_layer.messagebus import MissingHandler

NOW = datetime.now(UTC)
LEAD = "XY-WQ-WY-WY"


def subscription(department: str = LEAD, events: tuple[str, ...] = ("dispatched", "reminder")) -> Subscription:
    return Subscription(
        id=uuid.uuid4(),
        department=department,
        jurisdiction=None,
        url="https://hooks.example.cn/x",
        format="generic",
        secret="whsec-0123456789abcdef",
        events=list(events),
        created_by="admin-1",
        created_at=NOW,
    )


class FakeSubscriptions:
    def __init__(self, subs: list[Subscription]) -> None:
        self.subs = subs

    async def add(self, sub: Subscription) -> None:
        self.subs.append(sub)

    async def get(self, sub_id: uuid.UUID) -> Subscription | None:
        return next((s for s in self.subs if s.id == sub_id), None)

    async def subscribers(
        self, kind: str, *, departments: tuple[str, ...] = (), jurisdictions: tuple[str, ...] = ()
    ) -> list[Subscription]:
        return [
            s
            for s in self.subs
            if kind in s.events and (s.department in departments or s.jurisdiction in jurisdictions)
        ]


class FakeDeliveries:
    def __init__(self, due: list[DueDelivery] | None = None) -> None:
        self.rows: dict[tuple[str, uuid.UUID], Notice] = {}
        self.woken = 0
        self.due = due or []
        self.leased: list[int] = []

    async def add(self, notice: Notice, sub_ids: list[uuid.UUID]) -> list[int]:
        new = [s for s in sub_ids if (notice.event_id, s) not in self.rows]
        for s in new:
            self.rows[(notice.event_id, s)] = notice
        return list(range(len(self.rows) - len(new) + 1, len(self.rows) + 1))

    async def wake_workers(self) -> None:
        self.woken += 1

    async def claim_due(self, busy: list[uuid.UUID], limit: int, pacing: object = None) -> list[DueDelivery]:
        return [d for d in self.due if d.subscription_id not in busy][:limit]

    async def lease(self, ids: list[int], owner: str, seconds: float) -> None:
        self.leased += ids


class FakeCases:
    def __init__(self) -> None:
        self.snapshots: dict[str, tuple[int, dict[str, Any]]] = {}
        self.places: dict[str, dict[str, Any]] = {}

    async def save(self, case_id: str, sequence: int, snapshot: dict[str, Any]) -> bool:
        if case_id in self.snapshots and self.snapshots[case_id][0] >= sequence:
            return False
        self.snapshots[case_id] = (sequence, snapshot)
        return True

    async def snapshot(self, case_id: str) -> dict[str, Any]:
        return self.snapshots[case_id][1] if case_id in self.snapshots else {"id": case_id}

    async def save_report_place(self, report_id: str, place: dict[str, Any]) -> None:
        self.places.setdefault(report_id, place)

    async def report_place(self, report_ids: list[str]) -> dict[str, Any] | None:
        return next((self.places[r] for r in report_ids if r in self.places), None)


class FakeReminders:
    def __init__(self, due: list[DueReminder] | None = None) -> None:
        self.scheduled: list[Reminder] = []
        self.due = due or []
        self.settled: dict[int, str] = {}

    async def known_deadlines(self, case_id: str) -> dict[Deadline, list[str]]:
        return {}

    async def schedule(self, reminders: list[Reminder]) -> None:
        self.scheduled += reminders

    async def claim_due(self, limit: int) -> list[DueReminder]:
        return self.due[:limit]

    async def settle(self, reminder_id: int, status: str) -> None:
        self.settled[reminder_id] = status


class FakeEscalation:
    """Escalation chains (tested in test_escalation.py and the integration tests): recorded only."""

    def __init__(self) -> None:
        self.started: list[Any] = []
        self.stopped: list[Any] = []

    async def versions(self, owner: str) -> list[Any]:
        return []

    async def start(self, key: Any, community: Any, policy: Any, opened_at: Any) -> bool:
        self.started.append(key)
        return True

    async def stop(self, case_id: str, departments: set[str], status: str) -> int:
        self.stopped.append((case_id, departments, status))
        return 0


class FakeUnitOfWork(AbstractUnitOfWork):
    def __init__(self, *, joined: bool = False, subs: list[Subscription] | None = None) -> None:
        super().__init__()
        self.joined = joined
        self.subscriptions = FakeSubscriptions(subs or [])  # type: ignore[assignment]
        self.deliveries = FakeDeliveries()  # type: ignore[assignment]
        self.cases = FakeCases()  # type: ignore[assignment]
        self.reminders = FakeReminders()  # type: ignore[assignment]
        self.escalation = FakeEscalation()  # type: ignore[assignment]
        self.commits = 0
        self.answers: dict[str | None, Any] = {}

    @property
    def owns_transaction(self) -> bool:
        return not self.joined

    async def _commit(self) -> None:
        self.commits += 1

    async def rollback(self) -> None:
        return None

    async def claim(self, subject: str, key: str | None, fingerprint: str) -> Any | None:
        return self.answers.get(key)

    async def store_answer(self, subject: str, key: str | None, body: Any, status: int = 200) -> None:
        self.answers[key] = body


def context() -> NotifyContext:
    return NotifyContext(reference=None, names=Names({}, {}, {}), schedule=ReminderSchedule())  # type: ignore[arg-type]


def counted(counter: Any, label: str) -> float:
    return float(counter.labels(label)._value.get())


def test_every_command_has_its_one_handler() -> None:
    assert set(typing.get_args(c.Command)) == set(HANDLERS)


async def test_a_command_without_a_handler_fails_loudly() -> None:
    bus = message_bus(FakeUnitOfWork, context())
    with pytest.raises(MissingHandler):
        await bus.handle(object())


def envelope(event_type: str, subject: str, sequence: int, data: dict[str, Any]) -> Envelope:
    return Envelope(
        id=uuid.uuid4(), type=event_type, source="/t", time=NOW, subject=subject, sequence=sequence, data=data
    )


def test_consumed_events_become_commands() -> None:
    place = {"address": "1 Road", "lat": 30.1, "lon": 120.2}
    received = envelope(EventType.REPORT_RECEIVED, "R-1", 1, {"report_id": "R-1", "place": place})
    assert command_of(received) == c.RememberPlace(report_id="R-1", place=place)
    placeless = envelope(EventType.REPORT_RECEIVED, "R-2", 1, {})
    assert command_of(placeless) is None
    case = envelope(EventType.CASE_OPENED, "C-1", 3, {"case": {"id": "C-1"}})
    command = command_of(case)
    assert isinstance(command, c.NotifyOfCaseEvent)
    assert (command.event_id, command.type, command.sequence) == (str(case.id), EventType.CASE_OPENED, 3)
    verified = envelope(EventType.REPORT_VERIFIED, "R-1", 2, {})
    assert command_of(verified) is None


async def test_a_dispatched_case_queues_one_delivery_per_subscriber_and_counts_it_after_the_commit() -> None:
    wanted, other = subscription(), subscription("OTHER")
    uow = FakeUnitOfWork(joined=True, subs=[wanted, other])
    uow.cases.places["R-1"] = {"address": "1 Road"}  # type: ignore[attr-defined]
    bus = message_bus(FakeUnitOfWork, context())
    case = {"id": "C-1", "status": "dispatched", "community": None, "report_ids": ["R-1"], "assignments": []}
    command = c.NotifyOfCaseEvent(
        event_id="e-1", type=EventType.CASE_DISPATCHED, sequence=2, time=NOW, data={"case": case, "departments": [LEAD]}
    )
    before = counted(NOTICES, "dispatched")
    await bus.handle(command, uow)
    assert [sub for (_, sub) in uow.deliveries.rows] == [wanted.id]  # type: ignore[attr-defined]
    assert uow.deliveries.woken == 1  # type: ignore[attr-defined]
    assert uow.cases.snapshots["C-1"][1]["place"] == {"address": "1 Road"}  # type: ignore[attr-defined]
    assert counted(NOTICES, "dispatched") == before  # joined: the consumer has not committed yet
    uow.run_after_commit()
    assert counted(NOTICES, "dispatched") == before + 1


async def test_due_reminders_fire_or_expire_in_one_commit() -> None:
    uow = FakeUnitOfWork(subs=[subscription()])
    uow.reminders.due = [  # type: ignore[attr-defined]
        DueReminder(1, str(uuid.uuid4()), "C-1", LEAD, "acknowledge", NOW + timedelta(hours=1), NOW),
        DueReminder(2, str(uuid.uuid4()), "C-2", LEAD, "resolve", NOW - timedelta(minutes=1), NOW),
    ]
    bus = message_bus(lambda: uow, context())
    fired, expired = counted(REMINDERS, "fired"), counted(REMINDERS, "expired")
    assert await bus.handle(c.FireDueReminders()) == 2
    assert uow.reminders.settled == {1: "fired", 2: "expired"}  # type: ignore[attr-defined]
    assert len(uow.deliveries.rows) == 1 and uow.commits == 1  # type: ignore[attr-defined]
    assert (counted(REMINDERS, "fired"), counted(REMINDERS, "expired")) == (fired + 1, expired + 1)


async def test_the_claim_leases_only_the_rows_the_worker_chose() -> None:
    sub_a, sub_b = uuid.uuid4(), uuid.uuid4()
    rows = [
        DueDelivery(i, str(uuid.uuid4()), sub, {}, 0, None, NOW, "https://x", "generic", "s", LEAD, None)
        for i, sub in enumerate([sub_a, sub_b, sub_a], start=1)
    ]
    uow = FakeUnitOfWork()
    uow.deliveries.due = rows  # type: ignore[attr-defined]
    bus = message_bus(lambda: uow, context())
    command = c.ClaimDeliveries(
        busy=[],
        limit=10,
        owner="me",
        lease_seconds=20,
        choose=lambda due: [r for r in due if r.subscription_id == sub_a],
    )
    found, chosen = await bus.handle(command)
    assert found == 3 and [r.id for r in chosen] == [1, 3]
    assert uow.deliveries.leased == [1, 3] and uow.commits == 1  # type: ignore[attr-defined]


async def test_a_retried_test_message_gets_the_first_answer_and_queues_nothing_more() -> None:
    sub = subscription()
    uow = FakeUnitOfWork(subs=[sub])
    bus = message_bus(lambda: uow, context())
    admin = Principal(sub="admin-1", role="admin")
    command = c.SendTestMessage(principal=admin, subscription_id=str(sub.id), request=c.Request("k-1", "f"))
    first = await bus.handle(command)
    again = await bus.handle(command)
    assert again == first and first["subscription"] == str(sub.id)
    assert len(uow.deliveries.rows) == 1 and uow.commits == 1  # type: ignore[attr-defined]
