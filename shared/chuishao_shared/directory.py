"""Every service's copy of the directory (PRODUCT.md §9): what a person may do comes from here, not from
their token, for every subject the directory knows.

Dispatch owns the directory. Each service process keeps the subjects, their WeCom and DingTalk user ids
(for those sign-ins), their roles with scopes and whether they are active (never a name or a phone) in
memory, and refreshes it every
`directory_refresh_seconds` (default 5 s) from dispatch's change feed, `GET /v1/people/changes?since=`,
as this service's account (an OAuth2 client-credentials token, chuishao_shared.service_account); dispatch
itself reads its own table the same way. A change or a deactivation therefore takes effect everywhere within
one refresh interval plus a request (well within 60 s). No service reads another's database.

When the directory cannot be reached the service keeps its last known copy and retries with backoff
(capped at 30 s); `age()` says how old the copy is. A process that starts while dispatch is down has no
copy until the first refresh succeeds, and until then honours tokens' own claims as it did before the
directory existed.

`resolve(principal)`, on every request after the token's signature is checked:
- a subject the directory does not know keeps its token's role and scopes (the demo and test tokens);
- a deactivated subject is refused (`AuthError`, a 401);
- a known, active subject gets the directory's role and scope: the role the token asks for if the
  person holds it, else the person's first role; the token's scope claims are ignored."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from chuishao_shared.auth import AuthError, Principal
from chuishao_shared.service_account import authorized_get, credentials_for
from chuishao_shared.service_layer.periodic import PeriodicTask
from chuishao_shared.settings import Settings
from chuishao_shared.tls import client_tls

log = logging.getLogger(__name__)

# since → the change feed's page: {"items": [{subject, roles, active, revision}], "cursor", "latest", "more"}
Fetch = Callable[[int], Awaitable[dict[str, Any]]]
_SCOPES = ("grids", "department", "jurisdiction", "community", "unit")


@dataclass(frozen=True)
class Listing:
    """One subject as the directory has it."""

    subject: str
    active: bool
    roles: tuple[dict[str, Any], ...]
    revision: int
    wecom_user_id: str | None = None
    dingtalk_user_id: str | None = None


class Directory:
    MAX_BACKOFF_SECONDS = 30.0

    def __init__(self, fetch: Fetch | None = None, *, every: float = 5.0, clock: Callable[[], float] = time.monotonic):
        self.fetch = fetch
        self.every = every
        self.clock = clock
        self.entries: dict[str, Listing] = {}
        self.cursor = 0
        self.loaded_at: float | None = None  # the clock at the last successful refresh
        self.refreshes = 0

    # -------------------------------------------------------------------------------- refresh

    async def refresh(self) -> int:
        """Read every change after the cursor; returns how many subjects changed. The copy is replaced
        only once every page has arrived, so a failure halfway keeps the last complete copy."""
        if self.fetch is None:
            return 0
        entries, cursor, changed = dict(self.entries), self.cursor, 0
        while True:
            page = await self.fetch(cursor)
            if int(page["latest"]) < cursor:
                # The directory behind the feed was reset (restored, rebuilt): start again from nothing.
                log.warning("directory: feed is at %s, our cursor at %s; reloading", page["latest"], cursor)
                entries, cursor = {}, 0
                continue
            for item in page["items"]:
                entries[item["subject"]] = Listing(
                    subject=item["subject"],
                    active=bool(item["active"]),
                    roles=tuple(item["roles"]),
                    revision=int(item["revision"]),
                    wecom_user_id=item.get("wecom_user_id"),
                    dingtalk_user_id=item.get("dingtalk_user_id"),
                )
                changed += 1
            cursor = int(page["cursor"])
            if not page.get("more") or not page["items"]:
                break
        self.entries, self.cursor = entries, cursor
        self.loaded_at = self.clock()
        self.refreshes += 1
        return changed

    def age(self) -> float | None:
        """Seconds since the last successful refresh (None: never refreshed)."""
        return None if self.loaded_at is None else self.clock() - self.loaded_at

    async def run(self, stop: Any) -> None:
        if self.fetch is None:
            return
        task = PeriodicTask("directory-refresh", self.refresh, self.every, max_backoff=self.MAX_BACKOFF_SECONDS)
        await task.run(stop)

    async def subject_of_account(self, field: str, user_id: str) -> str | None:
        """The subject holding a WeCom or DingTalk user id (`field`: wecom_user_id, dingtalk_user_id), for
        their sign-in (chuishao_shared.signin_platforms); None when nobody in this copy holds it."""
        assert field in ("wecom_user_id", "dingtalk_user_id")
        return next((e.subject for e in self.entries.values() if getattr(e, field) == user_id), None)

    # -------------------------------------------------------------------------------- resolve

    def resolve(self, principal: Principal) -> Principal:
        listing = self.entries.get(principal.sub)
        if listing is None:
            return principal
        if not listing.active:
            raise AuthError("this account has been deactivated in the directory", claim="sub")
        grant = next((r for r in listing.roles if r.get("role") == principal.role), None) or listing.roles[0]
        scope: dict[str, Any] = {
            "grids": frozenset(grant.get("grids") or ()),
            "department": grant.get("department"),
            "jurisdiction": grant.get("jurisdiction"),
            "community": grant.get("community"),
            "unit": grant.get("unit"),
        }
        known = {f.name for f in dataclasses.fields(Principal)}
        return dataclasses.replace(principal, role=grant["role"], **{k: v for k, v in scope.items() if k in known})


def http_fetch(settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> Fetch:
    """Dispatch's change feed over HTTP as this service's account (chuishao_shared.service_account: the
    client-credentials grant, `directory_token` as an override, a development token with neither).
    (`transport`: tests reach an in-process dispatch.)"""
    base = (settings.directory_url or "").rstrip("/")
    timeout = httpx.Timeout(5.0)
    tls = client_tls()
    credentials = credentials_for(settings)

    async def fetch(since: int) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=timeout, transport=transport, verify=tls) as client:
            answer = await authorized_get(client, credentials, f"{base}/v1/people/changes", {"since": since})
            answer.raise_for_status()
            page: dict[str, Any] = answer.json()
            return page

    return fetch


def directory_for(settings: Settings) -> Directory:
    """The directory copy of one service process: fed over HTTP when `directory_url` is set; a service
    that owns the directory (dispatch) sets `fetch` itself."""
    fetch = http_fetch(settings) if settings.directory_url else None
    return Directory(fetch, every=settings.directory_refresh_seconds)
