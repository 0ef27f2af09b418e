"""The wish wall's page (心愿墙, `GET /needs`): residents' needs as cards, de-identified, with the
counts per community; filters by community, status and kind; paged with the API's cursor. Server-rendered
through the same read as GET /v1/board/needs; `static/needs.js` ticks the wanted-by countdowns with the
shared page module and refreshes the cards on a timer (a wall screen keeps it open).

Lenient like the board page: a value it does not know (an old link) is dropped, not refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from chuishao_shared.pagination import encode_cursor
from chuishao_shared.problems import Problem
from chuishao_shared.reference.community import default_taxonomy
from chuishao_shared.vocabulary import NEED_STATUS_TONES, NEED_STATUS_WORDS, NEED_STATUSES, word
from chuishao_tracking import i18n
from chuishao_tracking.adapters.community_queries import NeedFilter
from chuishao_tracking.deps import Context
from chuishao_tracking.domain.statistics import Period
from chuishao_tracking.entrypoints import board_view, params
from chuishao_tracking.entrypoints.page import NO_STORE, TEMPLATES
from chuishao_tracking.service_layer import community as reads
from chuishao_tracking.service_layer import queries

PAGE_SIZE = 24
REFRESH_SECONDS = 30

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("心愿墙", "Wish Wall"),
    "subtitle": ("居民微心愿 · 社区力量来认领", "Residents' needs, answered by the community's own forces"),
    "board": ("督办墙", "Supervision board"),
    "all": ("全部", "All"),
    "open": ("待认领", "Open"),
    "claimed": ("认领中", "Being fulfilled"),
    "fulfilled": ("已实现", "Fulfilled"),
    "total": ("心愿总数", "Needs"),
    "community": ("社区", "Community"),
    "all_communities": ("全部社区", "All communities"),
    "status": ("状态", "Status"),
    "all_statuses": ("全部状态", "All statuses"),
    "kind": ("类别", "Kind"),
    "all_kinds": ("全部类别", "All kinds"),
    "go": ("查看", "Show"),
    "reset": ("清除筛选", "Clear"),
    "wanted_by": ("期望", "Wanted by"),
    "urgent": ("急", "Urgent"),
    "by_member": ("党员志愿者认领", "Claimed by a volunteer"),
    "by_unit": ("共建单位认领", "Claimed by a co-building unit"),
    "helpers": ("需 {} 人", "{} wanted"),
    "none": ("暂无心愿", "No needs yet"),
    "no_match": ("没有符合条件的心愿", "No need matches"),
    "next_page": ("下一页", "Next page"),
    "first_page": ("回到第一页", "First page"),
    "per_community": ("各社区", "Per community"),
    "privacy": (
        "心愿只显示类别和网格，不显示居民姓名、电话、住址或原话",
        "A need shows its kind and grid only: never a resident's name, phone, address or own words",
    ),
    "definitions": ("数据口径说明", "What the numbers mean"),
    "figures": ("近30天 · 社区力量", "Last 30 days · community forces"),
    "f_recorded": ("新心愿", "New needs"),
    "f_confirmed": ("已实现", "Fulfilled"),
    "f_hours": ("志愿时长", "Volunteer hours"),
    "f_orders": ("点单响应率", "Order response"),
    "f_projects": ("在建项目", "Active projects"),
    "f_meetings": ("议事会", "Meetings"),
}

page = APIRouter(include_in_schema=False)


def words(lang: str) -> dict[str, str]:
    return {**i18n.words(lang), **{k: v[1 if lang == "en" else 0] for k, v in _WORDS.items()}}


def need_status_label(status: str, lang: str) -> str:
    """A need's status in the shared vocabulary's words (the member's app says the same)."""
    return word(NEED_STATUS_WORDS, status, lang)


TEMPLATES.env.globals.update(
    need_status_label=need_status_label, need_status_tone=lambda s: NEED_STATUS_TONES.get(s, "grey")
)


def _lenient(ctx: Any, community: str, status: str, kind: str, cursor: str) -> tuple[NeedFilter, Any, dict[str, str]]:
    try:
        community = params.check_community(ctx.names.reference, community or None) or ""
    except Problem:
        community = ""
    status = status if status in NEED_STATUSES else ""
    kind = kind if kind in default_taxonomy().need_kind_codes else ""
    try:
        after = params.decode_cursor(cursor or None)
    except Problem:
        after, cursor = None, ""
    query = {k: v for k, v in (("community", community), ("status", status), ("kind", kind)) if v}
    flt = NeedFilter(community=community or None, statuses=[status] if status else None, kind=kind or None)
    return flt, after, query


async def _figures(ctx: Any, community: str | None) -> list[dict[str, Any]]:
    """The last 30 days' figures per community (GET /v1/stats/community's default period), shared by readers
    for a few seconds."""
    end = queries.now()
    period = Period(end - timedelta(days=params.DEFAULT_DAYS), end)
    body = await ctx.cache.get(
        ("community-page", community),
        lambda: reads.community_stats(ctx, period, community=community, target_hours=ctx.community_hours_target),
    )
    return body["items"]  # type: ignore[no-any-return]


@page.get("/needs", response_class=HTMLResponse)
async def needs_page(
    request: Request,
    ctx: Context,
    lang: str | None = None,
    community: str = "",
    status: str = "",
    kind: str = "",
    cursor: str = "",
) -> HTMLResponse:
    lang = i18n.pick_lang(lang)
    flt, after, query = _lenient(ctx, community, status, kind, cursor)
    wall = await reads.wish_wall(ctx, flt, limit=PAGE_SIZE, after=after)
    figures = await _figures(ctx, flt.community)
    following = wall["following"]
    counts = wall["communities"]
    totals = {k: sum(c[k] for c in counts) for k in ("total", "open", "claimed", "fulfilled")}
    en = lang == "en"

    def link(**extra: str) -> str:
        return "/needs?" + urlencode({**query, **({"lang": "en"} if en else {}), **extra})

    return TEMPLATES.TemplateResponse(
        request,
        "needs.html",
        {
            "lang": lang,
            "t": words(lang),
            "tz": ctx.tz.key,
            "needs": wall["items"],
            "counts": counts,
            "figures": figures,
            "totals": totals,
            "query": query,
            "filtered": bool(query) or bool(after),
            "communities": board_view.communities(ctx.names.reference),
            "statuses": NEED_STATUSES,
            "kinds": default_taxonomy().need_kinds,
            "next_link": link(cursor=encode_cursor(*following)) if following else None,
            "first_link": link() if after else None,
            "switch_link": "/needs?" + urlencode({**query, **({} if en else {"lang": "en"})}),
            "config": {"lang": lang, "tz": ctx.tz.key, "refresh_seconds": REFRESH_SECONDS},
        },
        headers=NO_STORE,
    )
