"""The shared HTTP platform's own cost per request, without a database, a socket or other processes:
`create_app` (every middleware a service has) with one trivial JSON route, called in-process as uvicorn
calls it, N times; prints CPU microseconds per request (time.process_time, so other processes on the
machine do not count). Run it on two checkouts to compare (docs/benchmarks.md).

Usage: python bench/platform_stack.py [--requests 20000]"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
from typing import Any

from pydantic import BaseModel

from chuishao_shared.http import create_app

BODY = json.dumps(
    {
        "category": "road",
        "grid": "XY-01",
        "severity": "minor",
        "description": "楼道堆放杂物严重，影响消防通道通行，请尽快清理 #bench",
        "place": {"building": "3号楼", "unit": "2单元", "lat": 39.91, "lon": 116.36},
        "photos": ["https://photos.example/bench/1.jpg"],
    },
    ensure_ascii=False,
).encode()


class Place(BaseModel):
    building: str
    unit: str
    lat: float
    lon: float


class Report(BaseModel):
    category: str
    grid: str
    severity: str
    description: str
    place: Place
    photos: list[str]


def build() -> Any:
    async def ready() -> None:
        return None

    app = create_app(
        service="bench",
        title="bench",
        version="1",
        description="",
        lifespan=None,
        readiness=lambda app: ready,
        max_body_bytes=64 * 1024,
        rate_per_second=1e9,
        rate_burst=10**9,
        upload_limits={"/v1/photos": 10 * 1024 * 1024},
    )

    @app.post("/v1/reports", status_code=201)
    async def file(report: Report) -> dict[str, str]:
        return {"id": "r-1", "grid": report.grid}

    return app


async def run(requests: int) -> float:
    app = build()
    headers = [
        (b"host", b"127.0.0.1:8001"),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(BODY)).encode()),
        (b"authorization", b"Bearer not-a-token"),
        (b"idempotency-key", b"k"),
    ]
    statuses: list[int] = []

    async def one() -> None:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/v1/reports",
            "raw_path": b"/v1/reports",
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8001),
            "state": {},
        }
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": BODY, "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app(scope, receive, send)

    for _ in range(500):  # warm-up
        await one()
    statuses.clear()
    started = time.process_time()
    for _ in range(requests):
        await one()
    used = time.process_time() - started
    assert set(statuses) == {201}, set(statuses)
    return 1e6 * used / requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20000)
    args = parser.parse_args()
    with contextlib.suppress(ImportError):
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    runs = [asyncio.run(run(args.requests)) for _ in range(3)]
    print(f"platform stack: {min(runs):.1f} µs CPU per request (best of 3: {', '.join(f'{r:.1f}' for r in runs)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
