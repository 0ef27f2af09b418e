"""The 督办墙 page and the fragments its script swaps in on live updates (one Jinja macro per piece,
so the first paint and every update render the same way)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from chuishao_shared import pages, vocabulary
from chuishao_tracking import chart, i18n
from chuishao_tracking.deps import Context
from chuishao_tracking.domain.records import parse_time
from chuishao_tracking.domain.statistics import Period
from chuishao_tracking.entrypoints import board_view, params
from chuishao_tracking.service_layer import queries, topic_board

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
TEMPLATES.env.globals.update(
    status_label=lambda s, lang: i18n.label(i18n.STATUS, s, lang),
    grade_label=lambda g, lang: i18n.label(i18n.GRADE, g, lang),
    severity_label=lambda s, lang: i18n.label(i18n.SEVERITY, s, lang),
    status_tone=lambda s: vocabulary.CASE_STATUS_TONES.get(s, "grey"),
    shared_script=pages.script_url,
    local_day=lambda iso, tz: parse_time(iso).astimezone(ZoneInfo(tz)).strftime("%m-%d") if iso else "",
)
LEAGUE_SIZE = 12
NO_STORE = {"Cache-Control": "no-store"}

page = APIRouter(include_in_schema=False)


def deadline_kind(case: dict[str, Any]) -> str:
    if case["status"] == "triage":
        return "triage"
    due = case["next_deadline_at"]
    owed_ack = any(a["status"] == "pending" and a["ack_due_at"] == due for a in case["assignments"])
    return "ack" if due and owed_ack else "resolve"


def countdown(deadline: str, lang: str) -> str:
    due = parse_time(deadline)
    return i18n.countdown((due - queries.now()).total_seconds(), lang) if due else ""


def department_names(case: dict[str, Any], codes: list[str], en: bool) -> str:
    """The departments' names as the case's assignments give them (codes only when unknown)."""
    names = {a["department"]: a["department_name_en" if en else "department_name"] for a in case["assignments"]}
    return ("、" if not en else ", ").join(names.get(code) or code for code in codes)


TEMPLATES.env.globals.update(deadline_kind=deadline_kind, countdown=countdown, department_names=department_names)


async def _league(ctx: Any) -> list[dict[str, Any]]:
    now = queries.now()
    body = await queries.figures_for(ctx, "department", Period(now - timedelta(days=30), now), cache_key="league")
    return body["items"][:LEAGUE_SIZE]


def _render(request: Request, template: str, lang: str, ctx: Any, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(
        request, template, {"lang": lang, "t": i18n.words(lang), "tz": ctx.tz.key, **context}, headers=NO_STORE
    )


@page.get("/", response_class=HTMLResponse)
async def board_page(
    request: Request, ctx: Context, lang: str | None = None, view: board_view.View = Depends(board_view.view)
) -> HTMLResponse:
    lang = i18n.pick_lang(lang)
    listed = await board_view.cases(ctx, view)
    return _render(
        request,
        "board.html",
        lang,
        ctx,
        view=view,
        listed=listed,
        communities=board_view.communities(ctx.names.reference),
        statuses=board_view.STATUS_CHOICES,
        finished_days=params.FINISHED_DAYS,
        summary=listed.summary,
        league=await _league(ctx),
        chart=chart.build(await queries.daily(ctx, 30)),
        config={"lang": lang, "tz": ctx.tz.key, **view.config()},
        # The 议事公开栏 (GET /v1/board/topics), on the board but not on the wall screen.
        topics=None if view.wall else await topic_board.board_topics(ctx, community_code=None, step=None, limit=6),
        topic_steps=[{"code": c, "zh": w[0], "en": w[1]} for c, w in topic_board.STEP_WORDS.items() if c != "collect"],
    )


@page.get("/board/rows", response_class=HTMLResponse)
async def rows(
    request: Request, ctx: Context, lang: str | None = None, view: board_view.View = Depends(board_view.view)
) -> HTMLResponse:
    listed = await board_view.cases(ctx, view)
    return _render(request, "fragments/rows.html", i18n.pick_lang(lang), ctx, cases=listed.cases)


@page.get("/board/rows/{case_id}", response_class=HTMLResponse)
async def row(request: Request, case_id: str, ctx: Context, lang: str | None = None) -> Response:
    found = await queries.board_cases(ctx, [case_id], with_timeline=False)
    if not found or not found[0]["open"]:
        return Response(status_code=204, headers=NO_STORE)  # not (or no longer) on the wall
    return _render(request, "fragments/row.html", i18n.pick_lang(lang), ctx, case=found[0])


@page.get("/board/side", response_class=HTMLResponse)
async def side(request: Request, ctx: Context, lang: str | None = None) -> HTMLResponse:
    """Summary counters, league table and chart: refreshed together after changes."""
    wall = await queries.wall(ctx, limit=1)
    return _render(
        request,
        "fragments/side.html",
        i18n.pick_lang(lang),
        ctx,
        summary=wall["summary"],
        league=await _league(ctx),
        chart=chart.build(await queries.daily(ctx, 30)),
    )


@page.get("/definitions", response_class=HTMLResponse)
async def definitions(request: Request, ctx: Context, lang: str | None = None) -> HTMLResponse:
    """口径说明: what every published number counts, in plain words (docs/statistics.md is the contract)."""
    return _render(request, "definitions.html", i18n.pick_lang(lang), ctx, finished_days=params.FINISHED_DAYS)
