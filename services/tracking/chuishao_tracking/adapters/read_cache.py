"""A few seconds' cache for the board's public reads (figures, chart, side panel), with one
computation in flight per key: a flood of anonymous readers costs one query every few seconds, so the
projection's writes never queue behind a crowd recomputing the same numbers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any


class ReadCache:
    def __init__(self, seconds: float, max_entries: int = 256) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[float, asyncio.Future[Any]]] = {}

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Any:
        if self.seconds <= 0:
            return await compute()
        loop = asyncio.get_running_loop()
        now = loop.time()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.seconds:
            future = entry[1]
            if not (future.done() and future.exception() is not None):
                return await asyncio.shield(future)
        if len(self._entries) >= self.max_entries:  # arbitrary periods: keep memory bounded
            self._entries = {k: v for k, v in self._entries.items() if now - v[0] < self.seconds}
            if len(self._entries) >= self.max_entries:
                return await compute()
        future = loop.create_future()
        self._entries[key] = (now, future)
        try:
            value = await compute()
        except BaseException as error:
            self._entries.pop(key, None)  # a failure is not cached: the next reader tries again
            if not future.done():
                future.set_exception(error)
                future.exception()  # retrieved: waiters re-raise it, no "never retrieved" warning
            raise
        future.set_result(value)
        return value
