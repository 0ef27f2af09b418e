"""The live board's listener loads changed cases only for screens that are connected to this replica."""

from __future__ import annotations

import asyncio

from chuishao_tracking.adapters.live import RESYNC, BoardListener, Broadcaster
from chuishao_tracking.adapters.store import RESET


def _listener(loaded: list[list[str]]) -> tuple[BoardListener, Broadcaster]:
    broadcaster = Broadcaster()

    async def load(ids: list[str]) -> list[dict[str, object]]:
        loaded.append(ids)
        return [{"event": "case", "id": f"{i}:1", "data": {"id": i}} for i in ids]

    return BoardListener("postgresql://unused/none", broadcaster, load), broadcaster


def test_no_screen_connected_means_no_case_is_loaded() -> None:
    loaded: list[list[str]] = []
    listener, _ = _listener(loaded)
    asyncio.run(listener.deliver(["C-1", "C-2", RESET]))
    assert loaded == []


def test_a_connected_screen_gets_each_changed_case_and_a_reset_makes_it_resync() -> None:
    loaded: list[list[str]] = []
    listener, broadcaster = _listener(loaded)

    async def scenario() -> list[dict[str, object]]:
        queue = broadcaster.subscribe()
        try:
            await listener.deliver(["C-1", RESET, "C-2"])
            return [queue.get_nowait() for _ in range(queue.qsize())]
        finally:
            broadcaster.unsubscribe(queue)

    messages = asyncio.run(scenario())
    assert loaded == [["C-1", "C-2"]]
    assert messages == [RESYNC, *({"event": "case", "id": f"{i}:1", "data": {"id": i}} for i in ("C-1", "C-2"))]
