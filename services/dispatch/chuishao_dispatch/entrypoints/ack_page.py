"""The one-tap 签收 page (PRODUCT.md §9, issue 25 item 3) at /ack/{token}: a minimal server-rendered page
for a phone and the WeCom / DingTalk in-app browser, Chinese with English beneath, no script.

`GET` shows what tapping would do (and never changes anything: chat apps fetch links to preview them);
its one button `POST`s the same link, which acknowledges the case for the person's department. Every
refusal — used twice, expired, already acknowledged, no longer on duty, a broken link — is a page
saying which, and nothing changed. The token is the credential: the page sends no referrer and is
never cached."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from chuishao_dispatch.entrypoints.console import TEMPLATES
from chuishao_dispatch.service_layer import ack_links
from chuishao_dispatch.service_layer.ack_links import Answer

page = APIRouter(include_in_schema=False)

# state → (HTTP status, Chinese headline, English headline, Chinese detail, English detail)
WORDS: dict[str, tuple[int, str, str, str, str]] = {
    ack_links.READY: (
        200,
        "请确认签收",
        "Confirm 签收",
        "点击下方按钮，即代表本部门已报到接单。",
        "Tap the button to report in for your department.",
    ),
    ack_links.DONE: (
        200,
        "已签收",
        "Acknowledged",
        "本部门已报到，请尽快处置。",
        "Your department has reported in. Please get to work on it.",
    ),
    ack_links.USED: (
        409,
        "此链接已使用过",
        "This link has been used",
        "每个签收链接只能使用一次，未做任何更改。",
        "Each link works once. Nothing was changed.",
    ),
    ack_links.EXPIRED: (
        410,
        "此链接已过期",
        "This link has expired",
        "请在工作台中签收，未做任何更改。",
        "Please acknowledge in the console. Nothing was changed.",
    ),
    ack_links.ALREADY: (
        409,
        "该案件已签收",
        "Already acknowledged",
        "本部门已签收此案件，未做任何更改。",
        "Your department has already acknowledged this case. Nothing was changed.",
    ),
    ack_links.NOT_ON_DUTY: (
        403,
        "您已不在该部门值班名单中",
        "You are no longer on duty for this department",
        "通讯录中您已停用或不再属于该部门，未做任何更改。",
        "The directory no longer lists you as active for this department. Nothing was changed.",
    ),
    ack_links.GONE: (
        404,
        "该案件已不需本部门签收",
        "This case no longer waits for your department",
        "案件已改派、办结或撤销，未做任何更改。",
        "The case was reassigned, finished or cancelled. Nothing was changed.",
    ),
    ack_links.INVALID: (
        400,
        "链接无效",
        "This link is not valid",
        "链接不完整或已被改动，未做任何更改。",
        "The link is incomplete or was altered. Nothing was changed.",
    ),
}


def _render(request: Request, token: str, answer: Answer) -> HTMLResponse:
    status, zh, en, zh_detail, en_detail = WORDS[answer.state]
    reference = request.app.state.context.reference
    case: dict[str, Any] = answer.case or {}
    category = reference.categories.get(case.get("category", ""))
    community = reference.jurisdictions.get(case.get("community", ""))
    department = reference.departments.get(case.get("department", ""))
    response = TEMPLATES.TemplateResponse(
        request,
        "ack.html",
        {
            "state": answer.state,
            "token": token,
            "headline": zh,
            "headline_en": en,
            "detail": zh_detail,
            "detail_en": en_detail,
            "case_id": str(case.get("id") or "")[:8],
            "category": category.name if category else "",
            "community": community.name if community else "",
            "department": department.name if department else "",
            "ok": answer.state in (ack_links.READY, ack_links.DONE),
        },
        status_code=status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@page.get("/ack/{token}", response_class=HTMLResponse)
async def show(request: Request, token: str) -> HTMLResponse:
    answer = await ack_links.check(request.app.state.bus, request.app.state.ack_link_secret, token)
    return _render(request, token, answer)


@page.post("/ack/{token}", response_class=HTMLResponse)
async def tap(request: Request, token: str) -> HTMLResponse:
    answer = await ack_links.use(request.app.state.bus, request.app.state.ack_link_secret, token)
    return _render(request, token, answer)
