"""A consumer's linger (CHUISHAO_CONSUMER_LINGER_MS): a poll short of a batch waits once and takes what
arrived meanwhile, so one transaction carries more events; a full batch goes at once. Fakes of the broker
client stand in for aiokafka here (pure tier); the real broker is the integration tier's."""

from __future__ import annotations

import asyncio
from typing import Any

from aiokafka import TopicPartition

from chuishao_shared.consumer import EventConsumer

A, B = TopicPartition("t", 0), TopicPartition("t", 1)


class Later:
    """What the broker holds for the next poll, and how many polls were asked."""

    def __init__(self, waiting: dict[TopicPartition, list[str]]) -> None:
        self.waiting, self.polls = waiting, 0

    async def getmany(self, timeout_ms: int = 0) -> dict[TopicPartition, list[str]]:
        self.polls += 1
        waiting, self.waiting = self.waiting, {}
        return waiting


def consumer(linger: float, batch: int = 100) -> EventConsumer:
    return EventConsumer(
        name="c",
        engine=None,  # type: ignore[arg-type]
        consumer_factory=lambda: None,  # type: ignore[arg-type,return-value]
        producer_factory=lambda: None,  # type: ignore[arg-type,return-value]
        handler=None,  # type: ignore[arg-type]
        batch_max_events=batch,
        linger_seconds=linger,
    )


async def test_a_short_poll_waits_once_and_takes_what_arrived_in_order() -> None:
    broker = Later({A: ["a2"], B: ["b1"]})
    never: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    started = asyncio.get_running_loop().time()
    merged = await consumer(0.05)._linger(broker, {A: ["a1"]}, never)  # type: ignore[arg-type]
    assert merged == {A: ["a1", "a2"], B: ["b1"]}
    assert broker.polls == 1
    assert asyncio.get_running_loop().time() - started >= 0.05


async def test_a_full_batch_does_not_wait() -> None:
    broker = Later({A: ["a3"]})
    never: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    merged = await consumer(5.0, batch=2)._linger(broker, {A: ["a1", "a2"]}, never)  # type: ignore[arg-type]
    assert merged == {A: ["a1", "a2"]} and broker.polls == 0


class Committed:
    def __init__(self) -> None:
        self.commits: list[dict[TopicPartition, int]] = []

    async def commit(self, offsets: dict[TopicPartition, int]) -> None:
        self.commits.append(offsets)


class Record:
    def __init__(self, name: str, offset: int) -> None:
        self.name, self.offset = name, offset


async def test_a_polls_partitions_go_in_transactions_together_then_one_offset_commit() -> None:
    applied: list[list[str]] = []
    sink = consumer(0.0, batch=3)

    async def process_poll(records: list[Record], producer: object) -> list[str]:
        applied.append([r.name for r in records])
        return ["processed"] * len(records)

    sink.process_poll = process_poll  # type: ignore[assignment,method-assign]
    broker = Committed()
    poll = {A: [Record("a1", 7), Record("a2", 8)], B: [Record("b1", 3), Record("b2", 4)]}
    await sink._apply(broker, poll, None)  # type: ignore[arg-type]
    assert applied == [["a1", "a2", "b1"], ["b2"]]  # each partition's order kept, at most the batch each
    assert broker.commits == [{A: 9, B: 5}]  # after every transaction, in one request
