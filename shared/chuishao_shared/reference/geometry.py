"""Plane geometry for the grids' outlines (WGS84 lon/lat, treated as a plane at a community's size).

No GIS library is installed, and the product keeps PostGIS out, so the few rules the map needs are
written here: is a ring simple, do two polygons overlap, does one lie within another, is a point
inside, and the outline of a set of polygons that tile an area (their union). The predicates run on
exact fractions, so a vertex shared by two neighbouring grids is the same point and a shared edge
is recognised as shared; the point test at request time runs on floats.

A polygon is its outer ring only (grids have no holes): a list of (lon, lat) vertices, the first
repeated at the end as GeoJSON writes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from fractions import Fraction

Point = tuple[float, float]
Ring = list[Point]  # closed: ring[0] == ring[-1]
_Exact = tuple[Fraction, Fraction]


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


# --- exact predicates ------------------------------------------------------------------------------


def _exact(ring: Sequence[Point]) -> list[_Exact]:
    return [(Fraction(x), Fraction(y)) for x, y in ring]


def _cross(o: _Exact, a: _Exact, b: _Exact) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _sign(v: Fraction) -> int:
    return (v > 0) - (v < 0)


def _on_segment(p: _Exact, a: _Exact, b: _Exact) -> bool:
    return (
        min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
        and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])
        and _cross(a, b, p) == 0
    )


def _segments_touch(a: _Exact, b: _Exact, c: _Exact, d: _Exact) -> bool:
    """The closed segments ab and cd share at least one point."""
    d1, d2 = _sign(_cross(c, d, a)), _sign(_cross(c, d, b))
    d3, d4 = _sign(_cross(a, b, c)), _sign(_cross(a, b, d))
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return _on_segment(a, c, d) or _on_segment(b, c, d) or _on_segment(c, a, b) or _on_segment(d, a, b)


def _properly_cross(a: _Exact, b: _Exact, c: _Exact, d: _Exact) -> bool:
    """ab and cd cross at one point interior to both (not at an end, not along a shared line)."""
    d1, d2 = _sign(_cross(c, d, a)), _sign(_cross(c, d, b))
    d3, d4 = _sign(_cross(a, b, c)), _sign(_cross(a, b, d))
    return d1 * d2 < 0 and d3 * d4 < 0


def _area2(ring: Sequence[_Exact]) -> Fraction:
    return sum((ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)), Fraction(0))


def _where(p: _Exact, ring: Sequence[_Exact]) -> int:
    """1 inside, 0 on the boundary, -1 outside (even-odd rule)."""
    if not (min(q[0] for q in ring) <= p[0] <= max(q[0] for q in ring)) or not (
        min(q[1] for q in ring) <= p[1] <= max(q[1] for q in ring)
    ):
        return -1
    inside = False
    for i in range(len(ring) - 1):
        a, b = ring[i], ring[i + 1]
        if _on_segment(p, a, b):
            return 0
        if (a[1] > p[1]) != (b[1] > p[1]):
            x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            if x > p[0]:
                inside = not inside
    return 1 if inside else -1


def self_intersection(ring: Ring) -> str | None:
    """Why the ring is not a simple polygon (edges crossing or touching, repeated vertex, no area), or None."""
    r = _exact(ring)
    n = len(r) - 1  # edges
    if len(set(r[:-1])) != n:
        return "a vertex repeats (the ring touches itself)"
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):  # neighbours share one vertex
                a, b, c, d = r[i], r[i + 1], r[j], r[j + 1]
                shared = b if j == i + 1 else a
                other_i, other_j = (a, d) if j == i + 1 else (b, c)
                # neighbours may only meet at the shared vertex: folding back along each other is a touch
                if _on_segment(other_j, r[i], r[i + 1]) or _on_segment(other_i, r[j], r[j + 1]):
                    return f"edges {i + 1} and {j + 1} fold back on each other at {_fmt(shared)}"
                continue
            if _segments_touch(r[i], r[i + 1], r[j], r[j + 1]):
                return f"edges {i + 1} and {j + 1} cross"
    if _area2(r) == 0:
        return "the polygon has no area"
    return None


def _ccw(r: list[_Exact]) -> list[_Exact]:
    return r if _area2(r) > 0 else list(reversed(r))


def _inner_probes(r: list[_Exact]) -> Iterable[_Exact]:
    """Points just inside a simple counter-clockwise ring: off the middle of each edge, to its left."""
    r = _ccw(r)
    scale = min(
        (abs(r[i + 1][0] - r[i][0]) + abs(r[i + 1][1] - r[i][1]) for i in range(len(r) - 1)),
        default=Fraction(1),
    )
    eps = scale / 10**6
    for i in range(len(r) - 1):
        (ax, ay), (bx, by) = r[i], r[i + 1]
        mx, my = (ax + bx) / 2, (ay + by) / 2
        dx, dy = bx - ax, by - ay
        length = abs(dx) + abs(dy)
        yield mx - dy / length * eps, my + dx / length * eps


def _boxes_apart(a: Sequence[Point], b: Sequence[Point]) -> bool:
    (aw, as_, ae, an), (bw, bs, be, bn) = bounds([a]), bounds([b])
    return ae < bw or be < aw or an < bs or bn < as_


def overlap(a: Ring, b: Ring) -> bool:
    """The interiors of two simple polygons share some area (sharing edges or corners is not overlap)."""
    if _boxes_apart(a, b):
        return False
    ra, rb = _exact(a), _exact(b)
    for i in range(len(ra) - 1):
        for j in range(len(rb) - 1):
            if _properly_cross(ra[i], ra[i + 1], rb[j], rb[j + 1]):
                return True
    if any(_where(p, rb) > 0 for p in ra[:-1]) or any(_where(p, ra) > 0 for p in rb[:-1]):
        return True
    return any(_where(p, rb) > 0 for p in _inner_probes(ra)) or any(_where(p, ra) > 0 for p in _inner_probes(rb))


def within(inner: Ring, outer: Ring) -> bool:
    """Every point of `inner` lies in `outer` or on its boundary."""
    ri, ro = _exact(inner), _exact(outer)
    if any(_where(p, ro) < 0 for p in ri[:-1]):
        return False
    for i in range(len(ri) - 1):
        for j in range(len(ro) - 1):
            if _properly_cross(ri[i], ri[i + 1], ro[j], ro[j + 1]):
                return False
    # an edge between two boundary vertices may still cut across a notch of a concave outline
    return all(_where(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2), ro) >= 0 for a, b in zip(ri, ri[1:], strict=False))


def contains(ring: Sequence[Point], point: Point) -> bool:
    """The point is inside the ring or on its boundary (floats; for lookups at request time)."""
    x, y = point
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
        cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax)
        if cross == 0 and min(ax, bx) <= x <= max(ax, bx) and min(ay, by) <= y <= max(ay, by):
            return True
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def union_outline(rings: Sequence[Ring]) -> list[list[Ring]]:
    """The outline of polygons that tile an area without overlapping (checked before): a GeoJSON
    MultiPolygon's coordinates, each polygon its outer ring then its holes.

    Edges are split at every vertex of another ring lying on them; an edge two polygons share then
    appears twice in opposite directions and is dropped; what is left chains into the outline."""
    exact = [_ccw(_exact(r)) for r in rings]
    vertices = {p for r in exact for p in r}
    edges: dict[tuple[_Exact, _Exact], int] = defaultdict(int)
    for r in exact:
        for a, b in zip(r, r[1:], strict=False):
            on = sorted(
                (p for p in vertices if p not in (a, b) and _on_segment(p, a, b)),
                key=lambda p: (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2,
            )
            points = [a, *on, b]
            for s, t in zip(points, points[1:], strict=False):
                edges[(s, t)] += 1
    kept = [e for e, n in edges.items() for _ in range(n) if edges.get((e[1], e[0]), 0) == 0]
    outgoing: dict[_Exact, list[_Exact]] = defaultdict(list)
    for s, t in kept:
        outgoing[s].append(t)
    loops: list[list[_Exact]] = []
    while outgoing:
        start = next(iter(outgoing))
        loop, here = [start], start
        while True:
            nxt = outgoing[here].pop()
            if not outgoing[here]:
                del outgoing[here]
            loop.append(nxt)
            here = nxt
            if here == start:
                break
        loops.append(loop)
    outers = [loop for loop in loops if _area2(loop) > 0]
    holes = [loop for loop in loops if _area2(loop) < 0]
    polygons: list[list[list[_Exact]]] = [[o] for o in outers]
    for hole in holes:
        for polygon in polygons:
            if all(_where(p, polygon[0]) >= 0 for p in hole):
                polygon.append(hole)
                break
    return [[[(float(x), float(y)) for x, y in ring] for ring in polygon] for polygon in polygons]


def _fmt(p: _Exact) -> str:
    return f"[{float(p[0]):g}, {float(p[1]):g}]"


def bounds(rings: Iterable[Sequence[Point]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of every vertex."""
    xs, ys = [], []
    for ring in rings:
        for x, y in ring:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)
