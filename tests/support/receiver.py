"""A real HTTP receiver on loopback for notify's tests: records every request (time, headers, raw
body, path and query) and answers from a script — status codes in turn, or never (hangs)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    at: float  # time.time() when the request was read
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    url: str
    statuses: list[int] = field(default_factory=list)  # answered in turn; 200 once exhausted
    hang: bool = False
    retry_after: str | None = None  # sent with every 429
    answer: bytes | None = None  # the body of every answer (default: the robots' `{"errcode":0}` on 200, else `{}`)
    requests: list[Received] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_status(self) -> int:
        with self.lock:
            return self.statuses.pop(0) if self.statuses else 200

    def event_ids(self) -> list[str]:
        return [r.headers.get("Chuishao-Event-Id", "") for r in self.requests]

    def of_type(self, wire_type: str) -> list[Received]:
        return [r for r in self.requests if r.headers.get("Chuishao-Event-Type") == wire_type]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the standard library's name
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            parts = urllib.parse.urlsplit(self.path)
            with receiver.lock:
                receiver.requests.append(
                    Received(time.time(), parts.path, urllib.parse.parse_qs(parts.query), dict(self.headers), body)
                )
            if receiver.hang:
                receiver.released.wait(120)
                return
            status = receiver.next_status()
            payload = receiver.answer or (b'{"errcode":0,"errmsg":"ok"}' if status == 200 else b"{}")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            if status == 429 and receiver.retry_after:
                self.send_header("Retry-After", receiver.retry_after)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextlib.contextmanager
def receiver(
    path: str = "/hook",
    *,
    statuses: list[int] | None = None,
    hang: bool = False,
    retry_after: str | None = None,
    answer: bytes | None = None,
) -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Receiver("")))
    server.daemon_threads = True
    server.block_on_close = False  # type: ignore[attr-defined]
    got = Receiver(
        f"http://127.0.0.1:{server.server_address[1]}{path}", list(statuses or []), hang, retry_after, answer
    )
    server.RequestHandlerClass = _handler(got)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield got
    finally:
        got.released.set()
        server.shutdown()
        server.server_close()
