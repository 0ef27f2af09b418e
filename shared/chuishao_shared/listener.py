"""PostgreSQL LISTEN/NOTIFY → this replica, for live pages.

A writer calls pg_notify inside its transaction, so PostgreSQL delivers the notice only after the
commit (a client never sees a change that was rolled back) and to every replica listening, whichever
replica wrote it. The listener keeps its own connection outside the pool, coalesces bursts into one
drain, and reconnects after a lost connection; notices sent while it was away are lost, so it then
tells its clients to resync. The notices are collected by the shared waiter
(`chuishao_shared.service_layer.waiter`)."""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging

import asyncpg

from chuishao_shared.service_layer.periodic import sleep_or_stop
from chuishao_shared.service_layer.waiter import NotifyWaiter

log = logging.getLogger(__name__)

BATCH = 200  # ids loaded per query


class ChangeListener(abc.ABC):
    def __init__(self, dsn: str, channel: str, name: str) -> None:
        self.dsn = dsn
        self.channel = channel
        self.name = name
        self.waiter = NotifyWaiter(channel)  # the changed ids, in the order first notified
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

    async def run(self, stop: asyncio.Event) -> None:
        first = True
        while not stop.is_set():
            conn: asyncpg.Connection | None = None
            try:
                conn = await asyncpg.connect(self.dsn)
                await self.waiter.listen(conn)
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
            await sleep_or_stop(stop, 1.0)

    async def _drain_until(self, stop: asyncio.Event, conn: asyncpg.Connection) -> None:
        while not stop.is_set():
            await self.waiter.wait(5.0, stop)
            if conn.is_closed():
                raise ConnectionError("listener connection closed")
            ids = self.waiter.take()
            if not ids or not self.wants_changes():
                continue
            for start in range(0, len(ids), BATCH):
                await self.deliver(ids[start : start + BATCH])
