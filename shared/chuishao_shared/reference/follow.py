"""Every service follows the reference data version in force (PRODUCT.md §9): an approved change set applies
without a restart within a few seconds.

Dispatch owns the versions (its `reference_versions` table; `reference.changed` on chuishao.reference.v1
says one was approved). Each service process holds one `ReferenceFollower`: every
`reference_refresh_seconds` (default 1 s) it asks dispatch for the version in force
(`GET /v1/reference/versions/current?known=N`, the content only when it changed; dispatch reads its own
table), builds and validates the new ReferenceData off the event loop, and swaps it in with one assignment.
A version with a later effective time is picked up when that time comes; a process that starts (or
restarts after a crash) asks before it is ready, so it comes up on the latest version, never the files'.

The swap is safe for requests: the service's context holds a `FollowedReference` instead of the data
itself, and the `PinReference` middleware pins the version in force when a request begins for everything
that request reads, so a request sees either the old version or the new one, never a mix. Work outside a
request (consumers, timers) reads the latest version at each access.

When dispatch cannot be reached the process keeps the version it has and retries with backoff.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any, cast

import httpx

from chuishao_shared.reference.loader import ReferenceData, reference_from_documents
from chuishao_shared.service_account import authorized_get, credentials_for
from chuishao_shared.service_layer.periodic import PeriodicTask
from chuishao_shared.settings import Settings
from chuishao_shared.tls import client_tls

log = logging.getLogger(__name__)

# known version (None: none yet) → {"version", "effective_at", and "content" unless it is still `known`}
Fetch = Callable[[int | None], Awaitable[dict[str, Any]]]


class ReferenceFollower:
    MAX_BACKOFF_SECONDS = 10.0

    def __init__(
        self,
        initial: ReferenceData,
        fetch: Fetch | None,
        data_dir: Path | str | None = None,
        *,
        every: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.current = initial
        self.version: int | None = None
        self.fetch = fetch
        self.data_dir = data_dir
        self.every = every
        self.clock = clock
        self.applied_at: float | None = None
        self.listeners: list[Callable[[ReferenceData, int], None]] = []
        self._pinned: ContextVar[ReferenceData | None] = ContextVar(f"reference-{id(self)}", default=None)
        self.view = cast(ReferenceData, FollowedReference(self))

    async def refresh(self) -> bool:
        """Ask for the version in force; True when a new one was applied."""
        if self.fetch is None:
            return False
        page = await self.fetch(self.version)
        number = int(page["version"])
        if number == self.version or page.get("content") is None:
            return False
        reference = await asyncio.to_thread(reference_from_documents, page["content"], self.data_dir)
        self.current, self.version = reference, number  # the swap: readers take `current` once per request
        self.applied_at = self.clock()
        log.info("reference data: version %s applied", number)
        for listener in self.listeners:
            listener(reference, number)
        return True

    async def run(self, stop: Any) -> None:
        if self.fetch is None:
            return
        task = PeriodicTask("reference-follow", self.refresh, self.every, max_backoff=self.MAX_BACKOFF_SECONDS)
        await task.run(stop)

    def pinned(self) -> ReferenceData:
        return self._pinned.get() or self.current


class FollowedReference:
    """Stands in for the ReferenceData in a service's context: each attribute comes from the version pinned
    for the request being served, else the latest."""

    __slots__ = ("_follower",)

    def __init__(self, follower: ReferenceFollower) -> None:
        self._follower = follower

    def __getattr__(self, name: str) -> Any:
        return getattr(self._follower.pinned(), name)


class PinReference:
    """ASGI middleware: the version in force when a request begins is the one the whole request reads."""

    def __init__(self, app: Any, follower: ReferenceFollower) -> None:
        self.app = app
        self.follower = follower

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = self.follower._pinned.set(self.follower.current)
        try:
            await self.app(scope, receive, send)
        finally:
            self.follower._pinned.reset(token)


def http_fetch(settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> Fetch:
    """Dispatch's version in force over HTTP (`directory_url`), as this service's account (as the directory
    copy reads its change feed: chuishao_shared.service_account)."""
    base = (settings.directory_url or "").rstrip("/")
    timeout = httpx.Timeout(10.0)
    tls = client_tls()
    credentials = credentials_for(settings)

    async def fetch(known: int | None) -> dict[str, Any]:
        params = {} if known is None else {"known": known}
        async with httpx.AsyncClient(timeout=timeout, transport=transport, verify=tls) as client:
            answer = await authorized_get(client, credentials, f"{base}/v1/reference/versions/current", params)
            answer.raise_for_status()
            page: dict[str, Any] = answer.json()
            return page

    return fetch


def follower_for(settings: Settings, initial: ReferenceData, fetch: Fetch | None = None) -> ReferenceFollower:
    """A service's follower: fed over HTTP from dispatch when `directory_url` is set (dispatch passes its own
    `fetch`); without either it keeps the files' version."""
    if fetch is None and settings.directory_url:
        fetch = http_fetch(settings)
    data_dir = Path(settings.reference_dir) if settings.reference_dir else None
    return ReferenceFollower(initial, fetch, data_dir, every=settings.reference_refresh_seconds)


def install(app: Any, runtime: Any, follower: ReferenceFollower) -> None:
    """Follow from the start: the first version is asked for before the service is ready (a restart comes up
    on the latest version), then every interval; requests are pinned."""

    async def first() -> None:
        try:
            await follower.refresh()
        except Exception:  # dispatch unreachable: start on the files' version and keep asking
            log.warning("reference data: the version in force could not be read at start", exc_info=True)

    runtime.on_start.append(first)
    runtime.background.append(follower.run)
    app.add_middleware(PinReference, follower=follower)
    app.state.reference_follower = follower
