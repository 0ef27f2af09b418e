"""The console's staff map (民情一张图 for the departments, docs/map.md).

- `GET /v1/map` (liaison, dispatcher): the caller's cases as points — where the grid worker's phone gave a
  location, else at their building in the reference geometry (by code, or by name within the grid), else
  at the grid's centre — filtered by state (`open`, `overdue` or a status), category (小类 or 大类) and
  department; with the grids' polygons and the buildings of the communities drawn.
- `GET /v1/map/needs` (dispatcher): the community service's `GET /v1/needs/map` (or `/gaps` with
  `gaps=true`) for the communities of the dispatcher's jurisdiction; when that service cannot be reached
  the layer is empty with `available: false` and the reason (the cases' map never depends on it).
  Dispatch never reads the community's database: it passes the console user's own bearer token through
  to the community service's API (CHUISHAO_DISPATCH_COMMUNITY_URL), which checks it and scopes the
  answer itself. The browser talks only to dispatch's origin.
"""

from __future__ import annotations

from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from chuishao_dispatch.adapters.repository import QueueFilter
from chuishao_dispatch.deps import Bus, CaseReader, Dispatcher, actor_of
from chuishao_dispatch.views import case_view
from chuishao_shared.problems import Problem
from chuishao_shared.reference import places
from chuishao_shared.reference.community import default_taxonomy
from chuishao_shared.tls import client_tls
from chuishao_shared.vocabulary import CASE_STATUSES, UNSETTLED

router = APIRouter(prefix="/v1/map", tags=["map"])
MAX_CASES = 2000


class Collection(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = Field(examples=["FeatureCollection"])
    features: list[dict[str, Any]] = Field(description="GeoJSON Features (WGS84 [lon, lat])")


_RING = [[113.0045, 36.6050], [113.0048, 36.6032], [113.0074, 36.6031], [113.0072, 36.6051], [113.0045, 36.6050]]
_CASE = {
    "type": "Feature",
    "id": "3f5b2c1e-8d4a-4c1b-9a7e-2b6d5e4f3a21",
    "geometry": {"type": "Point", "coordinates": [113.008032, 36.604402]},
    "properties": {
        "id": "3f5b2c1e-8d4a-4c1b-9a7e-2b6d5e4f3a21",
        "status": "dispatched",
        "category": "ENV-STAIRWELL-DIRTY",
        "category_name": "楼道卫生脏乱",
        "category_name_en": "Dirty stairwell",
        "grid": "XY-WQ-WY-G02",
        "grid_name": "五阳社区第二网格",
        "grid_name_en": "Wuyang Grid 2",
        "community": "XY-WQ-WY",
        "building": "3号楼",
        "precision": "building",
        "severity": "minor",
        "departments": ["XY-WQ-WY-WY"],
        "lead": "XY-WQ-WY-WY",
        "escalation_level": 1,
        "overdue": False,
        "opened_at": "2026-05-06T08:30:00Z",
    },
}
MAP_EXAMPLE = {
    "state": "open",
    "bbox": [113.0045, 36.6031, 113.0074, 36.6051],
    "communities": ["XY-WQ-WY"],
    "cases": {"type": "FeatureCollection", "features": [_CASE]},
    "grids": {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "XY-WQ-WY-G01",
                "geometry": {"type": "Polygon", "coordinates": [_RING]},
                "properties": {
                    "code": "XY-WQ-WY-G01",
                    "name": "五阳社区第一网格",
                    "name_en": "Wuyang Grid 1",
                    "label": "第一网格",
                    "label_en": "Grid 1",
                    "community": "XY-WQ-WY",
                    "grid_level": 1,
                },
            }
        ],
    },
    "buildings": {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "XY-WQ-WY-G01-B01",
                "geometry": {"type": "Point", "coordinates": [113.005432, 36.604402]},
                "properties": {
                    "code": "XY-WQ-WY-G01-B01",
                    "name": "1号楼",
                    "name_en": "Building 1",
                    "grid": "XY-WQ-WY-G01",
                },
            }
        ],
    },
}
NEEDS_EXAMPLE = {
    "available": True,
    "communities": ["XY-WQ-WY"],
    "radius_m": 1000,
    "gaps": 1,
    "needs": {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "0b9c7a52-4d0e-4f4e-9a8f-6c1d2e3f4a5b",
                "geometry": {"type": "Point", "coordinates": [113.006316, 36.603856]},
                "properties": {
                    "id": "0b9c7a52-4d0e-4f4e-9a8f-6c1d2e3f4a5b",
                    "community": "XY-WQ-WY",
                    "grid": "XY-WQ-WY-G01",
                    "building": "2号楼",
                    "precision": "building",
                    "kind": "elderly_disabled",
                    "status": "open",
                    "urgency": "normal",
                    "wanted_by": "2026-05-09T08:30:00+00:00",
                    "served_by": ["service", "venue"],
                    "gap": True,
                    "nearest_resource": "7d1f0c2a-5b3e-4a6d-8c9f-1e2d3c4b5a69",
                    "nearest_m": 2003.4,
                    "kind_name": "助老助残",
                    "kind_name_en": "Help for the elderly and disabled",
                    "grid_name": "五阳社区第一网格",
                    "grid_name_en": "Wuyang Grid 1",
                },
            }
        ],
    },
    "resources": {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "7d1f0c2a-5b3e-4a6d-8c9f-1e2d3c4b5a69",
                "geometry": {"type": "Point", "coordinates": [113.006316, 36.621856]},
                "properties": {
                    "id": "7d1f0c2a-5b3e-4a6d-8c9f-1e2d3c4b5a69",
                    "community": "XY-WQ-WY",
                    "provider": "unit",
                    "unit": "UNIT-XY-COAL",
                    "kind": "venue",
                    "status": "available",
                    "life_circle": 15,
                    "radius_m": 1000,
                },
            }
        ],
    },
}


