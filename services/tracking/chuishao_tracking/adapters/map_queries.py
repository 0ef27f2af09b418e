"""The map's one read: open matters counted per grid (never a row per matter, never a point)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_shared.vocabulary import OVERDUE_SQL, UNSETTLED, overdue_params


async def open_per_grid(conn: AsyncConnection, *, now: datetime, community: str | None) -> list[Any]:
    # 在办 as every page counts it (the vocabulary's `open`): not yet resolved; a resolved case waiting for
    # its on-site check is no longer on the map.
    where = "is_open AND status = ANY(:unsettled)" + (" AND community = :community" if community else "")
    result = await conn.execute(
        text(
            "SELECT grid, count(*) AS open, "
            f"count(*) FILTER (WHERE {OVERDUE_SQL}) AS overdue, "
            "count(*) FILTER (WHERE escalation_level = 1) AS blue, "
            "count(*) FILTER (WHERE escalation_level = 2) AS yellow, "
            "count(*) FILTER (WHERE escalation_level >= 3) AS red "
            f"FROM board_cases WHERE {where} GROUP BY grid"
        ),
        {**overdue_params(now), "unsettled": sorted(UNSETTLED), "community": community},
    )
    return list(result.all())


async def open_needs_per_grid(conn: AsyncConnection, *, community: str | None) -> list[Any]:
    """The wish wall's open needs (待认领) counted per grid: a count, never a need's place."""
    where = "status = 'open'" + (" AND community = :community" if community else "")
    result = await conn.execute(
        text(
            "SELECT grid, count(*) AS open, count(*) FILTER (WHERE urgency = 'urgent') AS urgent "
            f"FROM community_needs WHERE {where} GROUP BY grid"
        ),
        {"community": community},
    )
    return list(result.all())


async def active_resources(conn: AsyncConnection, *, community: str | None, statuses: tuple[str, ...]) -> list[Any]:
    """The co-building resources on offer (public places), for the map's points and circles."""
    where = "status = ANY(:statuses)" + (" AND community = :community" if community else "")
    result = await conn.execute(
        text(
            "SELECT resource_id, community, provider, kind, status, life_circle, capacity, lon, lat "
            f"FROM community_resources WHERE {where} ORDER BY resource_id LIMIT 5000"
        ),
        {"community": community, "statuses": list(statuses)},
    )
    return list(result.all())
