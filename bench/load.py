"""The HTTP load generator for `POST /v1/reports`: `concurrency` workers on one httpx.AsyncClient
(HTTP/1.1 keep-alive, one connection per worker), each request with a unique Idempotency-Key.
Runs in the benchmark process (`drive`) or in a separate spawned process (`drive_in_process`)."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import queue
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
from common import new_key, percentile, report_body


async def drive(
    url: str,
    token: str,
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
    grids: list[str],
    categories: list[str],
    first_index: int = 0,
    warmup: float = 0.0,
    collect_ids: bool = False,
    on_warm: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Warm up for `warmup` seconds (not counted), then measure for `duration` s or `max_requests`."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    # One client (one keep-alive connection) per worker: a single AsyncClient shared by 64 workers
    # spends most of its CPU in httpcore's pool bookkeeping (encode/httpx#3215) and would measure
    # the load generator instead of intake.
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [
        httpx.AsyncClient(base_url=url, limits=limits, timeout=30.0, headers=headers) for _ in range(concurrency)
    ]
    try:
        counter = iter(range(first_index, first_index + 10_000_000))

        async def phase(seconds: float, limit: int) -> dict[str, Any]:
            latencies: list[float] = []
            statuses: Counter[str] = Counter()
            ids: list[str] = []
            errors: list[str] = []
            issued = 0
            started = time.perf_counter()
            deadline = started + seconds

            async def worker(client: httpx.AsyncClient) -> None:
                nonlocal issued
                while time.perf_counter() < deadline and issued < limit:
                    issued += 1
                    body = json.dumps(report_body(next(counter), grids, categories), ensure_ascii=False).encode()
                    t0 = time.perf_counter()
                    try:
                        response = await client.post(
                            "/v1/reports", content=body, headers={"Idempotency-Key": new_key()}
                        )
                    except httpx.HTTPError as error:
                        statuses["exception"] += 1
                        if len(errors) < 5:
                            errors.append(repr(error))
                        continue
                    latencies.append(time.perf_counter() - t0)
                    statuses[str(response.status_code)] += 1
                    if response.status_code == 201:
                        if collect_ids:
                            ids.append(response.json()["id"])
                    elif len(errors) < 5:
                        errors.append(f"{response.status_code} {response.text[:200]}")

            await asyncio.gather(*(worker(c) for c in clients))
            elapsed = time.perf_counter() - started
            accepted = statuses.get("201", 0)
            return {
                "requests": sum(statuses.values()),
                "accepted": accepted,
                "seconds": elapsed,
                "per_second": accepted / elapsed if elapsed else 0.0,
                "p50_ms": 1000 * (percentile(latencies, 50) or 0),
                "p99_ms": 1000 * (percentile(latencies, 99) or 0),
                "statuses": dict(statuses),
                "errors": sum(v for k, v in statuses.items() if k != "201"),
                "error_samples": errors,
                "ids": ids,
                "concurrency": concurrency,
            }

        if warmup > 0:
            await phase(warmup, 10_000_000)
        if on_warm is not None:
            on_warm()
        cpu_before = time.process_time()
        result = await phase(duration, max_requests)
        result["load_cpu_seconds"] = time.process_time() - cpu_before
        return result
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


def _child(kwargs: dict[str, Any], results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        results.put(asyncio.run(drive(**kwargs, on_warm=lambda: results.put({"warm": True}))))
    except BaseException as error:  # report it to the parent instead of dying silently
        results.put({"failed": repr(error)})


async def drive_in_process(on_warm: Callable[[], None] | None = None, **kwargs: Any) -> dict[str, Any]:
    """`drive` in a freshly spawned Python process; the benchmark process only waits (and kills the
    child if it is cancelled, e.g. by Ctrl-C). `on_warm` runs here when the child's warm-up is over."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_child, args=(kwargs, results), daemon=True)
    process.start()
    deadline = time.monotonic() + kwargs.get("warmup", 0) + kwargs["duration"] + 90
    result: dict[str, Any] = {"failed": "load process gave no result in time"}
    try:
        while time.monotonic() < deadline:
            try:
                result = results.get_nowait()
                if "warm" not in result:
                    break
                if on_warm is not None:
                    on_warm()
            except queue.Empty:
                if not process.is_alive() and results.empty():
                    result = {"failed": f"load process exited with {process.exitcode}"}
                    break
                await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        process.kill()
        raise
    finally:
        await asyncio.to_thread(process.join, 10)
        if process.is_alive():
            process.kill()
            await asyncio.to_thread(process.join, 5)
    if "failed" in result:
        raise RuntimeError(f"load process failed: {result['failed']}")
    result["load_pid"] = process.pid
    return result
