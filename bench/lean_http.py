"""A minimal HTTP/1.1 client on asyncio streams for the benchmark's offered load: keep-alive connections
from a pool, one request at a time on each, Content-Length bodies only (what our services answer).

httpx costs about 3–4 ms of CPU per POST on these cores, as much as a whole service spends on the
report; this costs a small fraction of that, so the end-to-end figures measure Chuishao, not the
load generator."""

from __future__ import annotations

import asyncio
import contextlib


class HttpError(Exception):
    """The connection failed or the answer was not HTTP/1.1 we can read."""


class LeanClient:
    def __init__(self, host: str, port: int, headers: dict[str, str], max_connections: int = 200) -> None:
        self.host, self.port = host, port
        self._fixed = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._slots = asyncio.Semaphore(max_connections)

    async def post(self, path: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        head = f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\n{self._fixed}{extra}Content-Length: {len(body)}\r\n\r\n"
        request = head.encode() + body
        async with self._slots:
            if self._idle:
                try:
                    return await self._exchange(self._idle.pop(), request)
                except HttpError:
                    pass  # the server closed a connection idle past its keep-alive: a fresh one, as httpx does
            return await self._exchange(await self._open(), request)

    async def _exchange(
        self, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes
    ) -> tuple[int, bytes]:
        reader, writer = connection
        try:
            writer.write(request)
            status, answer, keep = await _read_response(reader)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            writer.close()
            raise HttpError(str(error) or type(error).__name__) from error
        if keep:
            self._idle.append(connection)
        else:
            writer.close()
        return status, answer

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        try:
            return await asyncio.open_connection(self.host, self.port)
        except OSError as error:
            raise HttpError(str(error)) from error

    async def __aenter__(self) -> LeanClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def close(self) -> None:
        while self._idle:
            _, writer = self._idle.pop()
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    status_line = await reader.readline()
    if not status_line.startswith(b"HTTP/1.1 "):
        raise ValueError(f"not an HTTP/1.1 answer: {status_line[:40]!r}")
    status = int(status_line[9:12])
    length, keep = 0, True
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"connection" and value.strip().lower() == b"close":
            keep = False
        elif name == b"transfer-encoding":
            raise ValueError("chunked answers are not read by this client")
    return status, await reader.readexactly(length) if length else b"", keep
