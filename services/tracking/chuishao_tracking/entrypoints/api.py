"""The public JSON API (no token): the board's cases, their live stream and the published numbers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from chuishao_shared.apimodels import event_stream
from chuishao_shared.pagination import encode_cursor
from chuishao_shared.problems import Problem
from chuishao_shared.streams import Holding, client_of
from chuishao_shared.vocabulary import OVERDUE_MEANING
from chuishao_tracking.adapters.queries import CaseFilter
from chuishao_tracking.deps import Context
from chuishao_tracking.domain import search
from chuishao_tracking.domain.statistics import Dimension
from chuishao_tracking.entrypoints import params
from chuishao_tracking.schemas import BoardCase, BoardCasePage, DailySeries, FiguresPage
from chuishao_tracking.service_layer import queries

board = APIRouter(prefix="/v1/board", tags=["board"])
stats = APIRouter(prefix="/v1/stats", tags=["statistics"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {"application/problem+json": {}}}
    for code, text in [(404, "Not found"), (422, "Invalid query parameter"), (429, "Too many requests")]
}
KEEPALIVE_SECONDS = 15


@board.get(
    "/cases",
    response_model=BoardCasePage,
    responses=ERRORS,
    summary="Cases on the supervision board, newest first (public, anonymised)",
)
async def list_cases(
    ctx: Context,
    status: Annotated[list[str] | None, Query(description="status, repeated or comma-separated")] = None,
    community: Annotated[str | None, Query(description="community code")] = None,
    department: Annotated[str | None, Query(description="a department with a live assignment")] = None,
    overdue: Annotated[bool | None, Query(description=OVERDUE_MEANING)] = None,
    open: Annotated[bool, Query(description="only cases not closed, merged or cancelled")] = False,
    q: Annotated[str | None, Query(max_length=search.MAX_LENGTH, description=params.Q_MEANING)] = None,
    finished_within_days: Annotated[
        int | None,
        Query(
            ge=1,
            le=params.FINISHED_DAYS,
            description="finished cases (closed, merged, cancelled) only when finished in the last N days; "
            "open cases are not affected",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    flt = CaseFilter(
        statuses=params.parse_statuses(status),
        community=params.check_community(ctx.names.reference, community),
        department=params.check_department(ctx.names.reference, department),
        overdue=overdue,
        open_only=open,
        search=search.parse(q, ctx.names.reference),
        finished_since=queries.now() - timedelta(days=finished_within_days) if finished_within_days else None,
    )
    items, following = await queries.list_board(ctx, flt, limit=limit, after=params.decode_cursor(cursor))
    return {"items": items, "next_cursor": encode_cursor(*following) if following else None}


@board.get("/cases/{case_id}", response_model=BoardCase, responses=ERRORS, summary="One case with its public timeline")
async def get_case(case_id: str, ctx: Context) -> dict[str, Any]:
    found = await queries.board_cases(ctx, [case_id])
    if not found:
        raise Problem(404, "Not found", f"No case {case_id} on the board.")
    return found[0]


@board.get(
    "/stream",
    summary="Server-sent events: `case` (the case after every change) and `resync`",
    response_class=EventSourceResponse,
    responses={
        **event_stream(
            "text/event-stream: `hello`, then `case` (the case as GET /v1/board/cases/{case_id} shows it) per change "
            "and `resync` when changes may have been missed",
            'event: hello\ndata: {}\n\nevent: case\nid: c-7f1d2c3e\ndata: {"id": "c-7f1d2c3e", "status": '
            '"acknowledged", ...}\n\n',
        ),
        429: {"description": "This client holds too many live board connections (Retry-After)"},
        503: {"description": "Too many live board connections (Retry-After)"},
    },
)
async def stream(request: Request, ctx: Context) -> Holding:
    if ctx.broadcaster.full:  # the page's EventSource retries by itself
        raise Problem(
            503,
            "Service unavailable",
            "Too many live board connections.",
            kind="unavailable",
            headers={"Retry-After": "10"},
        )
    give_back = ctx.broadcaster.slots.take(client_of(request))  # 429 beyond the client's share
    queue = ctx.broadcaster.subscribe()

    async def events() -> AsyncIterator[ServerSentEvent | bytes]:
        yield ServerSentEvent(event="hello", data="{}")
        while True:
            yield _encoded(await queue.get())

    def release() -> None:
        ctx.broadcaster.unsubscribe(queue)
        give_back()

    # Released when the response ends, however it ends (even on a disconnect before it streamed).
    response = EventSourceResponse(events(), ping=KEEPALIVE_SECONDS, headers={"X-Accel-Buffering": "no"})
    return Holding(response, release)


def _encoded(message: dict[str, Any]) -> bytes:
    """The message as SSE bytes, encoded once for all clients (the broadcaster puts the same message
    object in every client's queue; with a thousand wall screens the encoding was most of the fan-out)."""
    encoded = message.get("_sse")
    if encoded is None:
        data = json.dumps(message["data"], ensure_ascii=False)
        encoded = message["_sse"] = ServerSentEvent(event=message["event"], id=message["id"], data=data).encode()
    return encoded  # type: ignore[no-any-return]


async def _figures(ctx: Any, dimension: Dimension, raw_from: str | None, raw_to: str | None) -> dict[str, Any]:
    period = params.parse_period(raw_from, raw_to, queries.now(), ctx.tz)
    return await queries.figures_for(ctx, dimension, period, cache_key=(raw_from, raw_to))


_FROM = Annotated[
    str | None, Query(alias="from", description="RFC 3339 date-time or YYYY-MM-DD (default: to − 30 days)")
]
_TO = Annotated[str | None, Query(description="RFC 3339 date-time or YYYY-MM-DD, exclusive (default: now)")]


@stats.get(
    "/departments",
    response_model=FiguresPage,
    responses=ERRORS,
    summary="响应率, 按时办结率, 解决率, 满意率, 返工率, 退单率 and times per department (docs/statistics.md)",
)
async def departments(ctx: Context, from_: _FROM = None, to: _TO = None) -> dict[str, Any]:
    return await _figures(ctx, "department", from_, to)


@stats.get("/communities", response_model=FiguresPage, responses=ERRORS, summary="The figures per community")
async def communities(ctx: Context, from_: _FROM = None, to: _TO = None) -> dict[str, Any]:
    return await _figures(ctx, "community", from_, to)


@stats.get(
    "/categories",
    response_model=FiguresPage,
    responses=ERRORS,
    summary="The figures per category, and each month's most reported problems (每月一题)",
)
async def categories(ctx: Context, from_: _FROM = None, to: _TO = None) -> dict[str, Any]:
    return await _figures(ctx, "category", from_, to)


@stats.get(
    "/daily",
    response_model=DailySeries,
    responses=ERRORS,
    summary="Cases opened, resolved and closed per day (the board's chart)",
)
async def daily(ctx: Context, days: Annotated[int, Query(ge=1, le=366)] = 30) -> dict[str, Any]:
    series = await queries.daily(ctx, days)
    return {
        "timezone": ctx.tz.key,
        "items": [
            {"date": d.day.isoformat(), "opened": d.opened, "resolved": d.resolved, "closed": d.closed} for d in series
        ],
    }
