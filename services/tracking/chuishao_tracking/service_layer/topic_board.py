"""The public 议事公开栏: topics with their step, the decision as counts and dates, actions with their
live result (from their real events) and the topic's progress, and COMMUNITY.md §5's 议事 figures.

**No staff-typed text is published.** A topic's title and question, a decision's text and an action's
description may name a resident (外墙剥落 at whose door?) and masking catches phones, not names, so the
topic events carry none (shared/chuishao_shared/events/topic_contracts.py) and this board shows none: a
topic is named by its community and a short reference, the decision by how many items were decided
when, an action by its due date and result. A deliberately public title set by staff would be a
contract change (topic.set) left for later (services/tracking/README.md)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chuishao_shared.times import utc_iso
from chuishao_tracking.adapters import topic_board
from chuishao_tracking.domain.statistics import Period
from chuishao_tracking.service_layer import community
from chuishao_tracking.service_layer.queries import TrackingContext, now

STEPS = ("topic", "deliberate", "implement", "review", "closed")
STEP_WORDS = {
    "collect": ("收集问题", "Collecting"),
    "topic": ("确定议题", "Topic set"),
    "deliberate": ("协商议事", "Deliberating"),
    "implement": ("分流落实", "Implementing"),
    "review": ("监督评审", "Under review"),
    "closed": ("已评审办结", "Reviewed and closed"),
}
ACTION_WORDS = {
    "done_on_time": ("按期完成", "Done on time"),
    "done_late": ("逾期完成", "Done late"),
    "overdue": ("已逾期", "Overdue"),
    "in_progress": ("落实中", "Under way"),
}
FIGURES_DAYS = 365


def _ref(topic_id: str) -> str:
    return "YS-" + "".join(c for c in topic_id if c.isalnum())[:6].upper()


def _decision(n: int, first_at: Any) -> tuple[str, str]:
    if not n:
        return "尚未议定", "Not decided yet"
    day = first_at.strftime("%Y-%m-%d") if first_at else ""
    return f"{day} 议定 {n} 项决定", f"{n} decision{'s' if n > 1 else ''} taken on {day}"


async def board_topics(
    ctx: TrackingContext, *, community_code: str | None, step: str | None, limit: int
) -> dict[str, Any]:
    at = now()
    async with ctx.engine.connect() as conn:
        rows = await topic_board.topics(conn, community=community_code, step=step, limit=limit)
    items = []
    for r in rows:
        name = ctx.names.place(r["community"])
        actions = [
            {
                "id": a["action_id"],
                "status": a["status"],
                "result": (state := topic_board.action_state(a["status"], a["due"], a["done_at"], at)),
                "result_name": ACTION_WORDS[state][0],
                "result_name_en": ACTION_WORDS[state][1],
                "due": utc_iso(a["due"]) if a["due"] else None,
                "done_at": utc_iso(a["done_at"]) if a["done_at"] else None,
            }
            for a in r["actions"]
        ]
        done = sum(1 for a in actions if a["status"] == "done")
        decided = _decision(r["decisions"]["n"], r["decisions"]["first_at"])
        items.append(
            {
                "id": r["topic_id"],
                "ref": _ref(r["topic_id"]),
                "community": r["community"],
                "community_name": name[0],
                "community_name_en": name[1],
                "step": r["step"],
                "step_name": STEP_WORDS[r["step"]][0],
                "step_name_en": STEP_WORDS[r["step"]][1],
                "set_at": utc_iso(r["set_at"]) if r["set_at"] else None,
                "decided_at": utc_iso(r["decided_at"]) if r["decided_at"] else None,
                "meetings": {
                    "held": r["meetings"]["held"],
                    "quorate": r["meetings"]["quorate"],
                    "last_at": utc_iso(r["meetings"]["last_at"]) if r["meetings"]["last_at"] else None,
                },
                "decision": {"count": r["decisions"]["n"], "summary": decided[0], "summary_en": decided[1]},
                "progress": round(done / len(actions), 4) if actions else 0.0,
                "actions_done": done,
                "actions_overdue": sum(1 for a in actions if a["result"] == "overdue"),
                "actions": actions,
            }
        )
    period = Period(at - timedelta(days=FIGURES_DAYS), at)
    stats = await ctx.cache.get(
        ("board-topics-figures", community_code, at.date()),
        lambda: community.community_stats(
            ctx, period, community=community_code, target_hours=ctx.community_hours_target
        ),
    )
    figures = [
        {
            "community": s["community"],
            "community_name": s["community_name"],
            "community_name_en": s["community_name_en"],
            **s["deliberation"],
        }
        for s in stats["items"]
        if s["deliberation"]["meetings_held"] or any(s["deliberation"]["topics_by_step"].values())
    ]
    return {
        "as_of": utc_iso(at),
        "figures_from": utc_iso(period.start),
        "figures_to": utc_iso(period.end),
        "items": items,
        "figures": figures,
    }
