"""民情一张图, the public map: `GET /map` (the page) and `GET /v1/board/map` (its data: open matters
counted per grid, the grids' polygons and the communities' outlines; public, no personal data).

The map is drawn with Leaflet, vendored under static/vendor/leaflet (deploy/tools/vendor_leaflet.py)
and served by tracking; the base is the grid polygons themselves, so nothing is fetched from
outside. A city with its own tile server sets CHUISHAO_MAP_TILE_URL (`https://tiles.city.gov.cn/{z}/{x}/{y}.png`):
the page then draws those tiles under the grids, and its Content-Security-Policy admits that one
origin (for images and fetches); every other page keeps the default policy.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared import vocabulary
from chuishao_shared.headers import content_security_policy
from chuishao_tracking import i18n
from chuishao_tracking.deps import Context
from chuishao_tracking.entrypoints import params
from chuishao_tracking.entrypoints.api import ERRORS
from chuishao_tracking.entrypoints.page import NO_STORE, TEMPLATES
from chuishao_tracking.service_layer import board_map as use_case

api = APIRouter(prefix="/v1/board", tags=["board"])
page = APIRouter(include_in_schema=False)

# The page's own words; statuses, grades and "overdue" come from the shared vocabulary.
WORDS: dict[str, tuple[str, str]] = {
    "title": ("民情一张图", "Community map"),
    "subtitle": ("在办事项按网格汇总 · 不显示个人信息", "Open matters per grid · no personal data"),
    "open": ("在办", "Open"),
    "no_escalation": ("未督办", "Not escalated"),
    "none_open": ("无在办", "None open"),
    "grids": ("网格", "Grids"),
    "board": ("督办墙", "Board"),
    "switch": ("English", "中文"),
    "updated": ("更新于", "Updated"),
    "no_map": ("本社区尚无网格范围数据", "No grid outlines for this community yet"),
    "legend": ("图例", "Legend"),
    "resources": ("共建资源", "Co-building resources"),
    "wishes": ("待认领心愿", "Open wishes"),
    "circles": ("5/10/15分钟生活圈", "5/10/15-minute circles"),
    "unit": ("共建单位", "Co-building unit"),
    "community_own": ("社区", "Community"),
    "minutes": ("分钟生活圈", "-minute circle"),
    "capacity": ("容量", "Capacity"),
    "urgent": ("紧急", "urgent"),
}


class MapCounts(BaseModel):
    open: int = Field(ge=0, description="Open matters (not yet resolved)")
    overdue: int = Field(ge=0, description=vocabulary.OVERDUE_MEANING)
    blue: int = Field(ge=0, description="Open matters at escalation level 1 (蓝色督办)")
    yellow: int = Field(ge=0, description="… at level 2 (黄色督办)")
    red: int = Field(ge=0, description="… at level 3 (红色督办)")


class MapAreaProperties(MapCounts):
    model_config = ConfigDict(extra="allow")
    code: str
    name: str
    name_en: str
    grade: str | None = Field(description="The highest escalation grade among the open matters (red, yellow, blue)")


class MapAreaFeature(BaseModel):
    type: str = Field(examples=["Feature"])
    id: str
    geometry: dict[str, Any] | None = Field(description="GeoJSON Polygon (grid) or MultiPolygon (community), WGS84")
    properties: MapAreaProperties


class MapAreaCollection(BaseModel):
    type: str = Field(examples=["FeatureCollection"])
    features: list[MapAreaFeature]


_RING = [[113.0045, 36.6050], [113.0048, 36.6032], [113.0074, 36.6031], [113.0072, 36.6051], [113.0045, 36.6050]]
_COUNTS = {"open": 3, "overdue": 1, "blue": 1, "yellow": 0, "red": 1}
EXAMPLE = {
    "as_of": "2026-05-06T08:30:00Z",
    "community": "XY-WQ-WY",
    "bbox": [113.0045, 36.6031, 113.0074, 36.6051],
    "totals": _COUNTS,
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
                    "label_en": "Wuyang Grid 1",
                    "community": "XY-WQ-WY",
                    "parent": "XY-WQ-WY",
                    "grid_level": 1,
                    **_COUNTS,
                    "grade": "red",
                },
            }
        ],
    },
    "communities": {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "XY-WQ-WY",
                "geometry": {"type": "MultiPolygon", "coordinates": [[_RING]]},
                "properties": {
                    "code": "XY-WQ-WY",
                    "name": "五阳社区",
                    "name_en": "Wuyang Community",
                    **_COUNTS,
                    "grade": "red",
                },
            }
        ],
    },
    "layers": {
        "needs": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "XY-WQ-WY-G01",
                    "geometry": {"type": "Point", "coordinates": [113.005957, 36.604172]},
                    "properties": {"grid": "XY-WQ-WY-G01", "community": "XY-WQ-WY", "open": 2, "urgent": 1},
                }
            ],
        },
        "resources": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "5b0c8f7e-2f7a-4d7e-9a43-1c1f0a6f2d11",
                    "geometry": {"type": "Point", "coordinates": [113.0101, 36.6043]},
                    "properties": {
                        "kind": "venue",
                        "kind_name": "场地",
                        "kind_name_en": "Venue",
                        "provider": "community",
                        "community": "XY-WQ-WY",
                        "status": "available",
                        "capacity": 40,
                        "life_circle": 5,
                        "radius_m": 300,
                        "circles_m": {"5": 300, "10": 500, "15": 1000},
                    },
                }
            ],
        },
    },
}


class BoardMap(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    as_of: str
    community: str | None
    bbox: list[float] | None = Field(description="[west, south, east, north] of the grids drawn")
    totals: MapCounts
    grids: MapAreaCollection
    communities: MapAreaCollection
    layers: dict[str, Any] = Field(
        description="The community side's public layers by name, each a GeoJSON FeatureCollection: `needs` (the "
        "wish wall's open needs counted per grid, one Point per grid at its centre — never a need's place) and "
        "`resources` (co-building resources on offer as Points with kind, provider, life_circle and radius_m)"
    )


@api.get(
    "/map",
    response_model=BoardMap,
    responses=ERRORS,
    summary="民情一张图: open matters counted per grid, with the grids' polygons (public, no personal data)",
    description="Counts only: open, overdue and escalated (blue, yellow, red) matters per grid and per community, "
    "never a point or a row per matter. Grids carry their polygon and communities their outline (the union of "
    "their grids) as GeoJSON in WGS84 lon/lat. Answers may be a few seconds old.",
)
async def read_map(
    ctx: Context, community: Annotated[str | None, Query(description="community code")] = None
) -> dict[str, Any]:
    return await use_case.board_map(ctx, params.check_community(ctx.names.reference, community))


def wall_map_config(lang: str) -> dict[str, Any]:
    """The board's wall screen (?wall=1) carries a map panel: map.js in `panel` mode, the busiest community."""
    en = lang == "en"
    words = {key: w[1 if en else 0] for key, w in WORDS.items()}
    return {
        "lang": lang,
        "community": None,
        "busiest": True,
        "tiles": None,
        "words": words,
        "wall": True,
        "panel": True,
    }


