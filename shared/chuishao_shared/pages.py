"""What every service with pages serves the same way: the shared page module (`chuishao.js`: the API
wrapper, the session, the DOM helpers, the countdown and the vocabulary's lookups) and the vocabulary
itself (`GET /v1/vocabulary`), so the grid worker's app, the departments' console and the board name
and colour every status alike; the installable apps' offline outbox (`outbox.js`); and the duty view
(`duty.js`, `duty.css`: who is on duty now and next, the week, a case's escalation chain), which notify's
/duty/ page and the console's /console/duty both show. Include `router` in the service's app."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared import vocabulary

SCRIPT_PATH = "/static/shared/chuishao.js"
# The installable apps' offline outbox (IndexedDB, Idempotency-Keys, photos first): static/outbox.js.
OUTBOX_PATH = "/static/shared/outbox.js"
# The consoles' palette and type (dispatch's and the community's): static/console.css.
CONSOLE_STYLE_PATH = "/static/shared/console.css"
# The duty view (static/duty.js and duty.css), for the pages that show rosters and escalation chains.
DUTY_ASSETS = {"duty.js": "text/javascript; charset=utf-8", "duty.css": "text/css; charset=utf-8"}
KEEP = "public, max-age=31536000, immutable"
VOCABULARY_MAX_AGE = 300

router = APIRouter(tags=["vocabulary"])


class Word(BaseModel):
    code: str
    zh: str = Field(description="The Chinese word (the default language)")
    en: str


class CaseStatusWord(Word):
    tone: vocabulary.Tone = Field(description="The colour family every page shows this status in")
    colour: str = Field(description="The tone's reference colour, `#rrggbb`")
    live: bool = Field(description="Not finished (closed, merged and cancelled are finished)")
    open: bool = Field(description="Still a matter in hand: not yet resolved (the pages' 在办)")
    at_work: bool = Field(description="Departments owe work: only these can be overdue")


class AssignmentStatusWord(Word):
    live: bool = Field(description="The department is still expected to work on the case")


class ReportStatusWord(Word):
    open: bool


class EscalationLevel(BaseModel):
    level: int = Field(ge=1, le=3)
    grade: str
    zh: str
    en: str
    colour: str
    alerted_zh: str = Field(description="Who is alerted at this level")
    alerted_en: str


class OverdueRule(BaseModel):
    statuses: list[str] = Field(description="The case statuses that can be overdue (at work)")
    meaning: str


class Vocabulary(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [vocabulary.page_vocabulary()]})

    case_statuses: list[CaseStatusWord]
    assignment_statuses: list[AssignmentStatusWord]
    assignment_roles: list[Word]
    report_statuses: list[ReportStatusWord]
    severities: list[Word]
    escalation_levels: list[EscalationLevel] = Field(description="Levels 1–3; level 0 is no escalation")
    event_types: list[Word] = Field(description="Timeline entries by event type (`case.resolved`)")
    deadline_words: list[Word] = Field(description="The countdown's words: overdue, left, day, hour, minute, second")
    overdue: OverdueRule


@cache
def _vocabulary_body() -> tuple[bytes, str]:
    body = Vocabulary.model_validate(vocabulary.page_vocabulary()).model_dump_json().encode()
    return body, '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


@cache
def _script() -> bytes:
    return (resources.files("chuishao_shared") / "static" / "chuishao.js").read_bytes()


@cache
def script_version() -> str:
    return hashlib.sha256(_script()).hexdigest()[:12]


@cache
def _outbox() -> bytes:
    return (resources.files("chuishao_shared") / "static" / "outbox.js").read_bytes()


@cache
def outbox_version() -> str:
    return hashlib.sha256(_outbox()).hexdigest()[:12]


@cache
def _console_style() -> bytes:
    return (resources.files("chuishao_shared") / "static" / "console.css").read_bytes()


@cache
def console_style_version() -> str:
    return hashlib.sha256(_console_style()).hexdigest()[:12]


def console_style_url() -> str:
    """The consoles' shared stylesheet with its version (kept by browsers for good)."""
    return f"{CONSOLE_STYLE_PATH}?v={console_style_version()}"


