"""What the board page shows, from its query string: the wall of open cases by urgency (the default),
every open case for a wall screen that pages through them on a timer (`wall=1`), or a list a resident
filtered by search words, community and status, newest first, paged with the API's cursor.

The page is lenient where the API is strict: a value it does not know (a community code from an old
link, a spoilt cursor) is dropped, not refused, so a resident always gets a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import Query

from chuishao_shared.pagination import encode_cursor
from chuishao_shared.problems import Problem
from chuishao_shared.reference import ReferenceData
from chuishao_shared.vocabulary import CASE_STATUSES, FINISHED
from chuishao_tracking.adapters.queries import CaseFilter
from chuishao_tracking.domain import search
from chuishao_tracking.entrypoints import params
from chuishao_tracking.service_layer import queries
from chuishao_tracking.service_layer.queries import TrackingContext

URGENT_LIMIT = 60  # the first paint of the default view: the most urgent open cases
WALL_LIMIT = 1000  # a wall screen holds every open case and pages through them
PAGE_SIZE = 30  # a resident's filtered list, per page
WALL_SECONDS = 12  # how long a wall page stays up
ALL, OPEN = "", "open"
# The status filter: everything findable (open, and finished in the last 90 days), open only, or one
# status of the shared vocabulary (its words label them on the page).
STATUS_CHOICES: tuple[str, ...] = (ALL, OPEN, *CASE_STATUSES)


@dataclass(frozen=True)
class View:
    q: str = ""
    community: str = ""
    status: str = ALL
    cursor: str = ""
    wall: bool = False
    every: int = WALL_SECONDS
    after: tuple[datetime, str] | None = field(default=None, compare=False)

    @property
    def mode(self) -> str:
        if self.wall:
            return "wall"
        return "list" if (self.q or self.community or self.status or self.cursor) else "urgent"

    def config(self) -> dict[str, Any]:
        """What the page's script needs to refresh the same rows."""
        query = {k: v for k, v in (("q", self.q), ("community", self.community), ("status", self.status)) if v}
        if self.cursor:
            query["cursor"] = self.cursor
        if self.wall:
            query["wall"] = "1"
        return {"mode": self.mode, "query": query, "wall_seconds": self.every}

    def link(self, **changes: str) -> str:
        """This view's address with `changes` (an empty value drops the parameter)."""
        current = {"q": self.q, "community": self.community, "status": self.status, "cursor": ""}
        return "/?" + urlencode({k: v for k, v in {**current, **changes}.items() if v})


def view(
    q: str | None = Query(None, max_length=search.MAX_LENGTH),
    community: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
    wall: str | None = None,
    every: int | None = None,
) -> View:
    """The page's query string, read leniently (see the module's note)."""
    after = None
    if cursor:
        try:
            after = params.decode_cursor(cursor)
        except Problem:  # a spoilt link: start over
            cursor, after = None, None
    return View(
        q=" ".join(search.words_of(q)) if q else "",
        community=community or "",
        status=status if status in STATUS_CHOICES else ALL,
        cursor=cursor or "",
        wall=wall not in (None, "", "0", "false"),
        every=min(max(every or WALL_SECONDS, 3), 120),
        after=after,
    )


def communities(reference: ReferenceData) -> list[dict[str, Any]]:
    """Communities grouped under their district (five counties share one board)."""
    groups: dict[str, dict[str, Any]] = {}
    for node in sorted(reference.communities(), key=lambda n: n.code):
        chain = reference.chain(node.code)
        district = reference.jurisdictions[chain[-1]]
        group = groups.setdefault(district.code, {"name": district.name, "name_en": district.name_en, "items": []})
        group["items"].append({"code": node.code, "name": node.name, "name_en": node.name_en})
    return list(groups.values())


@dataclass
class Listed:
    cases: list[dict[str, Any]]
    summary: dict[str, int]
    next_cursor: str | None = None
    more_open: int = 0  # open cases the default view leaves out


async def cases(ctx: TrackingContext, v: View) -> Listed:
    if v.mode != "list":
        limit = WALL_LIMIT if v.wall else URGENT_LIMIT
        wall = await queries.wall(ctx, limit=limit)
        return Listed(wall["cases"], wall["summary"], more_open=max(wall["summary"]["open"] - len(wall["cases"]), 0))
    community = v.community if _is_community(ctx.names.reference, v.community) else None
    statuses = [v.status] if v.status in CASE_STATUSES else None
    finished_since = None
    if v.status not in CASE_STATUSES or v.status in FINISHED:
        finished_since = queries.now() - timedelta(days=params.FINISHED_DAYS)
    flt = CaseFilter(
        statuses=statuses,
        community=community,
        open_only=v.status == OPEN,
        search=search.parse(v.q, ctx.names.reference),
        finished_since=finished_since,
    )
    items, following = await queries.list_board(ctx, flt, limit=PAGE_SIZE, after=v.after)
    summary = (await queries.wall(ctx, limit=1))["summary"]
    return Listed(items, summary, next_cursor=encode_cursor(*following) if following else None)


def _is_community(reference: ReferenceData, code: str) -> bool:
    node = reference.jurisdictions.get(code) if code else None
    return node is not None and node.level == "community"