TEMPLATES.env.globals["wall_map_config"] = wall_map_config


def _tiles(request: Request) -> dict[str, str] | None:
    settings = request.app.state.settings if hasattr(request.app.state, "settings") else None
    url = getattr(settings, "map_tile_url", None)
    if not url:
        return None
    return {"url": url, "attribution": getattr(settings, "map_tile_attribution", "") or ""}


@page.get("/map", response_class=HTMLResponse)
async def map_page(
    request: Request, ctx: Context, lang: str | None = None, community: str | None = None, wall: bool = False
) -> HTMLResponse:
    lang = i18n.pick_lang(lang)
    ref = ctx.names.reference
    communities = ref.communities()
    chosen = community if community in {c.code for c in communities} else None
    if chosen is None:  # the community with the most open matters, else the first
        totals = (await use_case.board_map(ctx, None))["communities"]["features"]
        busiest = max(totals, key=lambda f: f["properties"]["open"], default=None)
        chosen = busiest["id"] if busiest else (communities[0].code if communities else None)
    tiles = _tiles(request)
    headers = dict(NO_STORE)
    if tiles:
        parts = urlsplit(tiles["url"].replace("{s}", "*"))  # subdomains a, b, c …: one wildcard source
        headers["Content-Security-Policy"] = content_security_policy(f"{parts.scheme}://{parts.netloc}")
    en = lang == "en"
    t = {key: words[1 if en else 0] for key, words in WORDS.items()}
    return TEMPLATES.TemplateResponse(
        request,
        "map.html",
        {
            "lang": lang,
            "t": t,
            "communities": [(c.code, c.name_en if en else c.name) for c in communities],
            "chosen": chosen,
            "wall": wall,
            "switch_lang": "zh" if en else "en",
            "config": {"lang": lang, "community": chosen, "tiles": tiles, "words": t, "wall": wall},
        },
        headers=headers,
    )
