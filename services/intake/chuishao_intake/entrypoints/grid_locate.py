"""Which of my grids is this point in: for a report with a phone location, the grid to suggest when a
grid worker patrols several. Answered from the reference data's polygons (geometry.yaml)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import ConfigDict

from chuishao_intake.deps import Context, GridWorker
from chuishao_intake.entrypoints.api import ERRORS
from chuishao_intake.schemas import GridRead
from chuishao_shared.problems import Problem

router = APIRouter(prefix="/v1", tags=["reference data"])


class GridLocated(GridRead):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "XY-WQ-WY-G05",
                    "name": "五阳社区第五网格",
                    "name_en": "Wuyang Grid 5",
                    "community": "XY-WQ-WY",
                    "community_name": "五阳社区",
                    "parent": "XY-WQ-WY",
                }
            ]
        }
    )


@router.get(
    "/grids/locate",
    response_model=GridLocated,
    responses=ERRORS,
    summary="The grid, among yours, that contains a WGS84 point (for a report with a phone location)",
    description="Answers the most specific of the signed-in grid worker's grids (a sub-grid before its parent) "
    "whose polygon contains the point, edges included; 404 (problem+json) when none of theirs does.",
)
async def locate(
    ctx: Context,
    principal: GridWorker,
    lon: Annotated[float, Query(ge=-180, le=180, description="longitude, WGS84 degrees")],
    lat: Annotated[float, Query(ge=-90, le=90, description="latitude, WGS84 degrees")],
) -> dict[str, Any]:
    ref = ctx.reference
    geography = ref.geography
    code = geography.locate(lon, lat, among=principal.grids) if geography else None
    if code is None:
        raise Problem(
            404,
            "Not in your grids",
            f"the point ({lon}, {lat}) lies in none of your grids" if geography else "no grid geometry is loaded",
            kind="not-in-your-grids",
        )
    grid, community = ref.jurisdictions[code], ref.community_of(code)
    return {
        "code": grid.code,
        "name": grid.name,
        "name_en": grid.name_en,
        "community": community.code,
        "community_name": community.name,
        "parent": grid.parent,
    }