def outbox_url() -> str:
    """The outbox module's address with its version (an app's service worker keeps it)."""
    return f"{OUTBOX_PATH}?v={outbox_version()}"


def script_url() -> str:
    """The module's address with its version: pages load it from here, kept by browsers for good."""
    return f"{SCRIPT_PATH}?v={script_version()}"


@cache
def asset(name: str) -> bytes:
    """One of the shared static files, as served."""
    return (resources.files("chuishao_shared") / "static" / name).read_bytes()


@cache
def asset_version(name: str) -> str:
    return hashlib.sha256(asset(name)).hexdigest()[:12]


def duty_url(name: str) -> str:
    """`duty.js` or `duty.css` with its version (kept by browsers for good)."""
    return f"/static/shared/{name}?v={asset_version(name)}"


def _not_modified(request: Request, etag: str, cache_control: str) -> Response | None:
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={"ETag": etag, "Cache-Control": cache_control})
    return None


@router.get(
    "/v1/vocabulary",
    response_model=Vocabulary,
    summary="The words, colours and sets of every status, and what overdue means",
    description="Case, assignment and report statuses with their one Chinese and one English word, "
    "each case status's tone and whether it is live, open (在办) or at work; severities, escalation "
    "levels, timeline event words and the countdown's words; and the overdue rule. The same for every "
    "service and every page; cacheable (`ETag`, `Cache-Control: max-age=300`). No token needed.",
)
async def read_vocabulary(request: Request) -> Response:
    body, etag = _vocabulary_body()
    cache_control = f"public, max-age={VOCABULARY_MAX_AGE}"
    return _not_modified(request, etag, cache_control) or Response(
        body, media_type="application/json", headers={"ETag": etag, "Cache-Control": cache_control}
    )


@router.get(SCRIPT_PATH, include_in_schema=False)
async def page_module(request: Request, v: str | None = None) -> Response:
    etag = f'"{script_version()}"'
    cache_control = KEEP if v == script_version() else "no-cache"
    return _not_modified(request, etag, cache_control) or Response(
        _script(),
        media_type="text/javascript; charset=utf-8",
        headers={"ETag": etag, "Cache-Control": cache_control},
    )


@router.get(OUTBOX_PATH, include_in_schema=False)
async def outbox_module(request: Request, v: str | None = None) -> Response:
    etag = f'"{outbox_version()}"'
    cache_control = KEEP if v == outbox_version() else "no-cache"
    return _not_modified(request, etag, cache_control) or Response(
        _outbox(),
        media_type="text/javascript; charset=utf-8",
        headers={"ETag": etag, "Cache-Control": cache_control},
    )


@router.get(CONSOLE_STYLE_PATH, include_in_schema=False)
async def console_style(request: Request, v: str | None = None) -> Response:
    etag = f'"{console_style_version()}"'
    cache_control = KEEP if v == console_style_version() else "no-cache"
    return _not_modified(request, etag, cache_control) or Response(
        _console_style(),
        media_type="text/css; charset=utf-8",
        headers={"ETag": etag, "Cache-Control": cache_control},
    )


@router.get("/static/shared/{name}", include_in_schema=False)
async def duty_asset(request: Request, name: str, v: str | None = None) -> Response:
    """The duty view's script and styles (the other shared files have their own routes above)."""
    if name not in DUTY_ASSETS:
        return Response(status_code=404)
    etag = f'"{asset_version(name)}"'
    cache_control = KEEP if v == asset_version(name) else "no-cache"
    return _not_modified(request, etag, cache_control) or Response(
        asset(name), media_type=DUTY_ASSETS[name], headers={"ETag": etag, "Cache-Control": cache_control}
    )
