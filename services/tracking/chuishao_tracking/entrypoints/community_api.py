"""The community side's public JSON API (no token): the wish wall (心愿墙) and the community figures
(COMMUNITY.md §4 "Public, on tracking", §5; definitions in docs/statistics.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from chuishao_shared.pagination import encode_cursor
from chuishao_shared.problems import field_problem
from chuishao_shared.reference.community import default_taxonomy
from chuishao_shared.vocabulary import NEED_STATUSES
from chuishao_tracking.adapters.community_queries import NeedFilter
from chuishao_tracking.community_schemas import CommunityFiguresPage, WishWallPage
from chuishao_tracking.deps import Context
from chuishao_tracking.entrypoints import params
from chuishao_tracking.entrypoints.api import _FROM, _TO, ERRORS
from chuishao_tracking.service_layer import community as reads
from chuishao_tracking.service_layer import queries

needs_board = APIRouter(prefix="/v1/board", tags=["board"])
community_stats = APIRouter(prefix="/v1/stats", tags=["statistics"])


def parse_need_statuses(raw: list[str] | None) -> list[str] | None:
    if not raw:
        return None
    statuses = [s.strip() for value in raw for s in value.split(",") if s.strip()]
    unknown = [s for s in statuses if s not in NEED_STATUSES]
    if unknown:
        raise field_problem("status", f"unknown status {unknown[0]!r}; one of {', '.join(NEED_STATUSES)}")
    return statuses or None


def check_kind(value: str | None) -> str | None:
    if value is not None and value not in default_taxonomy().need_kind_codes:
        raise field_problem("kind", f"no need kind with code {value!r}")
    return value


@needs_board.get(
    "/needs",
    response_model=WishWallPage,
    responses=ERRORS,
    summary="The wish wall (心愿墙): residents' needs, de-identified, newest first, with counts per community",
    description="Each need shows its kind, its grid and community, its status, the wanted-by date and whether "
    "it is claimed or fulfilled. The resident's title and description, the resident and the claimant are "
    "never published: the public text is the kind's words and the grid's name.",
)
async def list_needs(
    ctx: Context,
    community: Annotated[str | None, Query(description="community code")] = None,
    status: Annotated[list[str] | None, Query(description="need status, repeated or comma-separated")] = None,
    kind: Annotated[str | None, Query(description="need kind code")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    flt = NeedFilter(
        community=params.check_community(ctx.names.reference, community),
        statuses=parse_need_statuses(status),
        kind=check_kind(kind),
    )
    wall = await reads.wish_wall(ctx, flt, limit=limit, after=params.decode_cursor(cursor))
    following = wall.pop("following")
    return {**wall, "next_cursor": encode_cursor(*following) if following else None}


@community_stats.get(
    "/community",
    response_model=CommunityFiguresPage,
    responses=ERRORS,
    summary="The community side's figures per community for a period (COMMUNITY.md §5, docs/statistics.md)",
)
async def community_figures(
    ctx: Context,
    from_: _FROM = None,
    to: _TO = None,
    community: Annotated[str | None, Query(description="community code")] = None,
) -> dict[str, Any]:
    period = params.parse_period(from_, to, queries.now(), ctx.tz)
    code = params.check_community(ctx.names.reference, community)
    return await ctx.cache.get(  # type: ignore[no-any-return]
        ("community", from_, to, code),
        lambda: reads.community_stats(ctx, period, community=code, target_hours=ctx.community_hours_target),
    )
