"""Live case changes for the console: PostgreSQL LISTEN/NOTIFY → this replica's subscribers.

A trigger on `cases` notifies the changed case id after each commit, whichever replica, consumer,
timer or request wrote it, so every replica hears every change. Each replica loads a changed case once
and offers it to its own subscribers; each subscriber keeps only the cases its principal may see."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg

from chuishao_dispatch.adapters.repository import LoadedCase

log = logging.getLogger(__name__)

CHANNEL = "dispatch_case_changed"
RESYNC = None  # published when notices may have been lost: clients reload their lists

Change = LoadedCase | None


class CaseChanges:
    """Fans changed cases out to subscriber queues. A subscriber too slow to keep up loses its
    backlog and is told to resync instead of holding memory."""

    def __init__(self, queue_size: int = 256) -> None:
        self.queue_size = queue_size
        self.subscribers: set[asyncio.Queue[Change]] = set()

    def subscribe(self) -> asyncio.Queue[Change]:
        queue: asyncio.Queue[Change] = asyncio.Queue(self.queue_size)
        self.subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[Change]) -> None:
        self.subscribers.discard(queue)

    def publish(self, change: Change) -> None:
        for queue in list(self.subscribers):
            try:
                queue.put_nowait(change)
            except asyncio.QueueFull:
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(RESYNC)


LoadCases = Callable[[list[str]], Awaitable[list[LoadedCase]]]


class CaseListener:
    """Listens on its own connection (outside the pool), coalesces bursts and publishes each changed
    case once per drain. Reconnects after a lost connection and tells clients to resync."""

    def __init__(self, dsn: str, changes: CaseChanges, load: LoadCases) -> None:
        self.dsn = dsn
        self.changes = changes
        self.load = load
        self.pending: dict[str, None] = {}
        self.wake = asyncio.Event()
        self.listening = asyncio.Event()

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        self.pending[payload] = None
        self.wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        first = True
        while not stop.is_set():
            conn: asyncpg.Connection | None = None
            try:
                conn = await asyncpg.connect(self.dsn)
                await conn.add_listener(CHANNEL, self._on_notify)
                self.listening.set()
                if not first:
                    self.changes.publish(RESYNC)
                first = False
                await self._drain_until(stop, conn)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("case listener lost its connection; reconnecting", exc_info=True)
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
            if not self.pending or not self.changes.subscribers:
                self.pending.clear()
                continue
            ids, self.pending = list(self.pending), {}
            for start in range(0, len(ids), 200):
                for loaded in await self.load(ids[start : start + 200]):
                    self.changes.publish(loaded)
