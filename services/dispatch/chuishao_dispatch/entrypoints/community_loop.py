"""点单响应 on dispatch: the dispatcher's hand-over route, and the consumer of the community's need events
(chuishao.community.v1: need.recorded / need.confirmed / need.cancelled of a need made from a case here,
i.e. carrying `origin_case_id`; every other community event is skipped)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import Field

from chuishao_dispatch.deps import Bus, Dispatcher, IdempotencyKey
from chuishao_dispatch.domain.community_commands import HandToCommunity, SeeCommunityNeed
from chuishao_dispatch.entrypoints.cases import _target
from chuishao_dispatch.entrypoints.responses import CaseRead
from chuishao_dispatch.schemas import _Strict
from chuishao_dispatch.service_layer.handlers import DispatchBus
from chuishao_dispatch.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.consumer import Handler
from chuishao_shared.events import Envelope
from chuishao_shared.events.types import EventType
from chuishao_shared.outbox import OutboxWriter

CONSUMER_NAME = "dispatch-community"
NEED_EVENTS = frozenset({EventType.NEED_RECORDED, EventType.NEED_CONFIRMED, EventType.NEED_CANCELLED})
router = APIRouter(prefix="/v1/cases", tags=["cases"])


class HandOver(_Strict):
    community: str = Field(min_length=1, max_length=64, description="The case's community (a jurisdiction code)")
    reason: str = Field(min_length=1, max_length=1000)


@router.post(
    "/{case_id}/hand-to-community",
    response_model=CaseRead,
    summary="点单响应: the community's own forces answer this case (it becomes a need; its confirmation closes it)",
)
async def hand_to_community(
    case_id: str, body: HandOver, request: Request, bus: Bus, principal: Dispatcher, key: IdempotencyKey
) -> Any:
    target = _target(case_id, request, principal, key, body)
    return await bus.handle(HandToCommunity(**target, community=body.community, reason=body.reason))


def command_of(envelope: Envelope) -> SeeCommunityNeed | None:
    data = envelope.data
    case_id, need_id = data.get("origin_case_id"), data.get("need_id")
    if envelope.type not in NEED_EVENTS or not isinstance(case_id, str) or not isinstance(need_id, str):
        return None
    satisfaction = data.get("satisfaction")
    return SeeCommunityNeed(
        type=envelope.type,
        case_id=case_id,
        need_id=need_id,
        satisfaction=satisfaction if isinstance(satisfaction, str) else None,
    )


def community_event_handler(bus: DispatchBus, outbox: OutboxWriter) -> Handler:
    return bus.event_handler(command_of, lambda conn: SqlUnitOfWork(conn.engine, outbox, joining=conn))
