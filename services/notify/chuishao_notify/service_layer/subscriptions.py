"""Subscription commands (admin) and the delivery log (admin, or the department's own liaison).
Each command is one transaction with its Idempotency-Key row."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from chuishao_notify.adapters import store
from chuishao_notify.domain.endpoints import redacted, url_problem
from chuishao_notify.domain.formats import FORMATS
from chuishao_notify.domain.notices import NOTICE_KINDS, TEST, Notice
from chuishao_notify.schemas import SubscriptionCreate
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import Replay, claim
from chuishao_shared.idempotency import store as remember
from chuishao_shared.problems import Problem, field_problem

DESK_LEVELS = ("community", "street", "district")
MIN_SECRET, MAX_SECRET = 16, 256


def view(sub: store.Subscription) -> dict[str, Any]:
    return {
        "id": str(sub.id),
        "department": sub.department,
        "jurisdiction": sub.jurisdiction,
        "url": redacted(sub.url),
        "format": sub.format,
        "events": list(sub.events),
        "has_secret": bool(sub.secret),
        "created_by": sub.created_by,
        "created_at": sub.created_at.isoformat(),
    }


def validate(ctx: NotifyContext, body: SubscriptionCreate) -> None:
    if (body.department is None) == (body.jurisdiction is None):
        raise field_problem("department", "give exactly one of department or jurisdiction")
    if body.department is not None and body.department not in ctx.reference.departments:
        raise field_problem("department", f"unknown department {body.department!r}")
    if body.jurisdiction is not None:
        node = ctx.reference.jurisdictions.get(body.jurisdiction)
        if node is None or node.level not in DESK_LEVELS:
            raise field_problem("jurisdiction", "must be a community, street or district code")
    problem = url_problem(body.url)
    if problem:
        raise field_problem("url", problem)
    if body.format not in FORMATS:
        raise field_problem("format", f"must be one of {', '.join(FORMATS)}")
    secret = body.secret or ""
    if secret and not MIN_SECRET <= len(secret) <= MAX_SECRET:
        raise field_problem("secret", f"must be {MIN_SECRET} to {MAX_SECRET} characters")
    if not secret and body.format != "wecom":
        raise field_problem("secret", f"is required for the {body.format} format")
    if not body.events:
        raise field_problem("events", "name at least one event")
    for i, kind in enumerate(body.events):
        if kind not in NOTICE_KINDS:
            raise field_problem(f"events.{i}", f"must be one of {', '.join(NOTICE_KINDS)}")


async def create(
    ctx: NotifyContext, principal: Principal, body: SubscriptionCreate, *, key: str | None, fingerprint: str
) -> dict[str, Any]:
    validate(ctx, body)
    sub = store.Subscription(
        id=uuid.uuid4(),
        department=body.department,
        jurisdiction=body.jurisdiction,
        url=body.url,
        format=body.format,
        secret=body.secret or "",
        events=list(dict.fromkeys(body.events)),
        created_by=principal.sub,
        created_at=datetime.now(UTC),
    )
    try:
        async with ctx.engine.begin() as conn:
            await claim(conn, subject=principal.sub, key=key, fingerprint=fingerprint)
            await store.add_subscription(conn, sub)
            response = view(sub)
            await remember(conn, subject=principal.sub, key=key, status=201, body=response)
    except Replay as replay:
        return replay.body  # type: ignore[no-any-return]
    return response


def _parse_id(sub_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(sub_id)
    except ValueError as error:
        raise Problem(404, "Not found", f"No subscription {sub_id}.") from error


def _may_read(principal: Principal, sub: store.Subscription) -> bool:
    return principal.role == "admin" or (
        principal.role == "liaison" and sub.department is not None and sub.department == principal.department
    )


async def get(ctx: NotifyContext, principal: Principal, sub_id: str) -> store.Subscription:
    async with ctx.engine.connect() as conn:
        sub = await store.get_subscription(conn, _parse_id(sub_id))
    if sub is None or not _may_read(principal, sub):
        raise Problem(404, "Not found", f"No subscription {sub_id} visible to you.")
    return sub


async def listing(ctx: NotifyContext, principal: Principal) -> list[dict[str, Any]]:
    department = None if principal.role == "admin" else principal.department or ""
    async with ctx.engine.connect() as conn:
        return [view(s) for s in await store.list_subscriptions(conn, department)]


async def delete(ctx: NotifyContext, sub_id: str) -> None:
    async with ctx.engine.begin() as conn:
        if not await store.delete_subscription(conn, _parse_id(sub_id)):
            raise Problem(404, "Not found", f"No subscription {sub_id}.")


async def send_test(
    ctx: NotifyContext, principal: Principal, sub_id: str, *, key: str | None, fingerprint: str
) -> dict[str, Any]:
    """A test message through the same durable path as every other delivery."""
    sub = await get(ctx, principal, sub_id)
    notice = Notice(event_id=str(uuid.uuid4()), kind=TEST, occurred_at=datetime.now(UTC))
    try:
        async with ctx.engine.begin() as conn:
            await claim(conn, subject=principal.sub, key=key, fingerprint=fingerprint)
            (delivery_id,) = await store.add_deliveries(conn, notice, [sub.id])
            await store.wake_workers(conn)
            response = {"subscription": str(sub.id), "event_id": notice.event_id, "delivery_id": delivery_id}
            await remember(conn, subject=principal.sub, key=key, status=202, body=response)
    except Replay as replay:
        return replay.body  # type: ignore[no-any-return]
    return response


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


async def deliveries(
    ctx: NotifyContext, principal: Principal, sub_id: str, *, cursor: str | None, limit: int
) -> dict[str, Any]:
    sub = await get(ctx, principal, sub_id)
    before = None
    if cursor:
        if not cursor.isdigit():
            raise field_problem("cursor", "not a cursor this API issued", status=400)
        before = int(cursor)
    async with ctx.engine.connect() as conn:
        rows = await store.deliveries_of(conn, sub.id, before=before, limit=limit + 1)
        attempts = await store.attempts_of(conn, [r["id"] for r in rows[:limit]])
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