class StaffMap(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [MAP_EXAMPLE]})  # type: ignore[list-item]
    state: str = Field(description="The state filter applied: open, overdue, all or a case status")
    bbox: list[float] | None = Field(description="[west, south, east, north] of the grids drawn")
    communities: list[str] = Field(description="The communities drawn")
    cases: Collection = Field(
        description="The cases as Points: `precision` given (the report's phone location), building or grid (centre)"
    )
    grids: Collection = Field(description="The grids' polygons")
    buildings: Collection = Field(description="The buildings of those grids (geometry.yaml) as Points")


class StaffNeedsMap(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [NEEDS_EXAMPLE]})  # type: ignore[list-item]
    available: bool = Field(description="false when the community service could not be asked (then `reason`)")
    reason: str | None = None
    communities: list[str]
    radius_m: int = Field(description="The 15-minute circle, metres (GB 50180-2018)")
    gaps: int = Field(ge=0, description="Needs with no available resource of a serving kind within radius_m")
    needs: Collection = Field(description="Unfinished needs as Points with `gap` and the nearest serving resource")
    resources: Collection = Field(description="The available resources near them")


def _case_feature(view: dict[str, Any], point: places.Point, precision: str) -> dict[str, Any]:
    lead = next((a["department"] for a in view["assignments"] if a["role"] == "lead"), None)
    return {
        "type": "Feature",
        "id": view["id"],
        "geometry": {"type": "Point", "coordinates": [round(point[0], 6), round(point[1], 6)]},
        "properties": {
            "id": view["id"],
            "status": view["status"],
            "category": view["category"],
            "category_name": view["category_name"],
            "category_name_en": view["category_name_en"],
            "grid": view["grid"],
            "grid_name": view["grid_name"],
            "grid_name_en": view["grid_name_en"],
            "community": view["community"],
            "building": view["building"],
            "precision": precision,
            "severity": view["severity"],
            "departments": sorted({a["department"] for a in view["assignments"]}),
            "lead": lead,
            "escalation_level": view["escalation_level"],
            "overdue": view["overdue"],
            "opened_at": view["opened_at"],
        },
    }


