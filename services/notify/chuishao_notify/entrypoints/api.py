"""Thin routes over the subscription use cases."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from chuishao_notify.deps import Admin, Context, IdempotencyKey, Reader
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
    summary="Subscribe a receiver (the secret is write-only)",
)
async def create(
    body: SubscriptionCreate, request: Request, ctx: Context, principal: Admin, key: IdempotencyKey
) -> dict:
    fingerprint = request_fingerprint("POST", request.url.path, body.model_dump())
    return await subscriptions.create(ctx, principal, body, key=key, fingerprint=fingerprint)


@router.get(
    "",
    response_model=SubscriptionList,
    operation_id="list_webhooks",
    summary="Subscriptions (admin: all; liaison: its department's)",
)
async def listing(ctx: Context, principal: Reader) -> dict:
    return {"items": await subscriptions.listing(ctx, principal)}


@router.get("/{sub_id}", response_model=SubscriptionRead, operation_id="read_webhook", summary="One subscription")
async def read(sub_id: str, ctx: Context, principal: Reader) -> dict:
    return subscriptions.view(await subscriptions.get(ctx, principal, sub_id))


@router.delete(
    "/{sub_id}",
    status_code=204,
    operation_id="delete_webhook",
    responses={204: {"description": "Unsubscribed (no body)"}},
    summary="Unsubscribe; pending deliveries are cancelled",
)
async def delete(sub_id: str, ctx: Context, _: Admin) -> Response:
    await subscriptions.delete(ctx, sub_id)
    return Response(status_code=204)


@router.get(
    "/{sub_id}/deliveries",
    response_model=DeliveryPage,
    operation_id="list_deliveries",
    summary="The delivery log: every delivery with its attempts, newest first",
)
async def deliveries(
    sub_id: str,
    ctx: Context,
    principal: Reader,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    return await subscriptions.deliveries(ctx, principal, sub_id, cursor=cursor, limit=limit)


@router.post(
    "/{sub_id}/test",
    status_code=202,
    response_model=QueuedTest,
    operation_id="test_webhook",
    summary="Send a test message through the delivery pipeline",
)
async def test(sub_id: str, request: Request, ctx: Context, principal: Admin, key: IdempotencyKey) -> dict:
    fingerprint = request_fingerprint("POST", request.url.path, {})
    return await subscriptions.send_test(ctx, principal, sub_id, key=key, fingerprint=fingerprint)
