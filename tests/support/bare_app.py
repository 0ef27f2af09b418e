"""The shared HTTP platform with nothing of a service on it, for the platform's unit tests: an app that
is always ready, no lifespan, and the limits a test chooses (generous unless it says otherwise)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from chuishao_shared.http import create_app


async def _ready() -> None:
    return None


def bare_app(
    *,
    service: str = "unit",
    max_body_bytes: int = 10_000,
    rate_per_second: float = 1000,
    rate_burst: int = 1000,
    **options: Any,
) -> FastAPI:
    return create_app(
        service=service,
        title="t",
        version="1",
        description="d",
        lifespan=None,
        readiness=lambda app: _ready,
        max_body_bytes=max_body_bytes,
        rate_per_second=rate_per_second,
        rate_burst=rate_burst,
        **options,
    )
