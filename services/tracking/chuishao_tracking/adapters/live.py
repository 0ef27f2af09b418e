"""Live board updates: PostgreSQL LISTEN/NOTIFY → an in-process broadcaster → SSE clients.

The projection calls pg_notify inside its transaction, so PostgreSQL delivers the notice only after
the commit — a client can never see a change that was rolled back — and delivers it to every replica
listening, whichever replica's consumer projected the event. Each replica loads the changed case once
and fans it out to its own clients.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from chuishao_shared.listener import ChangeListener
from chuishao_shared.streams import StreamSlots
from chuishao_tracking.adapters.store import NOTIFY_CHANNEL, RESET
from chuishao_tracking.metrics import STREAM_CLIENTS

log = logging.getLogger(__name__)

Message = dict[str, Any]  # {"event": "case" | "resync", "id": str | None, "data": dict}
RESYNC: Message = {"event": "resync", "id": None, "data": {}}


class Broadcaster:
    """Fans messages out to subscribers. A subscriber too slow to keep up loses its backlog and is
    told to resync (reload the board) instead of holding memory or slowing everyone else. At most
    `max_subscribers` in all and `per_client` per client (`slots`), so one client cannot take them all."""

    def __init__(self, queue_size: int = 256, max_subscribers: int = 1000, per_client: int = 8) -> None:
        self.queue_size = queue_size
        self.max_subscribers = max_subscribers
        self.subscribers: set[asyncio.Queue[Message]] = set()
        self.slots = StreamSlots(per_client)

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


class BoardListener(ChangeListener):
    """Publishes each changed case once per drain; a rebuild's reset notice makes every board reload."""

    def __init__(self, dsn: str, broadcaster: Broadcaster, load: LoadCases) -> None:
        super().__init__(dsn, NOTIFY_CHANNEL, "board listener")
        self.broadcaster = broadcaster
        self.load = load

    def resync(self) -> None:
        self.broadcaster.publish(RESYNC)

    async def deliver(self, ids: list[str]) -> None:
        if not self.broadcaster.subscribers:
            return  # no screen connected to this replica: nothing to load (a new one starts from the board)
        if RESET in ids:
            self.resync()
            ids = [i for i in ids if i != RESET]
        for message in await self.load(ids) if ids else []:
            self.broadcaster.publish(message)
