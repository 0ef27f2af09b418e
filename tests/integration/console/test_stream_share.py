"""Issue 28, finding 6: one person may hold only a few of dispatch's live case streams at once
(429 with Retry-After beyond), so they cannot take a replica's streams from everyone else; another
person still gets one, and a stream that ended gives its place back."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
from integration.console.conftest import Console

from support.console import liaison_token
from support.factories import bearer


async def _ticket_url(console: Console, headers: dict[str, str]) -> str:
    issued = await console.dispatch.client.post("/v1/stream/tickets", headers=headers)
    assert issued.status_code == 201, issued.text
    return f"{console.dispatch.url}{issued.json()['stream_url']}"


async def test_one_person_holds_only_their_share_of_streams(console: Console) -> None:
    share = console.dispatch.settings.stream_max_per_client  # 8
    greedy = bearer(liaison_token(console.dispatch.settings, "XY-WQ-WY-WY"))
    other = bearer(liaison_token(console.dispatch.settings, "XY-GPS"))

    async def open_share(held: contextlib.AsyncExitStack) -> list[int]:
        statuses = []
        for _ in range(share):
            opened = await held.enter_async_context(client.stream("GET", await _ticket_url(console, greedy)))
            statuses.append(opened.status_code)
        return statuses

    async with httpx.AsyncClient(timeout=10) as client:
        async with contextlib.AsyncExitStack() as held:
            assert await open_share(held) == [200] * share
            refused = await client.get(await _ticket_url(console, greedy))
            assert refused.status_code == 429, refused.text
            assert refused.headers["content-type"] == "application/problem+json"
            assert int(refused.headers["retry-after"]) > 0
            async with client.stream("GET", await _ticket_url(console, other)) as theirs:
                assert theirs.status_code == 200  # another person still gets a stream
        for _ in range(50):  # the ended streams gave their places back
            async with contextlib.AsyncExitStack() as again:
                if await open_share(again) == [200] * share:
                    break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("ended streams kept their places")
