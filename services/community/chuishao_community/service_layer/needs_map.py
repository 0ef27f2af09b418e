"""The staff map's needs and the gap view (COMMUNITY.md §6, docs/map.md).

Each unfinished need (open, claimed, in progress, expired) becomes a point at its building in the
reference geometry (by code, or by name within its grid), else at its grid's centre; never with the
resident, the title or the description (the map shows where and what kind, the case of a need is read
from GET /v1/needs/{id} by those who may). The gap view: a need is a gap when no available resource of
a kind that serves it (community.yaml `served_by`) lies within the 15-minute circle (about 1 km,
GB 50180-2018). The database narrows the resources to a bounding box around the needs (plain
PostgreSQL on the resources' place); the exact distance is the haversine in Python
(chuishao_shared.reference.places).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text

from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.reference import places

UNFINISHED = ("open", "claimed", "in_progress", "expired")
ACTIVE = ("available", "active")  # resource statuses that answer a need today (HSDS "active")
# How far around the needs resources are looked up (the box), so the nearest beyond the circle is named too.
SEARCH_METRES = 3 * places.GAP_RADIUS_METRES

_NEEDS = text(
    "SELECT id, community, grid, kind, status, doc->>'building' AS building, doc->>'urgency' AS urgency, "
    "wanted_by FROM needs WHERE community = ANY(:communities) AND status = ANY(:statuses) "
    "ORDER BY recorded_at DESC, id DESC LIMIT :limit"
)
# The coarse filter: available resources whose place lies in the box (any community: a neighbour's
# resource 600 m away still serves).
_RESOURCES = text(
    "SELECT id, community, unit, kind, status, CAST(doc->'place'->>'lon' AS double precision) AS lon, "
    "CAST(doc->'place'->>'lat' AS double precision) AS lat, CAST(doc->>'life_circle' AS integer) AS life_circle, "
    "doc->>'valid_from' AS valid_from, doc->>'valid_to' AS valid_to FROM resources "
    "WHERE status = ANY(:active) "
    "AND CAST(doc->'place'->>'lon' AS double precision) BETWEEN :west AND :east "
    "AND CAST(doc->'place'->>'lat' AS double precision) BETWEEN :south AND :north "
    "LIMIT 5000"
)


def _valid(row: Any, today: date) -> bool:
    start = date.fromisoformat(row.valid_from) if row.valid_from else None
    end = date.fromisoformat(row.valid_to) if row.valid_to else None
    return (start is None or start <= today) and (end is None or today <= end)


async def needs_map(
    uow: SqlUnitOfWork, ctx: CommunityContext, communities: set[str], *, gaps_only: bool, limit: int = 2000
) -> dict[str, Any]:
    ref = ctx.reference
    async with uow:
        conn = uow.needs.conn
        rows = (
            await conn.execute(
                _NEEDS, {"communities": sorted(communities), "statuses": list(UNFINISHED), "limit": limit}
            )
        ).all()
        located = [(r, places.place_of(ref, r.grid, r.building)) for r in rows]
        box = places.box_around((p[0] for _, p in located if p), SEARCH_METRES)
        offers_rows: list[Any] = []
        if box:
            west, south, east, north = box
            params = {"active": list(ACTIVE), "west": west, "south": south, "east": east, "north": north}
            offers_rows = list((await conn.execute(_RESOURCES, params)).all())
    today = ctx.now().date()
    offers_rows = [r for r in offers_rows if _valid(r, today)]
    offers = [places.Offer(r.id, r.kind, (r.lon, r.lat)) for r in offers_rows]
    features = []
    gap_count = 0
    for r, placed in located:
        if placed is None:
            continue
        point, precision = placed
        kinds = ctx.taxonomy.kinds_serving(r.kind)
        answer = places.reach(point, kinds, offers)
        gap_count += answer.gap
        if gaps_only and not answer.gap:
            continue
        features.append(
            {
                "type": "Feature",
                "id": r.id,
                "geometry": {"type": "Point", "coordinates": [round(point[0], 6), round(point[1], 6)]},
                "properties": {
                    "id": r.id,
                    "community": r.community,
                    "grid": r.grid,
                    "building": r.building if precision == "building" else None,
                    "precision": precision,
                    "kind": r.kind,
                    "status": r.status,
                    "urgency": r.urgency or "normal",
                    "wanted_by": r.wanted_by.isoformat() if r.wanted_by else None,
                    "served_by": list(kinds),
                    "gap": answer.gap,
                    "nearest_resource": answer.nearest,
                    "nearest_m": answer.nearest_m,
                },
            }
        )
    resources = [
        {
            "type": "Feature",
            "id": r.id,
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": {
                "id": r.id,
                "community": r.community,
                "provider": "unit" if r.unit else "community",
                "unit": r.unit,
                "kind": r.kind,
                "status": r.status,
                "life_circle": r.life_circle or 15,
                "radius_m": places.LIFE_CIRCLE_METRES.get(r.life_circle or 15, places.GAP_RADIUS_METRES),
            },
        }
        for r in offers_rows
    ]
    return {
        "communities": sorted(communities),
        "radius_m": places.GAP_RADIUS_METRES,
        "gaps": gap_count,
        "needs": {"type": "FeatureCollection", "features": features},
        "resources": {"type": "FeatureCollection", "features": resources},
    }
