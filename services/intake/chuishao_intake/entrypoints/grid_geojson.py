"""`GET /v1/grids` as GeoJSON (RFC 7946): a FeatureCollection of the grids with their polygons."""

from __future__ import annotations

from typing import Any, Literal

from fastapi.responses import JSONResponse

from chuishao_shared.reference import ReferenceData

GEOJSON = "application/geo+json"
Format = Literal["json", "geojson"]

_FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "bbox": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": "string"},
                    "geometry": {
                        "description": "The grid's polygon (WGS84 lon/lat); null where the data set has no geometry",
                        "anyOf": [{"type": "object"}, {"type": "null"}],
                    },
                    "properties": {"type": "object"},
                },
            },
        },
    },
}
_EXAMPLE = {
    "type": "FeatureCollection",
    "bbox": [113.0045, 36.6010, 113.0074, 36.6054],
    "features": [
        {
            "type": "Feature",
            "id": "XY-WQ-WY-G01",
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [113.0045, 36.6050],
                        [113.0048, 36.6032],
                        [113.0074, 36.6031],
                        [113.0072, 36.6051],
                        [113.0045, 36.6050],
                    ]
                ],
            },
            "properties": {
                "code": "XY-WQ-WY-G01",
                "name": "五阳社区第一网格",
                "name_en": "Wuyang Grid 1",
                "community": "XY-WQ-WY",
                "community_name": "五阳社区",
                "parent": "XY-WQ-WY",
                "grid_level": 1,
            },
        }
    ],
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The grids (JSON), or a GeoJSON FeatureCollection with `?format=geojson` or "
        "`Accept: application/geo+json`",
        "content": {GEOJSON: {"schema": _FEATURE_COLLECTION, "example": _EXAMPLE}},
    }
}


def wanted(format: Format | None, accept: str | None) -> bool:
    if format is not None:
        return format == "geojson"
    return GEOJSON in (accept or "")


def feature_collection(ref: ReferenceData, items: list[dict[str, Any]]) -> dict[str, Any]:
    geography = ref.geography
    features = []
    for item in items:
        code = item["code"]
        has = geography is not None and code in geography.grids
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": geography.polygon(code) if has and geography else None,
                "properties": {**item, "grid_level": ref.jurisdictions[code].grid_level},
            }
        )
    body: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    drawn = [i["code"] for i in items if geography is not None and i["code"] in geography.grids]
    if geography is not None and drawn:
        body["bbox"] = list(geography.bounds(drawn))
    return body


def response(ref: ReferenceData, items: list[dict[str, Any]]) -> JSONResponse:
    return JSONResponse(feature_collection(ref, items), media_type=GEOJSON)
