"""Read use cases of the community side: the wish wall (心愿墙) and GET /v1/stats/community, shared by
the JSON API and the page. Definitions: docs/statistics.md, "The community side"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chuishao_shared.reference.community import default_taxonomy
from chuishao_shared.times import utc_iso
from chuishao_tracking.adapters import community_queries
from chuishao_tracking.adapters.community_queries import NeedFilter
from chuishao_tracking.domain.community import CLAIMED_STATUSES, FULFILLED_STATUSES
from chuishao_tracking.domain.statistics import Period
from chuishao_tracking.service_layer.queries import TrackingContext, now
from chuishao_tracking.views import Names

# Figures of COMMUNITY.md §5 whose events are not on the topic yet: null, with the reason.
# Figures of COMMUNITY.md §5 published as null, and why (none left since teams are projected).
NOT_YET: dict[str, str] = {}
TEAM_KIND_WORDS: dict[str, tuple[str, str]] = {
    "red_armband": ("红袖标", "Red armbands"),
    "red_cap": ("红帽子", "Red caps"),
    "red_vest": ("红马甲", "Red vests"),
    "other": ("志愿服务队", "Volunteer team"),
}
STEPS = ("collect", "topic", "deliberate", "implement", "review", "closed")


def kind_names(code: str) -> tuple[str, str]:
    term = next((t for t in default_taxonomy().need_kinds if t.code == code), None)
    return (term.name, term.name_en) if term else (code, code)


def skill_names(code: str) -> tuple[str, str]:
    term = next((t for t in default_taxonomy().skills if t.code == code), None)
    return (term.name, term.name_en) if term else (code, code)


def need_item(row: Any, names: Names) -> dict[str, Any]:
    """One need as the public sees it: no title or description of the resident's, but the kind's words
    and the grid's name (a resident's words may name them: docs/statistics.md, "The wish wall")."""
    kind, grid, community = kind_names(row.kind), names.place(row.grid), names.place(row.community)
    return {
        "id": row.need_id,
        "kind": row.kind,
        "kind_name": kind[0],
        "kind_name_en": kind[1],
        "title": f"{kind[0]} · {grid[0]}",
        "title_en": f"{kind[1]} · {grid[1]}",
        "status": row.status,
        "urgency": row.urgency,
        "grid": row.grid,
        "grid_name": grid[0],
        "grid_name_en": grid[1],
        "community": row.community,
        "community_name": community[0],
        "community_name_en": community[1],
        "skills": [{"code": s, "name": skill_names(s)[0], "name_en": skill_names(s)[1]} for s in row.skills],
        "helpers": row.helpers,
        "wanted_by": utc_iso(row.wanted_by),
        "claimed": row.status in CLAIMED_STATUSES or row.status in FULFILLED_STATUSES,
        "fulfilled": row.status in FULFILLED_STATUSES,
        "claimed_by": row.claimant_kind if row.status in CLAIMED_STATUSES | FULFILLED_STATUSES else None,
        "recorded_at": utc_iso(row.recorded_at or row.listed_at),
        "claimed_at": utc_iso(row.claimed_at),
        "fulfilled_at": utc_iso(row.confirmed_at),
        "updated_at": utc_iso(row.updated_at),
    }


async def wish_wall(
    ctx: TrackingContext, flt: NeedFilter, *, limit: int, after: tuple[datetime, str] | None
) -> dict[str, Any]:
    async with ctx.engine.connect() as conn:
        rows = await community_queries.list_needs(conn, flt, limit=limit, after=after)
        counts = await community_queries.wall_counts(conn, flt)
    following = (rows[-1].listed_at, rows[-1].need_id) if len(rows) == limit else None
    return {
        "items": [need_item(r, ctx.names) for r in rows],
        "following": following,
        "communities": [
            {
                "community": c.community,
                "community_name": ctx.names.place(c.community)[0],
                "community_name_en": ctx.names.place(c.community)[1],
                "total": c.total,
                "open": c.open,
                "claimed": c.claimed,
                "fulfilled": c.fulfilled,
                "claimed_total": c.claimed + c.fulfilled,
            }
            for c in counts
        ],
    }


def _rate(numerator: int, denominator: int) -> dict[str, Any]:
    """One shape for a rate: null when there is nothing to count (docs/statistics.md, "No data")."""
    return {
        "value": round(numerator / denominator, 4) if denominator else None,
        "numerator": numerator,
        "denominator": denominator,
    }


def _seconds(value: Any) -> float | None:
    return round(float(value), 1) if value is not None else None


def year_progress(period: Period, ctx: TrackingContext) -> tuple[datetime, float]:
    """The local calendar year of the period's end: its first moment and the share gone by at the end."""
    local_end = period.end.astimezone(ctx.tz)
    start = local_end.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    following = start.replace(year=start.year + 1)
    return start, (local_end - start) / (following - start)


