"""The board's read cache: readers within a few seconds share one computation (and one in flight),
failures are not cached, and an expired answer is computed again."""

from __future__ import annotations

import asyncio

from chuishao_tracking.adapters.read_cache import ReadCache


async def test_a_crowd_of_readers_costs_one_computation() -> None:
    cache, calls = ReadCache(seconds=5), []

    async def compute() -> int:
        calls.append(1)
        await asyncio.sleep(0.05)
        return 42

    answers = await asyncio.gather(*[cache.get("k", compute) for _ in range(200)])
    assert answers == [42] * 200
    assert len(calls) == 1
    assert await cache.get("other", compute) == 42 and len(calls) == 2


async def test_an_expired_answer_is_computed_again_and_zero_seconds_disables() -> None:
    cache, calls = ReadCache(seconds=0.05), []

    async def compute() -> int:
        calls.append(1)
        return len(calls)

    assert await cache.get("k", compute) == 1
    assert await cache.get("k", compute) == 1
    await asyncio.sleep(0.06)
    assert await cache.get("k", compute) == 2
    off = ReadCache(seconds=0)
    assert [await off.get("k", compute) for _ in range(2)] == [3, 4]


async def test_a_failure_reaches_its_waiters_and_is_not_cached() -> None:
    cache, calls = ReadCache(seconds=5), []

    async def failing() -> int:
        calls.append(1)
        await asyncio.sleep(0.02)
        raise ConnectionRefusedError("database down")

    results = await asyncio.gather(*[cache.get("k", failing) for _ in range(5)], return_exceptions=True)
    assert all(isinstance(r, ConnectionRefusedError) for r in results)
    assert len(calls) == 1

    async def working() -> int:
        return 7

    assert await cache.get("k", working) == 7


async def test_memory_stays_bounded_for_arbitrary_periods() -> None:
    cache = ReadCache(seconds=60, max_entries=10)

    async def compute() -> int:
        return 1

    for i in range(100):
        assert await cache.get(("period", i), compute) == 1
    assert len(cache._entries) <= 10
