"""uvicorn's HTTP/1.1 protocol (httptools) with the two bounds it lacks, against slowloris clients.

uvicorn arms its keep-alive time-out only after a response; a connection that sends nothing, or a
request line and headers a byte at a time, is held for ever, and httptools takes header bytes without
a limit. Here a request's line and headers must arrive within `CHUISHAO_HEADER_TIMEOUT_SECONDS`
(10) of the connection opening or of the request's first byte, else the connection is closed; and
more than `CHUISHAO_MAX_HEADER_BYTES` (32 KiB) of request line and headers gets 431 and a close.
The body is the platform's business (HttpPlatform's size limits). Selected by import string
(`serve.PROTOCOL`), so uvicorn's worker processes load it too; they read the limits from the
environment, which `serve` fills from the settings."""

from __future__ import annotations

import asyncio
import os

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT_ENV = "CHUISHAO_HEADER_TIMEOUT_SECONDS"
MAX_HEADER_BYTES_ENV = "CHUISHAO_MAX_HEADER_BYTES"


def _limits() -> tuple[float, int]:
    return float(os.environ.get(HEADER_TIMEOUT_ENV, "10")), int(os.environ.get(MAX_HEADER_BYTES_ENV, "32768"))


class GuardedHttpProtocol(HttpToolsProtocol):
    header_timeout, max_header_bytes = _limits()

    _header_timer: asyncio.TimerHandle | None = None
    _header_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        if self._header_timer is None:
            self._arm()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value))
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self.max_header_bytes:
            # Stops the parser: uvicorn answers a parser error with send_400_response, below.
            raise ValueError("request line and headers too large")

    def send_400_response(self, msg: str) -> None:
        if self._header_bytes <= self.max_header_bytes:
            super().send_400_response(msg)
            return
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        )
        self.transport.close()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        """No complete request line and headers in time: close (a request in progress is never cut)."""
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def guarded_protocol(header_timeout: float, max_header_bytes: int) -> type[GuardedHttpProtocol]:
    """The protocol with these limits (for a uvicorn server in this process)."""
    return type(
        "GuardedHttpProtocol",
        (GuardedHttpProtocol,),
        {"header_timeout": header_timeout, "max_header_bytes": max_header_bytes},
    )