async def community_stats(
    ctx: TrackingContext, period: Period, *, community: str | None, target_hours: float
) -> dict[str, Any]:
    year_start, share = year_progress(period, ctx)
    due = round(target_hours * share, 2)
    async with ctx.engine.connect() as conn:
        raw = await community_queries.community_figures(
            conn, period, year_start=year_start, due_hours=due, tz=ctx.tz.key
        )
        forces = await community_queries.forces_figures(conn, period, now())
    items = []
    for code in sorted(raw.keys() | forces.keys()):
        if community and code != community:
            continue
        f, name = raw.get(code, {"hours_by_source": {}}), ctx.names.place(code)
        g = forces.get(code, {"units": [], "steps": {}})

        def get(key: str, f: dict[str, Any] = f) -> int:
            return int(f.get(key) or 0)

        by_source = f["hours_by_source"]
        reporting = get("reporting_in")
        items.append(
            {
                "community": code,
                "community_name": name[0],
                "community_name_en": name[1],
                "needs": {
                    "recorded": get("recorded"),
                    "claimed": get("claimed"),
                    "confirmed": get("confirmed"),
                    "expired": get("expired"),
                    "whistled": get("whistled"),
                    "cancelled": get("cancelled"),
                    "median_seconds_to_claim": _seconds(f.get("to_claim")),
                    "median_seconds_to_confirm": _seconds(f.get("to_confirm")),
                    "claims": get("claims"),
                    "release_rate": _rate(get("released"), get("claims")),
                    "no_show_rate": _rate(get("lapsed"), get("claims")),
                    "satisfaction_rate": _rate(get("satisfied"), get("satisfaction_recorded")),
                },
                "hours": {
                    "total": round(sum(h for h, _ in by_source.values()), 2),
                    "entries": sum(n for _, n in by_source.values()),
                    "by_source": {s: round(by_source.get(s, (0.0, 0))[0], 2) for s in ("need", "activity", "granted")},
                    "by_team": [
                        {
                            "team": t["team_id"],
                            "kind": t["kind"],
                            "kind_name": TEAM_KIND_WORDS.get(t["kind"], (t["kind"], t["kind"]))[0],
                            "kind_name_en": TEAM_KIND_WORDS.get(t["kind"], (t["kind"], t["kind"]))[1],
                            "hours": round(float(t["hours"]), 2),
                            "members": t["members"],
                        }
                        for t in f.get("teams", [])
                    ],
                },
                "members": {
                    "registered": get("registered"),
                    "reporting_in": reporting,
                    "active_share": _rate(get("active"), reporting),
                    "party_members": get("party_members"),
                    "on_track_share": _rate(get("on_track"), get("party_members")),
                },
                **_forces(g),
            }
        )
    return {
        "from": utc_iso(period.start),
        "to": utc_iso(period.end),
        "as_of": utc_iso(now()),
        "timezone": ctx.tz.key,
        "hours_target": {"yearly": target_hours, "due_by_period_end": due, "year_share": round(share, 4)},
        "items": items,
        "not_yet": [{"figure": k, "note": v} for k, v in NOT_YET.items()],
    }


def _days(value: Any) -> float | None:
    return round(float(value), 2) if value is not None else None


def _forces(g: dict[str, Any]) -> dict[str, Any]:
    """Units' answers to community orders, projects and 议事 for one community (docs/statistics.md)."""
    units = g["units"]
    asks, answered = sum(u["asks"] for u in units), sum(u["answered"] for u in units)
    count = lambda key: int(g.get(key) or 0)  # noqa: E731
    return {
        "orders": {
            "posted": count("orders_posted"),
            "asks": asks,
            "response_rate": _rate(answered, asks),
            "units": [
                {
                    "unit": u["unit"],
                    "asks": u["asks"],
                    "answered": u["answered"],
                    "committed": u["committed"],
                    "response_rate": _rate(u["answered"], u["asks"]),
                    "median_seconds_to_respond": _seconds(u["median_seconds"]),
                }
                for u in units
            ],
        },
        "projects": {
            "active": count("projects_active"),
            "done": count("projects_done"),
            "people_served": count("people_served"),
        },
        "deliberation": {
            "meetings_held": count("meetings_held"),
            "meetings_quorate": count("meetings_quorate"),
            "topics_by_step": {step: int(g["steps"].get(step, 0)) for step in STEPS},
            "median_days_topic_to_decision": _days(g.get("days_to_decision")),
            "median_days_decision_to_actions_done": _days(g.get("days_to_actions_done")),
            "actions_done_by_due": _rate(count("actions_on_time"), count("actions_decided")),
        },
    }
