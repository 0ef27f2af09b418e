"""Subscription commands (admin; a community's also its own community_staff) and the delivery log
(admin, the department's own liaison, or the community's own staff).
Each command is one unit of work with its Idempotency-Key record; the reads use a unit of work too,
and commit nothing."""

from __future__ import annotations

import urllib.parse
import uuid
from datetime import UTC, datetime
from typing import Any

from chuishao_notify.domain import commands as c
from chuishao_notify.domain.destinations import host_problem
from chuishao_notify.domain.endpoints import redacted, url_problem
from chuishao_notify.domain.formats import FORMATS
from chuishao_notify.domain.notices import COMMUNITY_KINDS, NOTICE_KINDS, TEST, Notice
from chuishao_notify.domain.subscriptions import Subscription
from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.auth import Principal
from chuishao_shared.problems import Problem, field_problem
from chuishao_shared.reference.community import default_taxonomy

DESK_LEVELS = ("community", "street", "district")
MIN_SECRET, MAX_SECRET = 16, 256
MAX_BIGINT = 2**63 - 1  # delivery ids are PostgreSQL bigints


def view(sub: Subscription) -> dict[str, Any]:
    return {
        "id": str(sub.id),
        "department": sub.department,
        "jurisdiction": sub.jurisdiction,
        "community": sub.community,
        "skills": list(sub.skills),
        "grids": list(sub.grids),
        "url": redacted(sub.url),
        "format": sub.format,
        "events": list(sub.events),
        "has_secret": bool(sub.secret),
        "created_by": sub.created_by,
        "created_at": sub.created_at.isoformat(),
    }


def default_events(body: c.CreateSubscription) -> list[str]:
    return list(COMMUNITY_KINDS if body.community is not None else NOTICE_KINDS)


def _validate_community(ctx: NotifyContext, body: c.CreateSubscription) -> None:
    community = body.community or ""
    node = ctx.reference.jurisdictions.get(community)
    if node is None or node.level != "community":
        raise field_problem("community", "must be a community code")
    if body.principal.role == "community_staff" and body.principal.community != community:
        raise Problem(403, "Forbidden", "Community staff subscribe only their own community.")
    known = default_taxonomy().skill_codes
    for i, skill in enumerate(body.skills):
        if skill not in known:
            raise field_problem(f"skills.{i}", f"unknown skill {skill!r}")
    for i, grid in enumerate(body.grids):
        g = ctx.reference.jurisdictions.get(grid)
        if g is None or g.level != "grid" or community not in ctx.duty_desks(grid):
            raise field_problem(f"grids.{i}", f"{grid!r} is not a grid of {community}")


def validate(ctx: NotifyContext, body: c.CreateSubscription) -> None:
    owners = [body.department, body.jurisdiction, body.community]
    if sum(o is not None for o in owners) != 1:
        raise field_problem("department", "give exactly one of department, jurisdiction or community")
    if body.principal.role != "admin" and body.community is None:
        raise Problem(403, "Forbidden", "Only an administrator subscribes a department or a duty desk.")
    if body.community is None and (body.skills or body.grids):
        raise field_problem("skills" if body.skills else "grids", "only a community's subscription has filters")
    if body.community is not None:
        _validate_community(ctx, body)
    if body.department is not None and body.department not in ctx.reference.departments:
        raise field_problem("department", f"unknown department {body.department!r}")
    if body.jurisdiction is not None:
        node = ctx.reference.jurisdictions.get(body.jurisdiction)
        if node is None or node.level not in DESK_LEVELS:
            raise field_problem("jurisdiction", "must be a community, street or district code")
    problem = url_problem(body.url) or host_problem(
        urllib.parse.urlsplit(body.url).hostname or "", ctx.allowed_networks
    )
    if problem:
        raise field_problem("url", problem)
    if body.format not in FORMATS:
        raise field_problem("format", f"must be one of {', '.join(FORMATS)}")
    secret = body.secret or ""
    if secret and not MIN_SECRET <= len(secret) <= MAX_SECRET:
        raise field_problem("secret", f"must be {MIN_SECRET} to {MAX_SECRET} characters")
    if not secret and body.format != "wecom":
        raise field_problem("secret", f"is required for the {body.format} format")
    events = default_events(body) if body.events is None else body.events
    if not events:
        raise field_problem("events", "name at least one event")
    allowed = default_events(body)
    for i, kind in enumerate(events):
        if kind not in allowed:
            raise field_problem(f"events.{i}", f"must be one of {', '.join(allowed)}")


# --- commands ----------------------------------------------------------------------------------


