"""The shared service-layer core without I/O: the bus gives each command its one handler and refuses an
unknown one; the unit of work runs its after-commit work only after a commit it owns; the periodic
runner keeps its interval, backs off after failures and stops promptly; the waiter wakes on a notice."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

from chuishao_shared.service_layer.messagebus import MessageBus, MissingHandler
from chuishao_shared.service_layer.periodic import PeriodicTask, sleep_or_stop
from chuishao_shared.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.service_layer.waiter import NotifyWaiter


class RecordingUnitOfWork(AbstractUnitOfWork):
    def __init__(self, *, joined: bool = False, fail_commit: bool = False) -> None:
        super().__init__()
        self.joined = joined
        self.fail_commit = fail_commit
        self.log: list[str] = []

    @property
    def owns_transaction(self) -> bool:
        return not self.joined

    async def _commit(self) -> None:
        if self.fail_commit:
            raise ConnectionError("gone at commit")
        self.log.append("commit")

    async def rollback(self) -> None:
        self.log.append("rollback")


@dataclass(frozen=True)
class Greet:
    name: str


@dataclass(frozen=True)
class Unhandled:
    pass


async def greet(cmd: Greet, uow: RecordingUnitOfWork, ctx: str) -> str:
    async with uow:
        uow.after_commit(lambda: uow.log.append("metric"))
        await uow.commit()
    return f"{ctx} {cmd.name}"


def _bus(made: list[RecordingUnitOfWork]) -> MessageBus[RecordingUnitOfWork, str]:
    def factory() -> RecordingUnitOfWork:
        made.append(RecordingUnitOfWork())
        return made[-1]

    return MessageBus({Greet: greet}, factory, "hello")


async def test_each_command_gets_its_handler_a_fresh_unit_of_work_and_the_context() -> None:
    made: list[RecordingUnitOfWork] = []
    bus = _bus(made)
    assert await bus.handle(Greet("a")) == "hello a"
    assert await bus.handle(Greet("b")) == "hello b"
    assert len(made) == 2 and made[0] is not made[1]
    assert made[0].log == ["commit", "metric", "rollback"]  # the metric after the commit; exit is a no-op


async def test_a_command_without_a_handler_fails_loudly() -> None:
    made: list[RecordingUnitOfWork] = []
    with pytest.raises(MissingHandler, match="Unhandled"):
        await _bus(made).handle(Unhandled())
    assert made == []


async def test_a_joined_unit_of_work_leaves_after_commit_work_to_the_consumer() -> None:
    made: list[RecordingUnitOfWork] = []
    bus = _bus(made)
    joined = RecordingUnitOfWork(joined=True)
    await bus.handle(Greet("c"), joined)
    assert made == [] and "metric" not in joined.log
    joined.run_after_commit()  # what the consumer does once its transaction committed
    assert joined.log[-1] == "metric"


async def test_the_event_handler_joins_the_consumers_connection_and_skips_unknown_events() -> None:
    joined: list[RecordingUnitOfWork] = []

    def join(conn: Any) -> RecordingUnitOfWork:
        joined.append(RecordingUnitOfWork(joined=True))
        return joined[-1]

    bus = MessageBus({Greet: greet}, RecordingUnitOfWork, "hi")
    on_event = bus.event_handler(lambda e: Greet(e.subject) if e.type == "greet" else None, join)
    assert await on_event(object(), SimpleNamespace(type="other", subject="x")) is None  # type: ignore[arg-type]
    after = await on_event(object(), SimpleNamespace(type="greet", subject="x"))  # type: ignore[arg-type]
    assert len(joined) == 1 and "metric" not in joined[0].log
    assert after is not None
    after()
    assert joined[0].log[-1] == "metric"


async def test_no_after_commit_work_when_the_commit_fails_or_never_comes() -> None:
    failing = RecordingUnitOfWork(fail_commit=True)
    with pytest.raises(ConnectionError):
        async with failing:
            failing.after_commit(lambda: failing.log.append("metric"))
            await failing.commit()
    uncommitted = RecordingUnitOfWork()
    async with uncommitted:
        uncommitted.after_commit(lambda: uncommitted.log.append("metric"))
    async with uncommitted:  # entering again forgets what the rolled-back use case left
        await uncommitted.commit()
    assert "metric" not in failing.log + uncommitted.log
    assert failing.log == ["rollback"]


async def test_the_runner_keeps_its_interval_and_stops_when_asked() -> None:
    runs: list[float] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    async def job() -> None:
        runs.append(loop.time())
        if len(runs) == 4:
            stop.set()

    task = PeriodicTask("tick", job, every=0.02, jitter=0.0)
    await asyncio.wait_for(task.run(stop), 2)
    assert len(runs) == 4
    gaps = [b - a for a, b in zip(runs, runs[1:], strict=False)]
    assert all(gap >= 0.018 for gap in gaps), gaps


async def test_the_runner_waits_before_its_first_run_and_returns_if_stopped_meanwhile() -> None:
    runs: list[int] = []
    stop = asyncio.Event()

    async def job() -> None:
        runs.append(1)

    runner = asyncio.create_task(PeriodicTask("late", job, every=1, first_after=5).run(stop))
    await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(runner, 1)  # returns promptly, long before the first run was due
    assert runs == []


async def test_failures_are_logged_and_backed_off_then_the_interval_returns(caplog: pytest.LogCaptureFixture) -> None:
    outcomes = iter([False, False, False, True])

    async def job() -> None:
        if not next(outcomes):
            raise RuntimeError("database down")

    task = PeriodicTask("sweep", job, every=1.0, jitter=0.0, max_backoff=5.0)
    delays = []
    with caplog.at_level(logging.WARNING):
        for _ in range(4):
            await task.run_once()
            delays.append(task.next_delay())
    assert delays == [2.0, 4.0, 5.0, 1.0]  # doubled, capped, and back to the interval after a success
    assert caplog.text.count("sweep failed") == 3 and "database down" in caplog.text


def test_jitter_stays_within_its_fraction() -> None:
    async def job() -> None:
        return None

    low = PeriodicTask("j", job, every=10, jitter=0.2, rng=lambda: 0.0)
    high = PeriodicTask("j", job, every=10, jitter=0.2, rng=lambda: 0.999999)
    assert low.next_delay() == pytest.approx(8.0) and high.next_delay() == pytest.approx(12.0, abs=1e-4)
    with pytest.raises(ValueError, match="interval"):
        PeriodicTask("j", job, every=0)


async def test_cancelling_the_runner_cancels_its_running_job() -> None:
    started, cancelled = asyncio.Event(), asyncio.Event()

    async def job() -> None:
        started.set()
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    runner = asyncio.create_task(PeriodicTask("slow", job, every=1).run(asyncio.Event()))
    await asyncio.wait_for(started.wait(), 1)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    assert cancelled.is_set()


async def test_sleep_or_stop_reports_a_stop() -> None:
    stop = asyncio.Event()
    assert await sleep_or_stop(stop, 0.01) is False
    stop.set()
    assert await sleep_or_stop(stop, 10) is True


async def test_the_waiter_wakes_on_a_notice_and_hands_over_each_payload_once_in_order() -> None:
    waiter = NotifyWaiter("changes")
    assert await waiter.wait(0.01) is False
    waiter.on_notify(None, 1, "changes", "b")
    waiter.on_notify(None, 1, "changes", "a")
    waiter.on_notify(None, 1, "changes", "b")
    assert await waiter.wait(5) is True
    assert waiter.take() == ["b", "a"] and waiter.take() == []
    assert await waiter.wait(0.01) is False  # the wake-up was used up


async def test_the_waiter_is_woken_by_the_process_and_forgets_wakes_it_cleared() -> None:
    waiter = NotifyWaiter("outbox")
    waiter.on_notify(None, 1, "outbox", "")
    waiter.wake()
    waiter.clear()
    assert await waiter.wait(0.01) is False and waiter.take() == []  # a wake-only waiter keeps no payloads
    pending = asyncio.create_task(waiter.wait(5))
    await asyncio.sleep(0)
    waiter.wake()
    assert await asyncio.wait_for(pending, 1) is True


async def test_a_wait_ends_when_the_service_stops_and_a_notice_still_wakes_it() -> None:
    waiter, stop = NotifyWaiter("changes"), asyncio.Event()
    pending = asyncio.create_task(waiter.wait(3600, stop))
    await asyncio.sleep(0)
    stop.set()
    assert await asyncio.wait_for(pending, 1) is False  # not woken: stopped (an hour's wait would time out)
    waiting = asyncio.create_task(waiter.wait(3600, asyncio.Event()))
    await asyncio.sleep(0)
    waiter.on_notify(None, 1, "changes", "x")
    assert await asyncio.wait_for(waiting, 1) is True and waiter.take() == ["x"]


async def test_the_poll_handler_gives_each_command_its_own_joined_unit_of_work_and_runs_all_after_commit() -> None:
    joined: list[RecordingUnitOfWork] = []

    def join(conn: Any) -> RecordingUnitOfWork:
        joined.append(RecordingUnitOfWork(joined=True))
        return joined[-1]

    bus = MessageBus({Greet: greet}, RecordingUnitOfWork, "hi")
    on_poll = bus.poll_handler(lambda events: [Greet(e.subject) for e in events], join)
    polled = [SimpleNamespace(subject=name) for name in ("a", "b")]
    after = await on_poll(object(), polled)  # type: ignore[arg-type]
    assert len(joined) == 2 and all("metric" not in uow.log for uow in joined)  # not before the commit
    assert after is not None
    after()
    assert [uow.log[-1] for uow in joined] == ["metric", "metric"]
