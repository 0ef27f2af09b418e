"""Read use cases shared by the JSON API, the page and the live stream (one connection each)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from chuishao_shared.times import utc_iso
from chuishao_tracking.adapters import queries
from chuishao_tracking.adapters.live import Broadcaster, Message
from chuishao_tracking.adapters.queries import CaseFilter
from chuishao_tracking.adapters.read_cache import ReadCache
from chuishao_tracking.domain import statistics
from chuishao_tracking.domain.statistics import Dimension, Period
from chuishao_tracking.views import Names, board_case, figures


@dataclass
class TrackingContext:
    engine: AsyncEngine
    names: Names
    tz: ZoneInfo
    broadcaster: Broadcaster
    cache: ReadCache = field(default_factory=lambda: ReadCache(0))
    # In-service party members' yearly hours target, for "on track" (docs/statistics.md, community side).
    community_hours_target: float = 50.0


def now() -> datetime:
    return datetime.now(UTC)


async def list_board(
    ctx: TrackingContext, flt: CaseFilter, *, limit: int, after: tuple[datetime, str] | None
) -> tuple[list[dict[str, Any]], tuple[datetime, str] | None]:
    at = now()
    async with ctx.engine.connect() as conn:
        rows = await queries.list_cases(conn, flt, now=at, limit=limit, after=after)
        lines = await queries.timelines(conn, [r.id for r in rows]) if rows else {}
    items = [board_case(r, lines.get(r.id), ctx.names, at) for r in rows]
    following = (rows[-1].opened_at, rows[-1].id) if len(rows) == limit else None
    return items, following


async def board_cases(ctx: TrackingContext, ids: list[str], *, with_timeline: bool = True) -> list[dict[str, Any]]:
    at = now()
    async with ctx.engine.connect() as conn:
        rows = await queries.cases_by_id(conn, ids)
        lines = await queries.timelines(conn, [r.id for r in rows]) if rows and with_timeline else {}
    return [board_case(r, lines.get(r.id), ctx.names, at) for r in rows]


async def stream_messages(ctx: TrackingContext, ids: list[str]) -> list[Message]:
    return [{"event": "case", "id": f"{c['id']}:{c['sequence']}", "data": c} for c in await board_cases(ctx, ids)]


async def figures_for(
    ctx: TrackingContext, dimension: Dimension, period: Period, *, cache_key: Any = None
) -> dict[str, Any]:
    """The figures; with a `cache_key` (the request as asked, e.g. the default period) an answer up to
    a few seconds old may be shared between readers."""
    if cache_key is not None:
        return await ctx.cache.get(("figures", dimension, cache_key), lambda: figures_for(ctx, dimension, period))  # type: ignore[no-any-return]
    at = now()
    async with ctx.engine.connect() as conn:
        groups = await queries.group_figures(conn, dimension, period, at)
        months = await queries.monthly_top(conn, period, ctx.tz.key) if dimension == "category" else []
    body: dict[str, Any] = {
        "dimension": dimension,
        "from": utc_iso(period.start),
        "to": utc_iso(period.end),
        "as_of": utc_iso(at),
        "timezone": ctx.tz.key,
        "items": [figures(g, dimension, ctx.names) for g in statistics.league(groups.values())],
    }
    if dimension == "category":
        body["monthly_top"] = [
            {
                "month": m.month,
                "items": [
                    {"code": c, "name": ctx.names.category(c)[0], "name_en": ctx.names.category(c)[1], "reports": n}
                    for c, n in m.categories
                ],
            }
            for m in months
        ]
    return body


async def daily(ctx: TrackingContext, days: int) -> list[statistics.Day]:
    return await ctx.cache.get(("daily", days), lambda: _daily(ctx, days))  # type: ignore[no-any-return]


async def _daily(ctx: TrackingContext, days: int) -> list[statistics.Day]:
    at = now()
    async with ctx.engine.connect() as conn:
        counts = await queries.daily_counts(conn, at - timedelta(days=days + 1), ctx.tz.key)
    return statistics.daily_from_counts(counts, days, at, ctx.tz)


async def wall(ctx: TrackingContext, limit: int = 60) -> dict[str, Any]:
    """Everything the wall screen shows at first paint."""
    at = now()
    local_midnight = at.astimezone(ctx.tz).replace(hour=0, minute=0, second=0, microsecond=0)
    async with ctx.engine.connect() as conn:
        rows = await queries.open_cases(conn, limit)
        totals = await queries.summary(conn, now=at, day_start=local_midnight)
    cases = [board_case(r, None, ctx.names, at) for r in rows]
    cases.sort(key=urgency)
    return {"cases": cases, "summary": totals, "now": at}


def urgency(case: dict[str, Any]) -> tuple[Any, ...]:
    """Overdue first, then higher escalation, then the nearest deadline (the page's script agrees)."""
    deadline = case["next_deadline_at"] or "9999"
    return (not case["overdue"], -case["escalation_level"], deadline, case["opened_at"])