def _grids(ref: Any, communities: set[str]) -> dict[str, Any]:
    geography = ref.geography
    features = []
    for g in ref.grids():
        community = ref.community_of(g.code)
        home = community.code
        if home not in communities or geography is None or g.code not in geography.grids:
            continue
        features.append(
            {
                "type": "Feature",
                "id": g.code,
                "geometry": geography.polygon(g.code),
                "properties": {
                    "code": g.code,
                    "name": g.name,
                    "name_en": g.name_en,
                    # 第一网格 for 五阳社区第一网格: the community is named once, in the list
                    "label": g.name.removeprefix(community.name) or g.name,
                    "label_en": g.name_en.removeprefix(community.name_en.removesuffix(" Community")).strip()
                    or g.name_en,
                    "community": home,
                    "grid_level": g.grid_level,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@router.get(
    "",
    response_model=StaffMap,
    summary="The staff map: the caller's cases as points, with the grids and buildings (liaison, dispatcher)",
)
async def staff_map(
    bus: Bus,
    principal: CaseReader,
    state: Annotated[str, Query(description="open (default), overdue, all, or a case status")] = "open",
    category: Annotated[str | None, Query(description="小类 or 大类 code")] = None,
    department: Annotated[str | None, Query(description="a department code")] = None,
) -> dict[str, Any]:
    ctx = bus.context
    ref = ctx.reference
    if state not in ("open", "overdue", "all", *CASE_STATUSES):
        raise Problem(422, "Unprocessable Entity", "Unknown state.", errors=[{"field": "state", "message": "unknown"}])
    if category is not None and category not in ref.categories and category not in ref.majors:
        raise Problem(
            422, "Unprocessable Entity", "Unknown category.", errors=[{"field": "category", "message": "unknown"}]
        )
    if department is not None and department not in ref.departments:
        raise Problem(
            422, "Unprocessable Entity", "Unknown department.", errors=[{"field": "department", "message": "unknown"}]
        )
    now = ctx.now()
    query = QueueFilter(
        actor=actor_of(principal),
        status=state if state in CASE_STATUSES else None,
        department=department,
        overdue=True if state == "overdue" else None,
        limit=MAX_CASES,
    )
    async with bus.uow() as uow:
        found = await uow.cases.queue(query, now)
    features = []
    for loaded in found:
        case = loaded.case
        if state == "open" and case.status not in UNSETTLED:
            continue
        if category is not None and category not in (case.category, case.report.major):
            continue
        placed = places.place_of(ref, case.grid, case.report.building, case.report.lat, case.report.lon)
        if placed is None:
            continue
        features.append(_case_feature(case_view(case, ref, now), *placed))
    communities = places.communities_under(ref, principal.jurisdiction) if principal.jurisdiction else set()
    communities |= {f["properties"]["community"] for f in features}
    grids = _grids(ref, communities)
    drawn = [f["id"] for f in grids["features"]]
    return {
        "state": state,
        "bbox": list(ref.geography.bounds(drawn)) if ref.geography and drawn else None,
        "communities": sorted(communities),
        "cases": {"type": "FeatureCollection", "features": features},
        "grids": grids,
        "buildings": places.buildings_geojson(ref.geography, drawn),
    }


@router.get(
    "/needs",
    response_model=StaffNeedsMap,
    summary="Needs as points with the gap view, from the community service with the caller's own token (dispatcher)",
)
async def needs_map(
    request: Request,
    principal: Dispatcher,
    community: Annotated[str | None, Query(description="community code")] = None,
    gaps: Annotated[bool, Query(description="only the gaps")] = False,
) -> Any:
    authorization = request.headers.get("authorization", "")
    if not authorization.lower().startswith("bearer "):
        raise Problem(401, "Unauthorized", "The community service is asked with your bearer token: sign in with one.")
    base = request.app.state.settings.dispatch_community_url.rstrip("/")
    params = {"community": community} if community else {}
    try:
        async with httpx.AsyncClient(timeout=5.0, verify=client_tls()) as client:
            answer = await client.get(
                f"{base}/v1/needs/{'gaps' if gaps else 'map'}", params=params, headers={"Authorization": authorization}
            )
    except httpx.HTTPError:
        return _unavailable("the community service did not answer")
    if answer.status_code in (401, 403, 422):
        body = answer.json() if answer.headers.get("content-type", "").endswith("json") else {}
        raise Problem(
            answer.status_code,
            body.get("title", "Refused"),
            body.get("detail", "Refused by the community service."),
            errors=body.get("errors"),
        )
    if answer.status_code != 200:
        return _unavailable(f"the community service answered {answer.status_code}")
    return _named(answer.json() | {"available": True}, request.app.state.bus.context.reference)


def _unavailable(reason: str) -> dict[str, Any]:
    """The cases' map does not depend on the community service: its layer is empty, saying why."""
    empty = {"type": "FeatureCollection", "features": []}
    return {
        "available": False,
        "reason": reason,
        "communities": [],
        "radius_m": places.GAP_RADIUS_METRES,
        "gaps": 0,
        "needs": empty,
        "resources": dict(empty),
    }


def _named(body: dict[str, Any], ref: Any) -> dict[str, Any]:
    """The console's words for the codes the community service answers with (need kinds, grids)."""
    kinds = {t.code: (t.name, t.name_en) for t in default_taxonomy().need_kinds}
    for feature in body.get("needs", {}).get("features", []):
        p = feature["properties"]
        kind, grid = kinds.get(p.get("kind"), (p.get("kind"), p.get("kind"))), ref.jurisdictions.get(p.get("grid"))
        p |= {"kind_name": kind[0], "kind_name_en": kind[1]}
        p |= {
            "grid_name": grid.name if grid else p.get("grid"),
            "grid_name_en": grid.name_en if grid else p.get("grid"),
        }
    return body
