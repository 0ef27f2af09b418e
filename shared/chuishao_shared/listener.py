"""PostgreSQL LISTEN/NOTIFY → this replica, for live pages.

A writer calls pg_notify inside its transaction, so PostgreSQL delivers the notice only after the
commit (a client never sees a change that was rolled back) and to every replica listening, whichever
replica wrote it. The listener keeps its own connection outside the pool, coalesces bursts into one
drain, and reconnects after a lost connection; notices sent while it was away are lost, so it then
tells its clients to resync."""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging

import asyncpg

log = logging.getLogger(__name__)

BATCH = 200  # ids loaded per query


class ChangeListener(abc.ABC):
    def __init__(self, dsn: str, channel: str, name: str) -> None:
        self.dsn = dsn
        self.channel = channel
        self.name = name
        self.pending: dict[str, None] = {}  # insertion-ordered set of changed ids
        self.wake = asyncio.Event()
        self.listening = asyncio.Event()

    @abc.abstractmethod
    def resync(self) -> None:
        """Tell every client to reload: some notices may have been missed."""

    @abc.abstractmethod
    async def deliver(self, ids: list[str]) -> None:
        """Load the changed ids (at most BATCH) and pass them on."""

    def wants_changes(self) -> bool:
        """False when nobody would receive a change, so loading it can be skipped."""
        return True

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        self.pending[payload] = None
        self.wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        first = True
        while not stop.is_set():
            conn: asyncpg.Connection | None = None
            try:
                conn = await asyncpg.connect(self.dsn)
                await conn.add_listener(self.channel, self._on_notify)
                self.listening.set()
                if not first:
                    self.resync()
                first = False
                await self._drain_until(stop, conn)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("%s lost its connection; reconnecting", self.name, exc_info=True)
            finally:
                self.listening.clear()
                if conn is not None:
                    with contextlib.suppress(Exception):
                        await conn.close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)

    async def _drain_until(self, stop: asyncio.Event, conn: asyncpg.Connection) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), 5.0)
            if conn.is_closed():
                raise ConnectionError("listener connection closed")
            self.wake.clear()
            if not self.pending or not self.wants_changes():
                self.pending.clear()
                continue
            ids, self.pending = list(self.pending), {}
            for start in range(0, len(ids), BATCH):
                await self.deliver(ids[start : start + BATCH])
