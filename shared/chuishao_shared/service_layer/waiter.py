"""One LISTEN/NOTIFY waiter: PostgreSQL delivers a notice only after its transaction commits, so a
notice means "something committed, look now". The waiter collects the notices' payloads (insertion
ordered, duplicates merged) and wakes whoever waits; polling stays the safety net, since a notice sent
while nobody listened is lost.

Used by the outbox relay (wake early to publish) and the live pages' change listeners (which ids
changed)."""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg


class NotifyWaiter:
    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.pending: dict[str, None] = {}  # insertion-ordered set of payloads
        self._wake = asyncio.Event()

    async def listen(self, conn: asyncpg.Connection) -> None:
        """LISTEN on `conn` (a connection of its own, outside the pool: LISTEN is per session)."""
        await conn.add_listener(self.channel, self.on_notify)

    def on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        self.pending[payload] = None
        self._wake.set()

    def wake(self) -> None:
        """Wake the waiter without a notice (the process itself knows there is work)."""
        self._wake.set()

    def clear(self) -> None:
        """Forget earlier wake-ups and payloads: only a notice or `wake()` from now on ends the next wait
        early (for a waiter that only needs to know that something committed)."""
        self.pending = {}
        self._wake.clear()

    @property
    def woken(self) -> bool:
        return self._wake.is_set()

    async def wait(self, seconds: float, stop: asyncio.Event | None = None) -> bool:
        """Wait for a notice or `wake()`, at most `seconds` and no longer than until `stop` is set (a
        shutdown does not wait the rest out); True when woken. Clears the wake-up."""
        if stop is None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), seconds)
        else:
            waits = (asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait()))
            try:
                await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiting in waits:
                    waiting.cancel()
        woken = self._wake.is_set()
        self._wake.clear()
        return woken

    def take(self) -> list[str]:
        """The payloads received since the last take, oldest first."""
        payloads, self.pending = list(self.pending), {}
        return payloads
