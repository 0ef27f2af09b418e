"""The grids' geometry (`data/geometry.yaml`): every grid a polygon, buildings as points, each
community's outline derived as the union of its grids; checked at load, served as GeoJSON.

The file is optional (a city's reference data without it simply has no map), but once present it
must give every grid a polygon. Refusals name the grid and the reason: a missing polygon, a
malformed or self-intersecting ring, grids under one parent that overlap, a sub-grid outside its
parent grid, a grid outside its community's declared boundary (`communities:`, optional), a
building outside its grid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from chuishao_shared.reference import geometry as geo
from chuishao_shared.reference.models import Jurisdiction

GEOMETRY_FILE = "geometry.yaml"
AddProblem = Callable[[str, str, str, str], None]  # (file, entry, field, message)


@dataclass(frozen=True)
class Building:
    code: str
    name: str
    name_en: str
    grid: str
    point: geo.Point


@dataclass(frozen=True)
class Geography:
    grids: dict[str, geo.Ring]  # grid code → closed outer ring (counter-clockwise)
    communities: dict[str, list[list[geo.Ring]]]  # community code → MultiPolygon coordinates (derived)
    buildings: tuple[Building, ...] = ()
    _depth: dict[str, int] = field(default_factory=dict)

    def polygon(self, code: str) -> dict[str, Any]:
        return {"type": "Polygon", "coordinates": [[list(p) for p in self.grids[code]]]}

    def outline(self, community: str) -> dict[str, Any]:
        return {
            "type": "MultiPolygon",
            "coordinates": [[[list(p) for p in ring] for ring in polygon] for polygon in self.communities[community]],
        }

    def bounds(self, codes: Iterable[str] | None = None) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the given grids (default: all)."""
        return geo.bounds(self.grids[c] for c in (self.grids if codes is None else codes))

    @cached_property
    def _index(self) -> geo.GridIndex:
        return geo.GridIndex(self.grids)

    def locate(self, lon: float, lat: float, among: Iterable[str] | None = None) -> str | None:
        """The most specific grid (deepest sub-grid) among `among` (default: all) containing the point."""
        found = self._index.covering((lon, lat))
        if among is not None:
            found = [c for c in found if c in set(among)]
        return max(found, key=lambda c: (self._depth.get(c, 1), c), default=None)


def _community_of(code: str, nodes: Mapping[str, Jurisdiction]) -> str | None:
    current, seen = nodes[code].parent, {code}
    while current is not None and current in nodes and current not in seen:  # a cycle is reported elsewhere
        if nodes[current].level == "community":
            return current
        seen.add(current)
        current = nodes[current].parent
    return None


def load_geography(text: str, doc: Any, nodes: Mapping[str, Jurisdiction], add: AddProblem) -> Geography | None:
    """Check `doc` (the parsed file) against the jurisdictions; None after reporting problems through `add`.

    The checks are exact and take a moment, and every service loads the same file at start: the answer
    is kept per file text and jurisdiction tree."""
    tree = tuple(sorted((c, n.level, n.parent, n.grid_level) for c, n in nodes.items()))
    problems, geography = _checked(text, tree, doc)
    for problem in problems:
        add(*problem)
    return geography


_KEPT: dict[tuple[str, tuple[Any, ...]], tuple[list[tuple[str, str, str, str]], Geography | None]] = {}


def _checked(text: str, tree: tuple[Any, ...], doc: Any) -> tuple[list[tuple[str, str, str, str]], Geography | None]:
    key = (text, tree)
    if key not in _KEPT:
        nodes = {
            c: Jurisdiction(code=c, name=c, name_en=c, level=level, parent=parent, grid_level=grid_level)
            for c, level, parent, grid_level in tree
        }
        problems: list[tuple[str, str, str, str]] = []
        geography = _check(doc, nodes, lambda *p: problems.append(p))
        if len(_KEPT) > 16:
            _KEPT.clear()
        _KEPT[key] = (problems, geography)
    return _KEPT[key]


