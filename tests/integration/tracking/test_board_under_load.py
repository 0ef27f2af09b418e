"""A busy public never blinds the board: live streams are capped per replica (503 with Retry-After,
the page's EventSource retries), and figures are shared between readers for a few seconds."""

from __future__ import annotations

import asyncio
import contextlib

import httpx

from chuishao_tracking.bootstrap import MIGRATIONS, TrackingSettings, build_app
from support.infra import Infra
from support.services import serving, start_service


async def test_streams_are_capped_and_figures_are_shared_for_a_few_seconds(infra: Infra) -> None:
    settings, app = await start_service(
        infra,
        TrackingSettings,
        build_app,
        MIGRATIONS,
        stream_max_clients=2,
        stats_cache_seconds=1.5,
    )
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        async with (
            client.stream("GET", "/v1/board/stream") as first,
            client.stream("GET", "/v1/board/stream") as second,
        ):
            assert first.status_code == second.status_code == 200
            refused = await client.get("/v1/board/stream")
            assert refused.status_code == 503
            assert refused.headers["content-type"] == "application/problem+json"
            assert int(refused.headers["retry-after"]) > 0

        # Streams that ended free their places.
        async def a_place_is_free() -> int:
            async with client.stream("GET", "/v1/board/stream") as again:
                return again.status_code

        for _ in range(50):
            if await a_place_is_free() == 200:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("closed streams kept their places")

        crowd = await asyncio.gather(*[client.get("/v1/stats/departments") for _ in range(20)])
        assert {r.status_code for r in crowd} == {200}
        assert len({r.json()["as_of"] for r in crowd}) == 1  # one computation for the crowd
        await asyncio.sleep(1.6)
        later = await client.get("/v1/stats/departments")
        assert later.json()["as_of"] > crowd[0].json()["as_of"]  # and fresh again after the window


async def test_one_client_cannot_take_every_stream(infra: Infra) -> None:
    """Issue 28, finding 6: one anonymous client opening stream after stream (within the rate limit)
    used to take every place and lock every other viewer out with 503; now it gets 429 beyond its
    share, others still get a stream, and streams that ended give their places back."""
    settings, app = await start_service(
        infra,
        TrackingSettings,
        build_app,
        MIGRATIONS,
        stream_max_clients=20,
        stream_max_per_client=3,
        trusted_proxies=["127.0.0.1/32"],
    )
    greedy, other = {"X-Forwarded-For": "198.51.100.7"}, {"X-Forwarded-For": "198.51.100.8"}
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        async with contextlib.AsyncExitStack() as held:
            for _ in range(3):
                opened = await held.enter_async_context(client.stream("GET", "/v1/board/stream", headers=greedy))
                assert opened.status_code == 200
            refused = await client.get("/v1/board/stream", headers=greedy)
            assert refused.status_code == 429, refused.text
            assert refused.headers["content-type"] == "application/problem+json"
            assert int(refused.headers["retry-after"]) > 0
            async with client.stream("GET", "/v1/board/stream", headers=other) as theirs:
                assert theirs.status_code == 200  # another viewer still gets a stream

        async def all_places_free() -> bool:
            async with contextlib.AsyncExitStack() as again:
                for _ in range(3):
                    opened = await again.enter_async_context(client.stream("GET", "/v1/board/stream", headers=greedy))
                    if opened.status_code != 200:
                        return False
            return True

        for _ in range(50):
            if await all_places_free():
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("closed streams kept the client's places")
        for _ in range(50):  # and no queue is left behind
            if not app.state.context.broadcaster.subscribers:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("streams that ended left their queues subscribed")
