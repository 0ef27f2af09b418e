"""The live stream's tickets as use cases: issuing one (a POST with an Idempotency-Key, like every
other) and redeeming it when the stream opens, each in one unit of work."""

from __future__ import annotations

from typing import Any

from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.auth import Principal
from chuishao_shared.times import utc_iso


async def issue_stream_ticket(cmd: c.IssueStreamTicket, uow: AbstractUnitOfWork, ctx: DispatchContext) -> Any:
    subject = cmd.principal.sub
    async with uow:
        replayed = await uow.claim(subject, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed
        ticket, expires = await uow.tickets.issue(cmd.principal, ctx.now(), cmd.ttl)
        body = {"ticket": ticket, "expires_at": utc_iso(expires), "stream_url": f"/v1/stream/cases?ticket={ticket}"}
        await uow.store_answer(subject, cmd.request.key, body, status=201)
        await uow.commit()
    return body


async def redeem_stream_ticket(
    cmd: c.RedeemStreamTicket, uow: AbstractUnitOfWork, ctx: DispatchContext
) -> Principal | None:
    async with uow:
        principal = await uow.tickets.redeem(cmd.ticket, ctx.now())
        await uow.commit()
    return principal
