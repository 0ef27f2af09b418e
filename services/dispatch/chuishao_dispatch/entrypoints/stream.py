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
from sqlalchemy.ext.asyncio import AsyncEngine
from sse_starlette import EventSourceResponse, ServerSentEvent

from chuishao_dispatch.adapters import tickets
from chuishao_dispatch.adapters.live import RESYNC, CaseChanges
from chuishao_dispatch.deps import CaseReader, Context, IdempotencyKey, actor_of
from chuishao_dispatch.domain.access import may_see
from chuishao_dispatch.entrypoints.desk_responses import CASE_STREAM, StreamTicket
from chuishao_dispatch.views import case_view
from chuishao_shared.idempotency import Replay, claim, request_fingerprint, store
from chuishao_shared.problems import Problem
from chuishao_shared.times import utc_iso

router = APIRouter(prefix="/v1/stream", tags=["stream"])
KEEPALIVE_SECONDS = 15


async def _changes(request: Request) -> CaseChanges:
    return request.app.state.case_changes


Changes = Annotated[CaseChanges, Depends(_changes)]


def _engine(request: Request) -> AsyncEngine:
    """Stream tickets are the stream's own bookkeeping (no case changes), kept beside the unit of work."""
    return request.app.state.runtime.engine


@router.post(
    "/tickets",
    status_code=201,
    response_model=StreamTicket,
    summary="A ticket for one connection to the live case stream (expires within seconds, single use)",
)
async def issue_ticket(request: Request, ctx: Context, principal: CaseReader, key: IdempotencyKey) -> dict:
    ttl = timedelta(seconds=request.app.state.settings.stream_ticket_seconds)
    try:
        async with _engine(request).begin() as conn:
            fingerprint = request_fingerprint("POST", request.url.path, {})
            await claim(conn, subject=principal.sub, key=key, fingerprint=fingerprint)
            ticket, expires = await tickets.issue(conn, principal, datetime.now(UTC), ttl)
            body = {
                "ticket": ticket,
                "expires_at": utc_iso(expires),
                "stream_url": f"/v1/stream/cases?ticket={ticket}",
            }
            await store(conn, subject=principal.sub, key=key, status=201, body=body)
    except Replay as replay:
        return replay.body
    return body


@router.get(
    "/cases",
    summary="Server-sent events: every change to a case you may see (text/event-stream)",
    response_class=EventSourceResponse,
    responses={**CASE_STREAM, 401: {"description": "missing, unknown, used or expired ticket"}},
)
async def case_stream(
    request: Request,
    ctx: Context,
    changes: Changes,
    ticket: Annotated[str | None, Query(max_length=200, description="from POST /v1/stream/tickets")] = None,
) -> EventSourceResponse:
    if not ticket:
        raise Problem(401, "Unauthorized", "A stream ticket is required (POST /v1/stream/tickets).")
    async with _engine(request).begin() as conn:
        principal = await tickets.redeem(conn, ticket, datetime.now(UTC))
    if principal is None:
        raise Problem(401, "Unauthorized", "The stream ticket is unknown, already used or expired.")
    queue = changes.subscribe()
    # A stream ends after a while, so the page asks for a new ticket with its (re-verified) token.
    ends = asyncio.get_running_loop().time() + request.app.state.settings.stream_max_seconds

    async def events() -> AsyncIterator[ServerSentEvent]:
        try:
            yield ServerSentEvent(event="hello", data=json.dumps({"role": principal.role}))
            while True:
                try:
                    loaded = await asyncio.wait_for(queue.get(), ends - asyncio.get_running_loop().time())
                except TimeoutError:
                    return
                if loaded is RESYNC:
                    yield ServerSentEvent(event="resync", data="{}")
                elif may_see(actor_of(principal), loaded.case, loaded.chain):
                    view = case_view(loaded.case, ctx.reference, datetime.now(UTC))
                    yield ServerSentEvent(event="case", id=loaded.case.id, data=json.dumps(view, ensure_ascii=False))
        except asyncio.CancelledError:
            raise
        finally:
            changes.unsubscribe(queue)

    return EventSourceResponse(events(), ping=KEEPALIVE_SECONDS, headers={"X-Accel-Buffering": "no"})