def _check(doc: Any, nodes: Mapping[str, Jurisdiction], add: AddProblem) -> Geography | None:
    f = GEOMETRY_FILE
    before = [0]

    def problem(entry: str, fld: str, message: str) -> None:
        before[0] += 1
        add(f, entry, fld, message)

    if not isinstance(doc, Mapping) or not set(doc) <= {"grids", "buildings", "communities"}:
        problem("", "", "the file holds `grids` (code → polygon), and optionally `buildings` and `communities`")
        return None
    raw_grids = doc.get("grids") or {}
    raw_communities = doc.get("communities") or {}
    if not isinstance(raw_grids, Mapping) or not isinstance(raw_communities, Mapping):
        problem("", "grids", "`grids` and `communities` map a code to a polygon")
        return None

    grid_codes = [c for c, n in nodes.items() if n.level == "grid"]
    rings: dict[str, geo.Ring] = {}
    for code, value in raw_grids.items():
        code = str(code)
        if code not in nodes or nodes[code].level != "grid":
            problem(code, "grids", f"{code!r} is not a grid in the jurisdictions")
            continue
        try:
            ring = geo.ring_from_geojson(value)
        except geo.GeometryError as exc:
            problem(code, "polygon", f"invalid polygon: {exc}")
            continue
        reason = geo.self_intersection(ring)
        if reason:
            problem(code, "polygon", f"self-intersecting polygon: {reason}")
            continue
        rings[code] = ring
    for code in grid_codes:
        if code not in raw_grids:
            problem(code, "polygon", "missing geometry: every grid needs a polygon once the file exists")

    declared: dict[str, geo.Ring] = {}
    for code, value in raw_communities.items():
        code = str(code)
        if code not in nodes or nodes[code].level != "community":
            problem(code, "communities", f"{code!r} is not a community in the jurisdictions")
            continue
        try:
            ring = geo.ring_from_geojson(value)
        except geo.GeometryError as exc:
            problem(code, "boundary", f"invalid boundary: {exc}")
            continue
        reason = geo.self_intersection(ring)
        if reason:
            problem(code, "boundary", f"self-intersecting boundary: {reason}")
            continue
        declared[code] = ring

    # Siblings (grids under one parent) must not overlap; a sub-grid lies within its parent.
    siblings: dict[str, list[str]] = {}
    for code in rings:
        siblings.setdefault(nodes[code].parent or "", []).append(code)
    for parent, codes in siblings.items():
        for i, a in enumerate(codes):
            for b in codes[i + 1 :]:
                if geo.overlap(rings[a], rings[b]):
                    problem(b, "polygon", f"overlapping grids: {b} overlaps {a}")
        if parent in rings:
            for code in codes:
                if not geo.within(rings[code], rings[parent]):
                    problem(code, "polygon", f"a grid outside its parent: {code} is not within grid {parent}")
    for code, ring in rings.items():
        community = _community_of(code, nodes)
        if community in declared and not geo.within(ring, declared[community]):
            problem(code, "polygon", f"a grid outside its community: {code} is not within {community}'s boundary")

    buildings: list[Building] = []
    seen: set[str] = set()
    for i, raw in enumerate(doc.get("buildings") or []):
        entry = str(raw.get("code")) if isinstance(raw, Mapping) and raw.get("code") else f"buildings[{i}]"
        if not isinstance(raw, Mapping) or set(raw) != {"code", "name", "name_en", "grid", "point"}:
            problem(entry, "buildings", "a building is {code, name, name_en, grid, point: [lon, lat]}")
            continue
        if entry in seen:
            problem(entry, "code", f"duplicate building code {entry!r}")
            continue
        seen.add(entry)
        grid = str(raw["grid"])
        try:
            point = geo.point_from_geojson(raw["point"])
        except geo.GeometryError as exc:
            problem(entry, "point", str(exc))
            continue
        if grid not in nodes or nodes[grid].level != "grid":
            problem(entry, "grid", f"unknown grid {grid!r}")
        elif grid in rings and not geo.contains(rings[grid], point):
            problem(entry, "point", f"the building lies outside its grid {grid}")
        else:
            buildings.append(Building(entry, str(raw["name"]), str(raw["name_en"]), grid, point))

    if before[0]:
        return None
    communities: dict[str, list[str]] = {}
    for code in rings:
        community = _community_of(code, nodes)
        if community is not None and nodes[code].parent == community:  # the 一级 grids tile the community
            communities.setdefault(community, []).append(code)
    depth: dict[str, int] = {c: nodes[c].grid_level or 1 for c in rings}
    return Geography(
        grids={c: _ccw(r) for c, r in rings.items()},
        communities={c: geo.union_outline([rings[g] for g in codes]) for c, codes in communities.items()},
        buildings=tuple(buildings),
        _depth=depth,
    )


def _ccw(ring: geo.Ring) -> geo.Ring:
    area = sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))
    return ring if area > 0 else list(reversed(ring))
