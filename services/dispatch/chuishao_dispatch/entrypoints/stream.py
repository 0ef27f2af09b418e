"""The console's live stream: a bearer-authenticated POST issues a short-lived, single-use ticket;
`EventSource` then opens `GET /v1/stream/cases?ticket=…` (no bearer token ever sits in a URL).

Each connection receives `case` events (the case as `GET /v1/cases/{id}` shows it) for every change to a
case its principal may see, and `resync` when changes may have been missed."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from chuishao_dispatch.adapters.live import RESYNC, CaseChanges
from chuishao_dispatch.deps import Bus, CaseReader, Context, IdempotencyKey, actor_of
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.domain.access import may_see
from chuishao_dispatch.entrypoints.desk_responses import CASE_STREAM, StreamTicket
from chuishao_dispatch.views import case_view
from chuishao_shared.auth import AuthError
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.problems import Problem
from chuishao_shared.streams import Holding

router = APIRouter(prefix="/v1/stream", tags=["stream"])
KEEPALIVE_SECONDS = 15
# How often an open stream re-reads its person in the directory copy (a deactivation ends it).
DIRECTORY_CHECK_SECONDS = 5.0


async def _changes(request: Request) -> CaseChanges:
    return request.app.state.case_changes


Changes = Annotated[CaseChanges, Depends(_changes)]


@router.post(
    "/tickets",
    status_code=201,
    response_model=StreamTicket,
    summary="A ticket for one connection to the live case stream (expires within seconds, single use)",
)
async def issue_ticket(request: Request, bus: Bus, principal: CaseReader, key: IdempotencyKey) -> dict:
    ttl = timedelta(seconds=request.app.state.settings.stream_ticket_seconds)
    fingerprint = request_fingerprint("POST", request.url.path, {})
    command = c.IssueStreamTicket(principal=principal, ttl=ttl, request=c.Request(key, fingerprint))
    return await bus.handle(command)  # type: ignore[no-any-return]


@router.get(
    "/cases",
    summary="Server-sent events: every change to a case you may see (text/event-stream)",
    response_class=EventSourceResponse,
    responses={
        **CASE_STREAM,
        401: {"description": "missing, unknown, used or expired ticket"},
        429: {"description": "this person holds too many live streams (Retry-After)"},
    },
)
async def case_stream(
    request: Request,
    ctx: Context,
    bus: Bus,
    changes: Changes,
    ticket: Annotated[str | None, Query(max_length=200, description="from POST /v1/stream/tickets")] = None,
) -> Holding:
    if not ticket:
        raise Problem(401, "Unauthorized", "A stream ticket is required (POST /v1/stream/tickets).")
    principal = await bus.handle(c.RedeemStreamTicket(ticket=ticket))
    if principal is None:
        raise Problem(401, "Unauthorized", "The stream ticket is unknown, already used or expired.")
    give_back = changes.slots.take(f"sub:{principal.sub}")  # 429 beyond the person's share
    queue = changes.subscribe()
    # A stream ends after a while, so the page asks for a new ticket with its (re-verified) token.
    ends = asyncio.get_running_loop().time() + request.app.state.settings.stream_max_seconds

    directory = request.app.state.directory

    def still_allowed() -> bool:
        """The directory still says what it said when the ticket was issued (not deactivated, same role
        and scope); else the stream ends and the page's next ticket request meets the change."""
        try:
            return bool(directory.resolve(principal) == principal)
        except AuthError:
            return False

    async def events() -> AsyncIterator[ServerSentEvent]:
        yield ServerSentEvent(event="hello", data=json.dumps({"role": principal.role}))
        while True:
            left = ends - asyncio.get_running_loop().time()
            if left <= 0:
                return
            try:
                loaded = await asyncio.wait_for(queue.get(), min(left, DIRECTORY_CHECK_SECONDS))
            except TimeoutError:
                loaded = None
            if not still_allowed():
                return
            if loaded is None:
                continue
            if loaded is RESYNC:
                yield ServerSentEvent(event="resync", data="{}")
            elif may_see(actor_of(principal), loaded.case, loaded.chain):
                view = case_view(loaded.case, ctx.reference, datetime.now(UTC))
                yield ServerSentEvent(event="case", id=loaded.case.id, data=json.dumps(view, ensure_ascii=False))

    def release() -> None:
        changes.unsubscribe(queue)
        give_back()

    # Released when the response ends, however it ends (even on a disconnect before it streamed).
    response = EventSourceResponse(events(), ping=KEEPALIVE_SECONDS, headers={"X-Accel-Buffering": "no"})
    return Holding(response, release)
