"""A consumer stops when its service stops, whatever it is waiting on the broker for: a poll with nothing
to fetch, or a client start (a group join) that has not finished. Fakes of the broker client stand in for
aiokafka here (pure tier); the real broker's side is the fault suite's."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from chuishao_shared.consumer import EventConsumer


class NeverAnswering:
    """An aiokafka client whose chosen call waits forever, as a poll on an idle topic or a stuck join."""

    def __init__(self, hang_in: str) -> None:
        self.hang_in = hang_in
        self.stopped = False
        self.committed: list[Any] = []

    async def _maybe_hang(self, call: str) -> None:
        if call == self.hang_in:
            await asyncio.Event().wait()

    async def start(self) -> None:
        await self._maybe_hang("start")

    async def getmany(self, timeout_ms: int = 0) -> dict[Any, Any]:
        await self._maybe_hang("getmany")
        await asyncio.sleep(timeout_ms / 1000)
        return {}

    def assignment(self) -> set[Any]:
        return set()

    async def commit(self, offsets: Any) -> None:
        self.committed.append(offsets)

    async def stop(self) -> None:
        self.stopped = True


async def _handler(conn: Any, envelope: Any) -> None:
    raise AssertionError("no event was polled")


@pytest.mark.parametrize("hang_in", ["getmany", "start"])
async def test_a_stopping_service_does_not_wait_for_the_broker(hang_in: str) -> None:
    consumer, producer = NeverAnswering(hang_in), NeverAnswering("nothing")
    event_consumer = EventConsumer(
        name="test",
        engine=None,  # type: ignore[arg-type]  (no event reaches the database)
        consumer_factory=lambda: consumer,  # type: ignore[arg-type,return-value]
        producer_factory=lambda: producer,  # type: ignore[arg-type,return-value]
        handler=_handler,  # type: ignore[arg-type]
    )
    stop = asyncio.Event()
    running = asyncio.create_task(event_consumer.run(stop))
    await asyncio.sleep(0.05)
    assert not running.done()
    stop.set()
    await asyncio.wait_for(running, 5)  # with the call still waiting, this would never end
    assert consumer.stopped and producer.stopped and consumer.committed == []
