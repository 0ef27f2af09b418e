"""Slowloris: uvicorn with the platform's protocol (chuishao_shared.guarded_http), as `serve` runs it,
over real sockets. A client trickling its request line, or sending nothing, is disconnected within
the header time-out; one sending endless headers gets 431; a normal client is unaffected."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import uvicorn
from fastapi import FastAPI

from chuishao_shared.devstack import free_port
from chuishao_shared.guarded_http import guarded_protocol

TIMEOUT = 1.0


@contextlib.asynccontextmanager
async def served(header_timeout: float = TIMEOUT) -> AsyncIterator[int]:
    app = FastAPI()

    @app.get("/ping")
    async def ping() -> dict[str, str]:
        return {"pong": "ok"}

    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_config=None,
        access_log=False,
        http=guarded_protocol(header_timeout, 4096),
        timeout_keep_alive=5,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done()
        await asyncio.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


async def _closed_after(reader: asyncio.StreamReader, bound: float) -> tuple[float, bytes]:
    """Seconds until the server closed the connection (reading everything it sent meanwhile)."""
    started = time.monotonic()
    received = b""
    while True:
        chunk = await asyncio.wait_for(reader.read(1024), bound)
        if not chunk:
            return time.monotonic() - started, received
        received += chunk


async def test_a_request_line_sent_a_byte_at_a_time_is_cut_off_within_the_bound() -> None:
    async with served() as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        started = time.monotonic()
        closed = asyncio.create_task(_closed_after(reader, 10))
        line = b"GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200
        sent = 0
        with contextlib.suppress(ConnectionError):
            for byte in line:
                if closed.done():
                    break
                writer.write(bytes([byte]))
                await writer.drain()
                sent += 1
                await asyncio.sleep(0.1)  # each byte well inside any read time-out: only a header bound helps
        await closed
        elapsed = time.monotonic() - started
        assert sent < len(line), "the server waited for the whole trickle"
        assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + 1.5, elapsed
        writer.close()


async def test_an_idle_connection_and_endless_headers_are_closed_and_others_are_served() -> None:
    async with served() as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        elapsed, answer = await _closed_after(reader, TIMEOUT + 3)  # nothing sent: closed by the server
        assert answer == b"" and elapsed < TIMEOUT + 1.5, elapsed
        writer.close()

        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /ping HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"b" * 8000 + b"\r\n\r\n")
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        _, answer = await _closed_after(reader, 5)
        assert answer.startswith(b"HTTP/1.1 431 "), answer[:80]
        writer.close()

        # A normal client on a kept-alive connection, pausing between requests for longer than the
        # header bound: each request starts its own clock.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(2):
            writer.write(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            assert head.startswith(b"HTTP/1.1 200 ")
            length = int(next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")).split(b":")[1])
            assert b"pong" in await reader.readexactly(length)
            await asyncio.sleep(TIMEOUT * 1.5)  # under the keep-alive time-out (5 s)
        writer.close()
