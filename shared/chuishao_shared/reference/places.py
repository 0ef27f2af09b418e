"""Where things are on the map (docs/map.md): a point for a case or a need from what was given — a
phone location, else its building in `geometry.yaml` (by code, or by name within its grid), else its
grid's centre — the life circles' radii (GB 50180-2018), distances on the sphere, and the gap view's
rule: a need with no active resource of a kind that serves it within the 15-minute circle.

Pure functions on the reference data: no database, no web framework. The services feed them rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chuishao_shared.reference.geography import Geography
from chuishao_shared.reference.loader import ReferenceData

Point = tuple[float, float]  # (lon, lat), WGS84
# GB 50180-2018 《城市居住区规划设计标准》: the life circles by walking minutes → about this many metres.
LIFE_CIRCLE_METRES: Mapping[int, int] = {5: 300, 10: 500, 15: 1000}
GAP_RADIUS_METRES = LIFE_CIRCLE_METRES[15]
EARTH_RADIUS_METRES = 6_371_008.8
# How exact a point is: a location given with the report, the building's point, the grid's centre.
PRECISIONS = ("given", "building", "grid")


def distance_m(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance in metres between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(h)))


def box_around(points: Iterable[Point], metres: float) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) holding every point widened by `metres`: the database's coarse filter
    before the exact distance."""
    pts = list(points)
    if not pts:
        return None
    dlat = math.degrees(metres / EARTH_RADIUS_METRES)
    far = max(abs(p[1]) for p in pts)
    dlon = dlat / max(math.cos(math.radians(min(far + dlat, 89.0))), 1e-6)
    return (
        min(p[0] for p in pts) - dlon,
        min(p[1] for p in pts) - dlat,
        max(p[0] for p in pts) + dlon,
        max(p[1] for p in pts) + dlat,
    )


def grid_centre(geography: Geography, grid: str) -> Point | None:
    """The middle of the grid's bounding box (the schematic outlines are near-convex), or None."""
    ring = geography.grids.get(grid)
    if not ring:
        return None
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def building_of(geography: Geography, grid: str | None, building: str | None) -> Any | None:
    """The geometry's building a case or need names: its code, or its name (zh or en) within the grid
    or one of the grid's sub-grids / its parent (a grid worker writes "3号楼")."""
    if not building:
        return None
    wanted = building.strip()
    by_code = next((b for b in geography.buildings if b.code == wanted), None)
    if by_code is not None:
        return by_code
    if not grid:
        return None
    family = [
        b
        for b in geography.buildings
        if b.grid == grid or b.grid.startswith(grid + "-") or grid.startswith(b.grid + "-")
    ]
    return next((b for b in family if wanted in (b.name, b.name_en)), None)


def place_of(
    ref: ReferenceData,
    grid: str | None,
    building: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> tuple[Point, str] | None:
    """A point and how exact it is ("given", "building", "grid"), or None when nothing places it."""
    if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
        return (lon, lat), "given"
    geography = ref.geography
    if geography is None:
        return None
    found = building_of(geography, grid, building)
    if found is not None:
        return (found.point[0], found.point[1]), "building"
    centre = grid_centre(geography, grid or "")
    return (centre, "grid") if centre else None


def communities_under(ref: ReferenceData, code: str | None) -> set[str]:
    """The communities at or under a jurisdiction (a district, a street or a community)."""
    if not code or code not in ref.jurisdictions:
        return set()
    return {c.code for c in ref.communities() if code in ref.chain(c.code)}


def buildings_geojson(geography: Geography | None, grids: Iterable[str] | None = None) -> dict[str, Any]:
    """The buildings as a GeoJSON FeatureCollection of Points (optionally only those of some grids)."""
    wanted = set(grids) if grids is not None else None
    features = [
        {
            "type": "Feature",
            "id": b.code,
            "geometry": {"type": "Point", "coordinates": [b.point[0], b.point[1]]},
            "properties": {"code": b.code, "name": b.name, "name_en": b.name_en, "grid": b.grid},
        }
        for b in (geography.buildings if geography else ())
        if wanted is None or b.grid in wanted
    ]
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Offer:
    """An active resource as the gap view sees it."""

    id: str
    kind: str
    point: Point


@dataclass(frozen=True)
class Reach:
    """A need's answer in the gap view: the nearest active resource of a kind serving it, if any."""

    gap: bool
    nearest: str | None
    nearest_m: float | None


def reach(
    point: Point,
    kinds: Sequence[str],
    offers: Iterable[Offer],
    radius_m: float = GAP_RADIUS_METRES,
) -> Reach:
    """Is a resource of one of `kinds` within `radius_m` of `point`? (a gap when not)."""
    best: tuple[float, str] | None = None
    for offer in offers:
        if offer.kind not in kinds:
            continue
        d = distance_m(point, offer.point)
        if best is None or d < best[0]:
            best = (d, offer.id)
    if best is None:
        return Reach(gap=True, nearest=None, nearest_m=None)
    return Reach(gap=best[0] > radius_m, nearest=best[1], nearest_m=round(best[0], 1))
