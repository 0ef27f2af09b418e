"""Reads of the public 议事公开栏 (COMMUNITY.md §3, §4 `GET /v1/board/topics`): topics past the
collect step with their meetings, decisions and actions, from the community read model
(migrations 0005). Only what the read model holds: ids, codes, steps, times, counts — never a title,
a question, a decision's text or a name (domain/community_forces.py keeps none)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

# A topic is public once staff set it (step `topic` onwards): a candidate the system proposed, or a
# suggestion staff only collected, is not yet a matter the community deliberates.
_TOPICS = text(
    "SELECT topic_id, community, step, collected_at, set_at, decided_at, "
    "GREATEST(collected_at, set_at, decided_at, "
    "(SELECT max(done_at) FROM community_actions a WHERE a.topic_id = t.topic_id)) AS moved_at "
    "FROM community_topics t WHERE step <> 'collect' "
    "AND (CAST(:community AS text) IS NULL OR community = :community) "
    "AND (CAST(:step AS text) IS NULL OR step = :step) "
    "ORDER BY moved_at DESC, topic_id LIMIT :limit"
)
_MEETINGS = text(
    "SELECT topic_id, count(*) AS held, count(*) FILTER (WHERE quorate) AS quorate, max(meeting_at) AS last_at "
    "FROM community_meetings WHERE topic_id = ANY(:ids) GROUP BY topic_id"
)
_DECISIONS = text(
    "SELECT topic_id, count(*) AS n, min(decided_at) AS first_at FROM community_decisions "
    "WHERE topic_id = ANY(:ids) GROUP BY topic_id"
)
_ACTIONS = text(
    "SELECT topic_id, action_id, status, due, done_at FROM community_actions WHERE topic_id = ANY(:ids) "
    "ORDER BY topic_id, due NULLS LAST, action_id"
)


async def topics(conn: AsyncConnection, *, community: str | None, step: str | None, limit: int) -> list[dict[str, Any]]:
    rows = [
        dict(r)
        for r in (await conn.execute(_TOPICS, {"community": community, "step": step, "limit": limit})).mappings()
    ]
    ids = [r["topic_id"] for r in rows]
    if not ids:
        return []
    meetings = {r["topic_id"]: dict(r) for r in (await conn.execute(_MEETINGS, {"ids": ids})).mappings()}
    decisions = {r["topic_id"]: dict(r) for r in (await conn.execute(_DECISIONS, {"ids": ids})).mappings()}
    actions: dict[str, list[dict[str, Any]]] = {}
    for r in (await conn.execute(_ACTIONS, {"ids": ids})).mappings():
        actions.setdefault(r["topic_id"], []).append(dict(r))
    for row in rows:
        row["meetings"] = meetings.get(row["topic_id"], {"held": 0, "quorate": 0, "last_at": None})
        row["decisions"] = decisions.get(row["topic_id"], {"n": 0, "first_at": None})
        row["actions"] = actions.get(row["topic_id"], [])
    return rows


def action_state(status: str, due: datetime | None, done_at: datetime | None, now: datetime) -> str:
    """An action's live result: done by its due date, done late, overdue, or under way."""
    if status == "done":
        return "done_late" if due is not None and done_at is not None and done_at > due else "done_on_time"
    return "overdue" if due is not None and due < now else "in_progress"
