"""The console's duty view's API (`/v1/duty/…`, docs/notifications.md): notify's rosters and a case's
escalation chains, read for the console user so the console's page talks only to dispatch's origin (its
session cookie does not reach notify's).

- `GET /v1/duty/rosters/{owner}/on-duty`, `/week`: who is on duty now and next per level, every level's
  shifts and gaps over a week — notify's answers, field for field;
- `GET /v1/duty/rosters/{owner}/people`: the roster's members by name only (never a mobile, not even masked);
- `GET /v1/duty/chains/{case_id}`: a case's chains — each step, whom it told, each notice's state, 签收.

Asked with the caller's own authority (adapters/notify_api.py); notify scopes every answer (a liaison: their
own department's roster and chain only) and its refusals come back as they are. When notify cannot be asked
the answer is `available: false` with the reason — the rest of the console never depends on notify."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from chuishao_dispatch.adapters import notify_api
from chuishao_dispatch.deps import Staff
from chuishao_shared import signin
from chuishao_shared.auth import Principal
from chuishao_shared.signin import ProviderToken

router = APIRouter(prefix="/v1/duty", tags=["duty"])
Owner = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,80}$", description="A department, duty desk or community code")]
CaseId = Annotated[str, Path(min_length=1, max_length=80)]

_SHIFT = {
    "gap": False,
    "member": "liaison-wy-1",
    "name": "王值班",
    "starts": "2026-12-05T08:00:00+08:00",
    "ends": "2026-12-05T20:00:00+08:00",
    "override": False,
}
_GAP = {
    "gap": True,
    "member": None,
    "name": None,
    "starts": "2026-12-05T20:00:00+08:00",
    "ends": None,
    "override": False,
}
_OWNER = {"available": True, "owner": "XY-WQ-WY-WY"}
ON_DUTY_EXAMPLE = {**_OWNER, "at": "2026-12-05T09:00:00+08:00", "levels": [{"level": 1, "now": _SHIFT, "next": _GAP}]}
WEEK_EXAMPLE = {**_OWNER, "levels": [{"level": 1, "shifts": [_SHIFT, _GAP]}]}
PEOPLE_EXAMPLE = {**_OWNER, "people": [{"member": "liaison-wy-1", "name": "王值班"}]}
_STEP = {"kind": "level", "level": 1, "owner": "XY-WQ-WY-WY", "skipped": False, "taken_at": "2026-12-05T02:00:00+00:00"}
CHAINS_EXAMPLE = {
    "available": True,
    "case_id": "3f5b2c1e-8d4a-4c1b-9a7e-2b6d5e4f3a21",
    "chains": [
        {
            "department": "XY-WQ-WY-WY",
            "policy_version": 2,
            "status": "acknowledged",
            "started_at": "2026-12-05T02:00:00+00:00",
            "next_at": None,
            "stopped_at": "2026-12-05T02:09:00+00:00",
            "steps": [{**_STEP, "position": 0, "told": ["liaison-wy-1"], "notices": ["sent"]}],
        }
    ],
}


class Availability(BaseModel):
    available: bool = Field(True, description="false when notify could not be asked (then `reason` and `cause`)")
    reason: str | None = None
    cause: str | None = Field(None, description="unreachable (notify) or sign_in (this sign-in cannot be passed on)")


class Shift(BaseModel):
    gap: bool = Field(description="Nobody on duty")
    member: str | None = None
    name: str | None = None
    starts: str
    ends: str | None = None
    override: bool


class OnDutyLevel(BaseModel):
    level: int
    now: Shift
    next: Shift | None = None


class OnDuty(Availability):
    model_config = ConfigDict(json_schema_extra={"examples": [ON_DUTY_EXAMPLE]})  # type: ignore[list-item]
    owner: str
    at: str | None = None
    levels: list[OnDutyLevel] = []


class WeekLevel(BaseModel):
    level: int
    shifts: list[Shift]


class Week(Availability):
    model_config = ConfigDict(json_schema_extra={"examples": [WEEK_EXAMPLE]})  # type: ignore[list-item]
    owner: str
    levels: list[WeekLevel] = []


class DutyPerson(BaseModel):
    member: str
    name: str


class DutyPeople(Availability):
    model_config = ConfigDict(json_schema_extra={"examples": [PEOPLE_EXAMPLE]})  # type: ignore[list-item]
    owner: str
    people: list[DutyPerson] = Field([], description="Names only: a member's mobile never leaves notify this way")


class StepTaken(BaseModel):
    position: int
    kind: str = Field(description="level, head or desk")
    level: int | None = None
    owner: str = Field(description="Whose roster the person came from (the department or a duty desk)")
    told: list[str] = Field(description="Member ids told; empty when the step was skipped (nobody on duty)")
    skipped: bool
    taken_at: str
    notices: list[str] = Field(description="Each person notice's state: pending, sent, failed, unreachable")


class Chain(BaseModel):
    department: str
    policy_version: int
    status: str = Field(description="running, acknowledged (签收 stopped it), stopped, exhausted")
    started_at: str
    next_at: str | None = None
    stopped_at: str | None = None
    steps: list[StepTaken]


class Chains(Availability):
    model_config = ConfigDict(json_schema_extra={"examples": [CHAINS_EXAMPLE]})  # type: ignore[list-item]
    case_id: str
    chains: list[Chain] = Field([], description="The departments' chains the caller may read; none is empty")


async def _ask(
    request: Request, principal: Principal, path: str, params: dict[str, str] | None = None
) -> dict[str, Any]:
    settings = request.app.state.settings
    sent = request.headers.get("authorization", "")
    held = signin.provider_token(request) if not sent else None

    async def refresh(token: ProviderToken) -> ProviderToken | None:
        return await signin.refresh_provider_token(request, token)

    authorization = await notify_api.authorization_for(sent, principal, settings, held, refresh)
    return await notify_api.read(settings.dispatch_notify_url, path, authorization, params)


def _unavailable(error: notify_api.Unavailable, **fields: Any) -> dict[str, Any]:
    return {"available": False, "reason": error.reason, "cause": error.cause, **fields}


@router.get("/rosters/{owner}/on-duty", response_model=OnDuty, summary="Who is on duty now and next, per level")
async def on_duty(request: Request, owner: Owner, principal: Staff, at: AwareDatetime | None = None) -> dict[str, Any]:
    params = {"at": at.isoformat()} if at else None
    try:
        return await _ask(
            request, principal, notify_api.notify_path("/v1/rosters/{owner}/on-duty", owner=owner), params
        )
    except notify_api.Unavailable as error:
        return _unavailable(error, owner=owner)


@router.get("/rosters/{owner}/week", response_model=Week, summary="Every level's shifts and gaps over a week")
async def week(
    request: Request,
    owner: Owner,
    principal: Staff,
    start: AwareDatetime | None = None,
    days: Annotated[int, Query(ge=1, le=31)] = 7,
) -> dict[str, Any]:
    params = {"days": str(days)} | ({"start": start.isoformat()} if start else {})
    try:
        return await _ask(request, principal, notify_api.notify_path("/v1/rosters/{owner}/week", owner=owner), params)
    except notify_api.Unavailable as error:
        return _unavailable(error, owner=owner)


@router.get("/rosters/{owner}/people", response_model=DutyPeople, summary="The roster's members by name (no mobile)")
async def people(request: Request, owner: Owner, principal: Staff) -> dict[str, Any]:
    try:
        roster = await _ask(request, principal, notify_api.notify_path("/v1/rosters/{owner}", owner=owner))
    except notify_api.Unavailable as error:
        return _unavailable(error, owner=owner)
    # Picked field by field: notify's roster carries the (masked) mobile, which the console never shows.
    named = [{"member": p["member"], "name": p["name"]} for p in roster.get("people", [])]
    return {"available": True, "owner": roster.get("owner", owner), "people": named}


@router.get("/chains/{case_id}", response_model=Chains, summary="A case's escalation chains the caller may read")
async def chains(request: Request, case_id: CaseId, principal: Staff) -> dict[str, Any]:
    try:
        return await _ask(request, principal, notify_api.notify_path("/v1/escalation-chains/{case}", case=case_id))
    except notify_api.Unavailable as error:
        return _unavailable(error, case_id=case_id)
