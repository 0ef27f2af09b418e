"""The console's staff map page, /console/map (docs/map.md): the vendored Leaflet (static/vendor/leaflet,
deploy/tools/vendor_leaflet.py), the grids and buildings as the base, the caller's cases as points with
filters by state, category and department (a click opens the case in the console), and for a dispatcher
the needs with the gap view. Signed in like the console: the token in this tab's session storage."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from chuishao_dispatch import console_words
from chuishao_dispatch.entrypoints.console import STATIC_PREFIX, TEMPLATES
from chuishao_shared.headers import content_security_policy

page = APIRouter(include_in_schema=False)

WORDS: dict[str, tuple[str, str]] = {
    "title": ("民情一张图 · 部门", "Staff map"),
    "subtitle": ("事项与需求落点 · 缺口视图", "Cases and needs on the map · gap view"),
    "back": ("返回工作台", "Back to the console"),
    "switch": ("English", "中文"),
    "state": ("状态", "State"),
    "state_open": ("在办", "Open"),
    "state_overdue": ("超时", "Overdue"),
    "state_all": ("全部", "All"),
    "category": ("类别", "Category"),
    "department": ("部门", "Department"),
    "any": ("全部", "Any"),
    "cases": ("事项", "Cases"),
    "needs": ("居民需求", "Residents' needs"),
    "gaps": ("缺口视图", "Gap view"),
    "gap": ("缺口", "Gap"),
    "gap_help": (
        "1公里（15分钟生活圈）内没有可提供该类帮助的资源",
        "No resource of a serving kind within 1 km (the 15-minute circle)",
    ),
    "no_gaps": ("没有缺口", "No gaps"),
    "nearest": ("最近资源", "Nearest resource"),
    "none_near": ("3公里内没有", "none within 3 km"),
    "resources": ("共建资源", "Resources"),
    "buildings": ("楼栋", "Buildings"),
    "at_building": ("按楼栋定位", "placed at its building"),
    "at_grid": ("按网格中心定位", "placed at its grid's centre"),
    "at_given": ("按上报位置定位", "placed where reported"),
    "open_case": ("打开事项", "Open the case"),
    "focus_missing": ("该事项不在当前筛选的地图上", "That case is not on the map as filtered"),
    "sign_in": ("请先从工作台登录。", "Sign in from the console first."),
    "needs_unavailable": ("需求图层暂不可用", "Needs layer unavailable"),
    "needs_dispatcher": ("需求与缺口仅对调度员显示", "Needs and gaps are shown to dispatchers"),
    "legend": ("图例", "Legend"),
    "escalated": ("督办", "Escalated"),
    "overdue": ("超时", "Overdue"),
    "count": ("共 {n} 件", "{n} shown"),
    "need_open": ("待认领", "open"),
    "need_claimed": ("已认领", "claimed"),
    "need_in_progress": ("进行中", "in progress"),
    "need_expired": ("已过期", "expired"),
}


@page.get("/console/map", response_class=HTMLResponse)
async def staff_map_page(request: Request, lang: str | None = None) -> HTMLResponse:
    lang = console_words.pick_lang(lang)
    en = lang == "en"
    t = {key: words[1 if en else 0] for key, words in WORDS.items()}
    config = {"lang": lang, "words": t, "switch_lang": "zh" if en else "en"}
    return TEMPLATES.TemplateResponse(
        request,
        "console_map.html",
        {"lang": lang, "t": t, "config": config, "static": STATIC_PREFIX},
        headers={"Cache-Control": "no-store", "Content-Security-Policy": content_security_policy()},
    )
