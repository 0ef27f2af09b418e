"""A need's resident recorded by the community's staff: a need made from a dispatch case (点单响应) starts
without one, since no case event carries a resident's contact (services/community/README.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from chuishao_community.deps import Bus, IdempotencyKey, Staff
from chuishao_community.domain.case_needs import RecordResident
from chuishao_community.domain.commands import Request as Req
from chuishao_community.schemas import NeedRead, Resident
from chuishao_shared.idempotency import request_fingerprint

router = APIRouter(prefix="/v1", tags=["needs"])


@router.post(
    "/needs/{need_id}/resident",
    response_model=NeedRead,
    summary="Record the resident's contact on a need (staff; personal, on no event)",
)
async def record_resident(
    need_id: str, body: Resident, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    fingerprint = request_fingerprint(request.method, request.url.path, body.model_dump(mode="json"))
    resident = body.model_dump(exclude_none=True)
    return await bus.handle(RecordResident(actor, Req(key, fingerprint), need_id, resident))
