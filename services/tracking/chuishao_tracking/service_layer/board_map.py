"""民情一张图 on the public side: open matters counted per grid, with the grids' polygons and the
communities' outlines. Only counts leave: no matter is ever a point, no personal data is read.

`layers` holds the community service's public layers, each a name → GeoJSON FeatureCollection; the
page draws any layer it has a drawer for (`ChuishaoMap.layers` in map.js):
- `needs`: the wish wall's open needs (待认领) counted per grid — one Feature per grid with open needs,
  placed at the grid's centre; never a need's own place (a need is a resident's personal matter);
- `resources`: the co-building resources on offer (resource.* events; public places) as Points with
  their kind, provider (a unit or the community), life circle and the 5/10/15-minute radii
  (GB 50180-2018: about 300 m, 500 m, 1 km).
"""

from __future__ import annotations

from typing import Any

from chuishao_shared.reference import ReferenceData, places
from chuishao_shared.times import utc_iso
from chuishao_tracking.adapters import map_queries
from chuishao_tracking.domain.community import ACTIVE_RESOURCE_STATUSES
from chuishao_tracking.service_layer.queries import TrackingContext, now

GRADES = ((3, "red"), (2, "yellow"), (1, "blue"))  # the escalation levels' grades (vocabulary.ESCALATION_LEVELS)
COUNTS = ("open", "overdue", "blue", "yellow", "red")
RESOURCE_KINDS: dict[str, tuple[str, str]] = {
    "venue": ("场地", "Venue"),
    "material": ("物资", "Materials"),
    "service": ("服务", "Service"),
    "expertise": ("专业技能", "Expertise"),
}


def short_name(name: str, community_name: str) -> str:
    """第一网格 for 五阳社区第一网格: the community is named once, on the page."""
    rest = name.removeprefix(community_name)
    return rest or name


def _grade(counts: dict[str, int]) -> str | None:
    return next((grade for _, grade in GRADES if counts[grade]), None)


def _empty() -> dict[str, int]:
    return dict.fromkeys(COUNTS, 0)


async def board_map(ctx: TrackingContext, community: str | None) -> dict[str, Any]:
    """Cached for a few seconds per community: a wall of phones asks the same question."""
    return await ctx.cache.get(("board-map", community), lambda: _board_map(ctx, community))  # type: ignore[no-any-return]


async def _board_map(ctx: TrackingContext, community: str | None) -> dict[str, Any]:
    at = now()
    async with ctx.engine.connect() as conn:
        rows = await map_queries.open_per_grid(conn, now=at, community=community)
        needs = await map_queries.open_needs_per_grid(conn, community=community)
        resources = await map_queries.active_resources(conn, community=community, statuses=ACTIVE_RESOURCE_STATUSES)
    counted = {r.grid: {k: int(getattr(r, k)) for k in COUNTS} for r in rows}
    body = build(ctx.names.reference, counted, community, utc_iso(at))
    body["layers"] = {
        "needs": needs_layer(ctx.names.reference, {r.grid: (int(r.open), int(r.urgent)) for r in needs}),
        "resources": resources_layer(resources),
    }
    return body


def needs_layer(ref: ReferenceData, counted: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """One Feature per grid with open needs, at the grid's centre: a count, never a need's place."""
    geography = ref.geography
    features = []
    for grid, (n, urgent) in sorted(counted.items()):
        centre = places.grid_centre(geography, grid) if geography else None
        if centre is None or grid not in ref.jurisdictions:
            continue
        features.append(
            {
                "type": "Feature",
                "id": grid,
                "geometry": {"type": "Point", "coordinates": [round(centre[0], 6), round(centre[1], 6)]},
                "properties": {"grid": grid, "community": ref.community_of(grid).code, "open": n, "urgent": urgent},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def resources_layer(rows: list[Any]) -> dict[str, Any]:
    features = []
    for r in rows:
        names = RESOURCE_KINDS.get(r.kind, (r.kind, r.kind))
        features.append(
            {
                "type": "Feature",
                "id": r.resource_id,
                "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                "properties": {
                    "kind": r.kind,
                    "kind_name": names[0],
                    "kind_name_en": names[1],
                    "provider": r.provider,
                    "community": r.community,
                    "status": r.status,
                    "capacity": r.capacity,
                    "life_circle": r.life_circle,
                    "radius_m": places.LIFE_CIRCLE_METRES.get(r.life_circle, places.GAP_RADIUS_METRES),
                    "circles_m": dict(places.LIFE_CIRCLE_METRES),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build(ref: ReferenceData, counted: dict[str, dict[str, int]], community: str | None, as_of: str) -> dict[str, Any]:
    geography = ref.geography
    communities = [c for c in ref.communities() if community is None or c.code == community]
    grids = [g for g in ref.grids() if ref.community_of(g.code).code in {c.code for c in communities}]
    grid_features = []
    per_community: dict[str, dict[str, int]] = {c.code: _empty() for c in communities}
    for g in grids:
        home = ref.community_of(g.code)
        counts = counted.get(g.code, _empty())
        for key in COUNTS:
            per_community[home.code][key] += counts[key]
        grid_features.append(
            {
                "type": "Feature",
                "id": g.code,
                "geometry": geography.polygon(g.code) if geography and g.code in geography.grids else None,
                "properties": {
                    "code": g.code,
                    "name": g.name,
                    "name_en": g.name_en,
                    "label": short_name(g.name, home.name),
                    "label_en": short_name(g.name_en, home.name_en.removesuffix(" Community")).strip(),
                    "community": home.code,
                    "parent": g.parent,
                    "grid_level": g.grid_level,
                    **counts,
                    "grade": _grade(counts),
                },
            }
        )
    community_features = []
    for c in communities:
        counts = per_community[c.code]
        community_features.append(
            {
                "type": "Feature",
                "id": c.code,
                "geometry": geography.outline(c.code) if geography and c.code in geography.communities else None,
                "properties": {"code": c.code, "name": c.name, "name_en": c.name_en, **counts, "grade": _grade(counts)},
            }
        )
    drawn = [g.code for g in grids if geography and g.code in geography.grids]
    totals = _empty()
    for counts in per_community.values():
        for key in COUNTS:
            totals[key] += counts[key]
    return {
        "as_of": as_of,
        "community": community,
        "bbox": list(geography.bounds(drawn)) if geography and drawn else None,
        "totals": totals,
        "grids": {"type": "FeatureCollection", "features": grid_features},
        "communities": {"type": "FeatureCollection", "features": community_features},
        "layers": {},
    }
