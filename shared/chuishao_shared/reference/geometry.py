"""Plane geometry for the grids' outlines (WGS84 lon/lat, treated as a plane at a community's size).

The predicates come from shapely (GEOS), the kept library PostGIS itself is built on: is a ring a
simple polygon, do two polygons overlap, does one lie within another, is a point inside, and the
outline of a set of polygons that tile an area (their union). GEOS decides them robustly on the
coordinates as given, so a vertex two neighbouring grids share is the same point and a shared edge
is not an overlap. PostgreSQL stays without PostGIS (it is not on every city's database server).

A polygon is its outer ring only (grids have no holes): a list of (lon, lat) vertices, the first
repeated at the end as GeoJSON writes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry.polygon import orient
from shapely.validation import explain_validity

Point = tuple[float, float]
Ring = list[Point]  # closed: ring[0] == ring[-1]


class GeometryError(ValueError):
    """A polygon is not usable: the message says why."""


def ring_from_geojson(value: object) -> Ring:
    """The outer ring of a GeoJSON Polygon's coordinates (`[[[lon, lat], ...]]`); GeometryError if malformed."""
    if not isinstance(value, list) or len(value) != 1 or not isinstance(value[0], list):
        raise GeometryError("a grid's polygon is one ring: [[[lon, lat], ...]] (no holes)")
    ring: Ring = []
    for point in value[0]:
        if (
            not isinstance(point, list | tuple)
            or len(point) != 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in point)
        ):
            raise GeometryError(f"a vertex must be [lon, lat], got {point!r}")
        lon, lat = float(point[0]), float(point[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise GeometryError(f"vertex {point!r} is not a WGS84 [lon, lat]")
        ring.append((lon, lat))
    if len(ring) < 4:
        raise GeometryError("a polygon needs at least 3 distinct vertices and the first repeated at the end")
    if ring[0] != ring[-1]:
        raise GeometryError("the ring is not closed: the last vertex must repeat the first")
    return ring


def point_from_geojson(value: object) -> Point:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in value)
    ):
        raise GeometryError(f"a point is [lon, lat], got {value!r}")
    lon, lat = float(value[0]), float(value[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeometryError(f"{list(value)!r} is not a WGS84 [lon, lat]")
    return lon, lat


# --- predicates (shapely) ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _polygon(ring: tuple[Point, ...]) -> Polygon:
    polygon = Polygon(ring)
    shapely.prepare(polygon)  # point lookups at request time test the same few grids again and again
    return polygon


def _shape(ring: Sequence[Point]) -> Polygon:
    return _polygon(tuple(ring))


def self_intersection(ring: Ring) -> str | None:
    """Why the ring is not a simple polygon (edges crossing or touching, repeated vertex, no area), or None."""
    if len(set(ring[:-1])) != len(ring) - 1:
        return "a vertex repeats (the ring touches itself)"
    polygon = _shape(ring)
    if polygon.is_valid:
        return None if polygon.area > 0 else "the polygon has no area"
    reason = explain_validity(polygon)  # e.g. "Self-intersection[113.001 36.6]"
    where = reason[reason.find("[") :].replace(" ", ", ") if "[" in reason else ""
    if reason.startswith("Ring Self-intersection"):
        return f"the ring touches itself at {where}"
    if reason.startswith("Self-intersection"):
        return f"edges cross at {where}"
    return reason


def overlap(a: Ring, b: Ring) -> bool:
    """The interiors of two simple polygons share some area (sharing edges or corners is not overlap)."""
    return bool(_shape(a).relate_pattern(_shape(b), "T********"))


def within(inner: Ring, outer: Ring) -> bool:
    """Every point of `inner` lies in `outer` or on its boundary."""
    return bool(_shape(inner).covered_by(_shape(outer)))


def contains(ring: Sequence[Point], point: Point) -> bool:
    """The point is inside the ring or on its boundary."""
    return bool(_shape(ring).covers(ShapelyPoint(point)))


class GridIndex:
    """The grids in an R-tree (shapely's STRtree): which of them cover a point, without testing each."""

    def __init__(self, grids: dict[str, Ring]) -> None:
        self._codes = list(grids)
        self._tree = shapely.STRtree([_shape(ring) for ring in grids.values()])

    def covering(self, point: Point) -> list[str]:
        return [self._codes[i] for i in self._tree.query(ShapelyPoint(point), predicate="covered_by")]


def union_outline(rings: Sequence[Ring]) -> list[list[Ring]]:
    """The outline of polygons that tile an area without overlapping (checked before): a GeoJSON
    MultiPolygon's coordinates, each polygon its outer ring (counter-clockwise) then its holes."""
    merged = shapely.unary_union([_shape(r) for r in rings])
    parts = list(merged.geoms) if isinstance(merged, MultiPolygon) else [merged]
    outline: list[list[Ring]] = []
    for part in parts:
        oriented = orient(part, sign=1.0)
        outline.append(
            [
                [(float(x), float(y)) for x, y in oriented.exterior.coords],
                *[[(float(x), float(y)) for x, y in hole.coords] for hole in oriented.interiors],
            ]
        )
    return outline


def bounds(rings: Iterable[Sequence[Point]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of every vertex."""
    xs, ys = [], []
    for ring in rings:
        for x, y in ring:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)
