"""The staff map (docs/map.md): `GET /v1/needs/map` — unfinished needs as points at their building (or
their grid's centre) with the available resources around them — and `GET /v1/needs/gaps`, the needs
with no available resource of a kind that serves them within the 15-minute circle.

For the community's staff (their community) and the departments' dispatchers (the communities in their
jurisdiction): the departments' console draws them (dispatch's GET /v1/map/needs passes the console
user's own token through). No resident, title or description: where, what kind, which status.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from chuishao_community.service_layer import needs_map as use_case
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.handlers import CommunityBus
from chuishao_shared.auth import Principal
from chuishao_shared.problems import Problem
from chuishao_shared.reference import places
from chuishao_shared.security import require_role

router = APIRouter(prefix="/v1/needs", tags=["needs"])
MAP_ROLES = ("community_staff", "dispatcher")


class PointFeature(BaseModel):
    type: str = Field(examples=["Feature"])
    id: str
    geometry: dict[str, Any] = Field(description="GeoJSON Point, WGS84 [lon, lat]")
    properties: dict[str, Any]


class PointCollection(BaseModel):
    type: str = Field(examples=["FeatureCollection"])
    features: list[PointFeature]


class NeedsMap(BaseModel):
    communities: list[str]
    radius_m: int = Field(description="The 15-minute circle (GB 50180-2018), metres")
    gaps: int = Field(ge=0, description="Needs with no available resource of a serving kind within radius_m")
    needs: PointCollection = Field(
        description="Each need at its building (precision `building`) or its grid's centre (`grid`): kind, "
        "status, urgency, `gap`, the nearest serving resource and its distance; no resident, title or description"
    )
    resources: PointCollection = Field(description="The available resources near those needs, with their life circle")


def _communities(request: Request, principal: Principal, community: str | None) -> set[str]:
    context: CommunityContext = request.app.state.context
    scope: set[str]
    if principal.role == "community_staff":
        scope = {principal.community} if principal.community and context.is_community(principal.community) else set()
    else:
        scope = places.communities_under(context.reference, principal.jurisdiction)
    if community is not None:
        if not context.is_community(community):
            raise Problem(
                422,
                "Unprocessable Entity",
                "No such community.",
                errors=[{"field": "community", "message": "not a community of the reference data"}],
            )
        if community not in scope:
            raise Problem(
                403,
                "Forbidden",
                "That community is not in your scope.",
                errors=[{"field": "community", "message": "not yours"}],
            )
        scope = {community}
    return {c for c in scope if c}


async def _read(request: Request, principal: Principal, community: str | None, gaps_only: bool) -> dict[str, Any]:
    bus: CommunityBus = request.app.state.bus
    return await use_case.needs_map(
        bus.uow(), request.app.state.context, _communities(request, principal, community), gaps_only=gaps_only
    )


Community = Annotated[str | None, Query(description="community code (default: every community in scope)")]
Reader = Annotated[Principal, Depends(require_role(*MAP_ROLES))]


@router.get("/map", response_model=NeedsMap, summary="Unfinished needs as points, each with its gap flag (staff)")
async def read_needs_map(request: Request, principal: Reader, community: Community = None) -> dict[str, Any]:
    return await _read(request, principal, community, gaps_only=False)


@router.get(
    "/gaps",
    response_model=NeedsMap,
    summary="The gap view: needs with no available resource of their kind within the 15-minute circle (staff)",
)
async def read_gaps(request: Request, principal: Reader, community: Community = None) -> dict[str, Any]:
    return await _read(request, principal, community, gaps_only=True)
