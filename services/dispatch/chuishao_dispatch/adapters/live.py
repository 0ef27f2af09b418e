"""Live case changes for the console: PostgreSQL LISTEN/NOTIFY → this replica's subscribers.

A trigger on `cases` notifies the changed case id after each commit, whichever replica, consumer,
timer or request wrote it, so every replica hears every change. Each replica loads a changed case once
and offers it to its own subscribers; each subscriber keeps only the cases its principal may see."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from chuishao_dispatch.adapters.repository import LoadedCase
from chuishao_shared.listener import ChangeListener
from chuishao_shared.streams import StreamSlots

log = logging.getLogger(__name__)

CHANNEL = "dispatch_case_changed"
RESYNC = None  # published when notices may have been lost: clients reload their lists

Change = LoadedCase | None


class CaseChanges:
    """Fans changed cases out to subscriber queues. A subscriber too slow to keep up loses its
    backlog and is told to resync instead of holding memory. One person holds at most `per_client`
    streams at once (`slots`)."""

    def __init__(self, queue_size: int = 256, per_client: int = 8) -> None:
        self.queue_size = queue_size
        self.subscribers: set[asyncio.Queue[Change]] = set()
        self.slots = StreamSlots(per_client)

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


class CaseListener(ChangeListener):
    """Publishes each changed case once per drain; skips loading while no console is connected."""

    def __init__(self, dsn: str, changes: CaseChanges, load: LoadCases) -> None:
        super().__init__(dsn, CHANNEL, "case listener")
        self.changes = changes
        self.load = load

    def resync(self) -> None:
        self.changes.publish(RESYNC)

    def wants_changes(self) -> bool:
        return bool(self.changes.subscribers)

    async def deliver(self, ids: list[str]) -> None:
        for loaded in await self.load(ids):
            self.changes.publish(loaded)
