"""Thin routes over the subscription use cases: each write is a command on notify's bus."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from chuishao_notify.deps import Bus, IdempotencyKey, Manager, Reader
from chuishao_notify.domain import commands as c
from chuishao_notify.schemas import (
    DeliveryPage,
    QueuedTest,
    SubscriptionCreate,
    SubscriptionList,
    SubscriptionRead,
)
from chuishao_notify.service_layer import subscriptions
from chuishao_shared.idempotency import request_fingerprint

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


@router.post(
    "",
    status_code=201,
    response_model=SubscriptionRead,
    operation_id="create_webhook",
    summary="Subscribe a receiver (the secret is write-only; community staff: their community's only)",
)
async def create(body: SubscriptionCreate, request: Request, bus: Bus, principal: Manager, key: IdempotencyKey) -> dict:
    fingerprint = request_fingerprint("POST", request.url.path, body.model_dump())
    command = c.CreateSubscription(
        principal=principal,
        department=body.department,
        jurisdiction=body.jurisdiction,
        url=body.url,
        format=body.format,
        secret=body.secret,
        events=None if body.events is None else list(body.events),
        request=c.Request(key, fingerprint),
        community=body.community,
        skills=tuple(body.skills),
        grids=tuple(body.grids),
    )
    return await bus.handle(command)  # type: ignore[no-any-return]


@router.get(
    "",
    response_model=SubscriptionList,
    operation_id="list_webhooks",
    summary="Subscriptions (admin: all; liaison: its department's; community staff: their community's)",
)
async def listing(bus: Bus, principal: Reader) -> dict:
    return {"items": await subscriptions.listing(bus, principal)}


@router.get("/{sub_id}", response_model=SubscriptionRead, operation_id="read_webhook", summary="One subscription")
async def read(sub_id: str, bus: Bus, principal: Reader) -> dict:
    return subscriptions.view(await subscriptions.get(bus, principal, sub_id))


@router.delete(
    "/{sub_id}",
    status_code=204,
    operation_id="delete_webhook",
    responses={204: {"description": "Unsubscribed (no body)"}},
    summary="Unsubscribe; pending deliveries are cancelled",
)
async def delete(sub_id: str, bus: Bus, principal: Manager) -> Response:
    await bus.handle(c.DeleteSubscription(subscription_id=sub_id, principal=principal))
    return Response(status_code=204)


@router.get(
    "/{sub_id}/deliveries",
    response_model=DeliveryPage,
    operation_id="list_deliveries",
    summary="The delivery log: every delivery with its attempts, newest first",
)
async def deliveries(
    sub_id: str,
    bus: Bus,
    principal: Reader,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    return await subscriptions.deliveries(bus, principal, sub_id, cursor=cursor, limit=limit)


@router.post(
    "/{sub_id}/test",
    status_code=202,
    response_model=QueuedTest,
    operation_id="test_webhook",
    summary="Send a test message through the delivery pipeline",
)
async def test(sub_id: str, request: Request, bus: Bus, principal: Manager, key: IdempotencyKey) -> dict:
    fingerprint = request_fingerprint("POST", request.url.path, {})
    command = c.SendTestMessage(principal=principal, subscription_id=sub_id, request=c.Request(key, fingerprint))
    return await bus.handle(command)  # type: ignore[no-any-return]
