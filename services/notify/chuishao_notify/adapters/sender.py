"""Sends one rendered request with httpx: bounded time-outs, no redirects, no proxy from the
environment, only to public addresses (adapters/guarded_network.py), nothing read beyond what the log
needs. The log gets a status code, a robot's integer `errcode` or a short reason of ours: never a
word of the receiver's answer, nor the URL (robot URLs carry their access key)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from chuishao_notify.adapters.guarded_network import (
    GuardedBackend,
    GuardedTransport,
    Resolver,
    refusal,
    system_resolver,
)
from chuishao_notify.domain.destinations import Network
from chuishao_notify.domain.formats import OutgoingRequest


@dataclass(frozen=True)
class SendResult:
    status_code: int | None  # None: no answer (time-out, connection error)
    latency: float
    retry_after: str | None = None
    error: str | None = None
    errcode: int | None = None  # the robots answer 200 with a non-zero `errcode` when they refuse
    refused: bool = False  # never sent: the destination is not one notify may reach (not worth a retry)


class HttpSender:
    def __init__(
        self,
        timeout_seconds: float,
        max_connections: int = 200,
        allowed_networks: tuple[Network, ...] = (),
        resolve: Resolver = system_resolver,
    ) -> None:
        self.backend = GuardedBackend(allowed_networks, resolve)
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=50)
        self.client = httpx.AsyncClient(
            transport=GuardedTransport(self.backend, limits),
            timeout=httpx.Timeout(timeout_seconds, connect=min(timeout_seconds, 3.0)),
            follow_redirects=False,
            trust_env=False,
        )

    async def send(self, request: OutgoingRequest) -> SendResult:
        started = time.perf_counter()
        try:
            response = await self.client.post(request.url, content=request.body, headers=request.headers)
        except httpx.TimeoutException as error:
            return SendResult(None, time.perf_counter() - started, error=f"timeout: {type(error).__name__}")
        except httpx.HTTPError as error:
            reason = refusal(error)
            if reason:
                return SendResult(None, time.perf_counter() - started, error=f"refused: {reason}", refused=True)
            return SendResult(None, time.perf_counter() - started, error=f"connection: {type(error).__name__}")
        except httpx.InvalidURL:  # a host httpx cannot encode: never deliverable
            return SendResult(None, time.perf_counter() - started, error="refused: not a valid URL", refused=True)
        latency = time.perf_counter() - started
        problem = None if response.is_success else f"HTTP {response.status_code}"
        errcode = _errcode(response) if response.is_success else None
        if errcode:
            problem = f"errcode {errcode}"
        return SendResult(response.status_code, latency, response.headers.get("Retry-After"), problem, errcode)

    async def close(self) -> None:
        await self.client.aclose()


def _errcode(response: httpx.Response) -> int | None:
    if "json" not in response.headers.get("Content-Type", "") or len(response.content) > 4096:
        return None
    try:
        value = response.json().get("errcode")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None
