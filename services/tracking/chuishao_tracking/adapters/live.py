"""Live board updates: PostgreSQL LISTEN/NOTIFY → an in-process broadcaster → SSE clients.

The projection calls pg_notify inside its transaction, so PostgreSQL delivers the notice only after
the commit — a client can never see a change that was rolled back — and delivers it to every replica
listening, whichever replica's consumer projected the event. Each replica loads the changed case once
and fans it out to its own clients.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from chuishao_tracking.adapters.store import NOTIFY_CHANNEL, RESET
from chuishao_tracking.metrics import STREAM_CLIENTS

log = logging.getLogger(__name__)

Message = dict[str, Any]  # {"event": "case" | "resync", "id": str | None, "data": dict}
RESYNC: Message = {"event": "resync", "id": None, "data": {}}


class Broadcaster:
    """Fans messages out to subscribers. A subscriber too slow to keep up loses its backlog and is
    told to resync (reload the board) instead of holding memory or slowing everyone else."""

    def __init__(self, queue_size: int = 256, max_subscribers: int = 1000) -> None:
        self.queue_size = queue_size
        self.max_subscribers = max_subscribers
        self.subscribers: set[asyncio.Queue[Message]] = set()

    @property
    def full(self) -> bool:
        return len(self.subscribers) >= self.max_subscribers

    def subscribe(self) -> asyncio.Queue[Message]:
        queue: asyncio.Queue[Message] = asyncio.Queue(self.queue_size)
        self.subscribers.add(queue)
        STREAM_CLIENTS.inc()
        return queue

    def unsubscribe(self, queue: asyncio.Queue[Message]) -> None:
        if queue in self.subscribers:
            self.subscribers.discard(queue)
            STREAM_CLIENTS.dec()

    def publish(self, message: Message) -> None:
        for queue in list(self.subscribers):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(RESYNC)


LoadCases = Callable[[list[str]], Awaitable[list[Message]]]


class BoardListener:
    """Listens for changed case ids, coalesces bursts (a rebuild notifies once per event) and publishes
    each changed case once per drain."""

    def __init__(self, dsn: str, broadcaster: Broadcaster, load: LoadCases) -> None:
        self.dsn = dsn
        self.broadcaster = broadcaster
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
                await conn.add_listener(NOTIFY_CHANNEL, self._on_notify)
                self.listening.set()
                if not first:  # notices sent while we were away are lost: clients must reload
                    self.broadcaster.publish(RESYNC)
                first = False
                await self._drain_until(stop, conn)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("board listener lost its connection; reconnecting", exc_info=True)
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
            if not self.pending:
                continue
            ids, self.pending = list(self.pending), {}
            if RESET in ids:
                self.broadcaster.publish(RESYNC)
                ids.remove(RESET)
            for start in range(0, len(ids), 200):
                for message in await self.load(ids[start : start + 200]):
                    self.broadcaster.publish(message)
