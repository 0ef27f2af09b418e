"""The console's duty view, /console/duty (docs/notifications.md): who is on duty now and next per level (gaps
in red), the week of every level with overrides and gaps, and — opened from a case (`?case=`) — that case's
escalation chain. The rendering is the shared duty view (chuishao_shared/static/duty.js, the same as notify's
/duty/ page); its data comes from dispatch's /v1/duty/… (entrypoints/duty.py), which asks notify for the
signed-in person. Signed in like the console: the `#token=` link's token in this tab, or the session cookie.
A liaison's list holds their own department; a dispatcher's and an admin's every department and duty desk
(notify decides what each may read)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from chuishao_dispatch import console_words
from chuishao_dispatch.entrypoints.console import STATIC_PREFIX, TEMPLATES
from chuishao_shared import pages
from chuishao_shared.headers import content_security_policy
from chuishao_shared.reference import ReferenceData

page = APIRouter(include_in_schema=False)

WORDS: dict[str, tuple[str, str]] = {
    "title": ("值班与催办链", "On duty and escalation"),
    "subtitle": ("现在谁值班 · 本周排班 · 案件催办链", "Who is on duty · the week · a case's chain"),
    "back": ("工作台", "Console"),
    "map": ("地图", "Map"),
    "nav_duty": ("值班", "On duty"),
    "switch": ("English", "中文"),
    "owner": ("值班表", "Roster"),
    "departments": ("部门", "Departments"),
    "desks": ("值班台", "Duty desks"),
    "case": ("案件编号", "Case id"),
    "show": ("查看", "Show"),
    "sign_in": ("请先登录工作台。", "Sign in to the console first."),
    "sign_in_button": ("登录", "Sign in"),
    "role_liaison": ("部门联络员", "Liaison"),
    "role_dispatcher": ("派遣员", "Dispatcher"),
    "role_admin": ("管理员", "Admin"),
    "not_staff": (
        "值班信息仅对部门联络员、派遣员和管理员显示。",
        "Rosters are shown to liaisons, dispatchers and admins.",
    ),
}
DESK_LEVELS = ("district", "street", "community")


def owners(reference: ReferenceData, en: bool) -> dict[str, Any]:
    """Who can have a roster — departments and duty desks — named in the page's language (public names)."""
    departments = [(d.code, d.name_en if en else d.name) for d in reference.departments.values()]
    desks = [(j.code, j.name_en if en else j.name) for j in reference.jurisdictions.values() if j.level in DESK_LEVELS]
    return {"departments": departments, "desks": desks}


@page.get("/console/duty", response_class=HTMLResponse)
async def duty_page(request: Request, lang: str | None = None) -> HTMLResponse:
    lang = console_words.pick_lang(lang)
    en = lang == "en"
    t = {key: words[1 if en else 0] for key, words in WORDS.items()}
    listed = owners(request.app.state.bus.context.reference, en)  # the version in force
    duty = {
        "paths": {
            "people": "/v1/duty/rosters/{owner}/people",
            "on_duty": "/v1/duty/rosters/{owner}/on-duty",
            "week": "/v1/duty/rosters/{owner}/week",
            "chains": "/v1/duty/chains/{case}",
        },
        "owners": dict(listed["departments"] + listed["desks"]),
    }
    config = {"lang": lang, "words": t, "owners": listed}
    return TEMPLATES.TemplateResponse(
        request,
        "console_duty.html",
        {
            "lang": lang,
            "t": t,
            "config": config,
            "duty": duty,
            "static": STATIC_PREFIX,
            "duty_script": pages.duty_url("duty.js"),
            "duty_style": pages.duty_url("duty.css"),
        },
        headers={"Cache-Control": "no-store", "Content-Security-Policy": content_security_policy()},
    )