async def create(cmd: c.CreateSubscription, uow: AbstractUnitOfWork, ctx: NotifyContext) -> dict[str, Any]:
    validate(ctx, cmd)
    sub = Subscription(
        id=uuid.uuid4(),
        department=cmd.department,
        jurisdiction=cmd.jurisdiction,
        url=cmd.url,
        format=cmd.format,
        secret=cmd.secret or "",
        events=list(dict.fromkeys(default_events(cmd) if cmd.events is None else cmd.events)),
        created_by=cmd.principal.sub,
        created_at=datetime.now(UTC),
        community=cmd.community,
        skills=list(dict.fromkeys(cmd.skills)),
        grids=list(dict.fromkeys(cmd.grids)),
    )
    subject = cmd.principal.sub
    async with uow:
        replayed = await uow.claim(subject, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        await uow.subscriptions.add(sub)
        response = view(sub)
        await uow.store_answer(subject, cmd.request.key, response, status=201)
        await uow.commit()
    return response


def _parse_id(sub_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(sub_id)
    except ValueError as error:
        raise Problem(404, "Not found", f"No subscription {sub_id}.") from error


def _may_read(principal: Principal, sub: Subscription) -> bool:
    return (
        principal.role == "admin"
        or (principal.role == "liaison" and sub.department is not None and sub.department == principal.department)
        or (principal.role == "community_staff" and sub.community is not None and sub.community == principal.community)
    )


async def _visible(uow: AbstractUnitOfWork, principal: Principal, sub_id: str) -> Subscription:
    sub = await uow.subscriptions.get(_parse_id(sub_id))
    if sub is None or not _may_read(principal, sub):
        raise Problem(404, "Not found", f"No subscription {sub_id} visible to you.")
    return sub


async def delete(cmd: c.DeleteSubscription, uow: AbstractUnitOfWork, _ctx: NotifyContext) -> None:
    sub_id = _parse_id(cmd.subscription_id)
    async with uow:
        if cmd.principal is not None and cmd.principal.role != "admin":
            await _visible(uow, cmd.principal, cmd.subscription_id)  # staff: their community's only
        if not await uow.subscriptions.delete(sub_id):
            raise Problem(404, "Not found", f"No subscription {cmd.subscription_id}.")
        await uow.commit()


async def send_test(cmd: c.SendTestMessage, uow: AbstractUnitOfWork, _ctx: NotifyContext) -> dict[str, Any]:
    """A test message through the same durable path as every other delivery."""
    subject = cmd.principal.sub
    async with uow:
        sub = await _visible(uow, cmd.principal, cmd.subscription_id)
        notice = Notice(event_id=str(uuid.uuid4()), kind=TEST, occurred_at=datetime.now(UTC))
        replayed = await uow.claim(subject, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        (delivery_id,) = await uow.deliveries.add(notice, [sub.id])
        await uow.deliveries.wake_workers()
        response = {"subscription": str(sub.id), "event_id": notice.event_id, "delivery_id": delivery_id}
        await uow.store_answer(subject, cmd.request.key, response, status=202)
        await uow.commit()
    return response


# --- reads (a unit of work that commits nothing) -----------------------------------------------


async def get(bus: NotifyBus, principal: Principal, sub_id: str) -> Subscription:
    async with bus.uow() as uow:
        return await _visible(uow, principal, sub_id)


async def listing(bus: NotifyBus, principal: Principal) -> list[dict[str, Any]]:
    if principal.role == "community_staff":
        async with bus.uow() as uow:
            return [view(s) for s in await uow.subscriptions.listing(community=principal.community or "")]
    department = None if principal.role == "admin" else principal.department or ""
    async with bus.uow() as uow:
        return [view(s) for s in await uow.subscriptions.listing(department)]


def parse_cursor(cursor: str | None) -> int | None:
    """The delivery id a page starts below. Only ASCII digits that fit a bigint (what `next_cursor`
    gives): `str.isdigit` also takes "²" and int() any length, which used to end in a 500."""
    if not cursor:
        return None
    if not (cursor.isascii() and cursor.isdigit()) or len(cursor) > 19 or int(cursor) > MAX_BIGINT:
        raise field_problem("cursor", "not a cursor this API issued (use next_cursor from the previous page)")
    return int(cursor)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


async def deliveries(
    bus: NotifyBus, principal: Principal, sub_id: str, *, cursor: str | None, limit: int
) -> dict[str, Any]:
    before = parse_cursor(cursor)
    sub = await get(bus, principal, sub_id)
    async with bus.uow() as uow:
        rows = await uow.deliveries.of_subscription(sub.id, before=before, limit=limit + 1)
        attempts = await uow.deliveries.attempts_of([r["id"] for r in rows[:limit]])
    items = []
    for r in rows[:limit]:
        items.append(
            {
                "id": r["id"],
                "event_id": r["event_id"],
                "type": r["kind"],
                "case_id": r["case_id"],
                "status": r["status"],
                "attempt_count": r["attempts"],
                "created_at": _iso(r["created_at"]),
                "next_attempt_at": _iso(r["next_attempt_at"]) if r["status"] == "pending" else None,
                "settled_at": _iso(r["settled_at"]),
                "last_status_code": r["last_status_code"],
                "last_error": r["last_error"],
                "attempts": [
                    {
                        "attempt": a["attempt"],
                        "at": _iso(a["started_at"]),
                        "status_code": a["status_code"],
                        "outcome": a["outcome"],
                        "latency_ms": round(a["latency_seconds"] * 1000, 1),
                        "error": a["error"],
                    }
                    for a in attempts.get(r["id"], [])
                ],
            }
        )
    next_cursor = str(rows[limit - 1]["id"]) if len(rows) > limit else None
    return {"items": items, "next_cursor": next_cursor}
