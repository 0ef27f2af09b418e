"""A public read flood for the fault suite: anonymous readers in a process of their own. This module
imports nothing of the services, so the spawned process starts quickly."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class ReadFlood:
    """`clients` anonymous readers, each behind its own address (X-Forwarded-For through a trusted
    proxy, as behind the ingress) and with its own connection, reading the figures, the board page and
    the board list as fast as they are answered, until stopped. They run in a process of their own, so
    the test's other threads (the phone, the sampler) neither slow them nor are slowed by them."""

    url: str
    clients: int = 64
    paths: tuple[str, ...] = ("/v1/stats/departments", "/", "/v1/board/cases")
    answered: int = 0
    limited: int = 0
    shed: int = 0
    failed: int = 0
    resent: int = 0  # GETs sent again on a new connection after the server closed a kept-alive one
    statuses: dict[int | str, int] | None = None
    slowest: float = 0.0

    def start(self, within: float = 60.0) -> ReadFlood:
        """Returns once every reader has had an answer: the flood is on."""
        context = multiprocessing.get_context("spawn")
        self._stop, self._flooding = context.Event(), context.Event()
        self._results: Any = context.Queue()
        self._process = context.Process(
            target=_flood,
            args=(self.url, self.clients, self.paths, self._flooding, self._stop, self._results),
            daemon=True,
        )
        self._process.start()
        if not self._flooding.wait(within):
            self._process.kill()
            raise AssertionError(f"the read flood did not start within {within} s")
        return self

    def stop(self) -> None:
        self._stop.set()
        found = self._results.get(timeout=60)
        self._process.join(30)
        self.answered, self.limited, self.shed = found["answered"], found["limited"], found["shed"]
        self.failed, self.statuses, self.slowest = found["failed"], found["statuses"], found["slowest"]
        self.resent = found["resent"]

    def close(self) -> None:
        """End the readers' process whatever happened (a failed test must not leave a flood behind)."""
        if self._process.is_alive():
            self._process.kill()
            self._process.join(10)


def _flood(url: str, clients: int, paths: tuple[str, ...], flooding: Any, stop: Any, results: Any) -> None:
    found: dict[str, Any] = {
        "answered": 0,
        "limited": 0,
        "shed": 0,
        "failed": 0,
        "resent": 0,
        "slowest": 0.0,
        "statuses": {},
    }
    first_answers: set[int] = set()

    async def reader(i: int) -> None:
        headers = {"X-Forwarded-For": f"198.51.100.{i + 1}"}
        n = i
        # One client per reader: a pool shared by 64 workers measures httpx's bookkeeping, not the
        # service (docs/benchmarks.md).
        async with httpx.AsyncClient(base_url=url, timeout=30, headers=headers) as client:
            while not stop.is_set():
                n += 1
                asked = time.monotonic()
                try:
                    try:
                        response = await client.get(paths[n % len(paths)])
                    except (httpx.RemoteProtocolError, httpx.ReadError):
                        # The server closed the kept-alive connection (idle past its keep-alive time-out
                        # while this crowded process was slow to send; seen as a reset, ReadError, when the
                        # close crosses the request): a browser sends a GET again on a new connection, once.
                        found["resent"] += 1
                        response = await client.get(paths[n % len(paths)])
                    found["slowest"] = max(found["slowest"], time.monotonic() - asked)
                except httpx.HTTPError as error:
                    found["failed"] += 1
                    kind = type(error).__name__  # counted beside the statuses, by kind
                    found["statuses"][kind] = found["statuses"].get(kind, 0) + 1
                    await asyncio.sleep(0.1)
                    continue
                first_answers.add(i)
                if len(first_answers) == clients:
                    flooding.set()
                status = response.status_code
                found["statuses"][status] = found["statuses"].get(status, 0) + 1
                if status == 200:
                    found["answered"] += 1
                    continue
                # Overload answered as such: 429 (this client is too fast) or 503 (the replica is
                # saturated: a pool wait past its bound), both with Retry-After, which the reader honours.
                if status in (429, 503) and "retry-after" in response.headers:
                    found["limited" if status == 429 else "shed"] += 1
                    await asyncio.sleep(float(response.headers["retry-after"]))
                else:
                    found["failed"] += 1

    async def run() -> None:
        await asyncio.gather(*(reader(i) for i in range(clients)))

    asyncio.run(run())
    results.put(found)
