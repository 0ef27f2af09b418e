"""Where the rest of the world moves topics: real events only (COMMUNITY.md §3 step 5).

- a need of a need action confirmed (this service's own change, in the same transaction) → the action
  is done; a need that expired again (a second need of the same matter expired) → a candidate;
- a case event from dispatch (consumed, deduplicated by the shared consumer) → the local case read
  model; a case action whose report the case holds learns its case id; case.closed → the action is
  done; a hotspot or a case every routed department returned → a candidate.

A candidate is proposed once: one topic per candidate key that is not closed; a hotspot counts again
only the cases opened after the last topic of its key was closed."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from chuishao_community.adapters.repository import Loaded
from chuishao_community.adapters.topics import CaseReadModel, TopicRepository
from chuishao_community.domain.topics import Evidence, Topic
from chuishao_community.domain.values import DomainEvent
from chuishao_shared.events.types import EventType
from chuishao_shared.observability import COMMUNITY_EVENTS


class TopicsUnitOfWork(Protocol):
    """What these reactions use of the community's unit of work (which calls them when it saves a need,
    so they name its parts here instead of importing it)."""

    topics: TopicRepository
    topic_cases: CaseReadModel

    async def save_topic(self, loaded: Loaded, events: Sequence[DomainEvent], *, new: bool = False) -> None: ...

    def after_commit(self, action: Callable[[], None]) -> None: ...


EXPIRED_NEED_WINDOW = timedelta(days=365)


def count(events: Sequence[DomainEvent]) -> Callable[[], None]:
    def record() -> None:
        for event in events:
            COMMUNITY_EVENTS.labels(event.type).inc()

    return record


async def propose(
    uow: TopicsUnitOfWork,
    *,
    community: str,
    origin: str,
    key: str,
    title: str,
    question: str,
    evidence: Sequence[Evidence],
    at: datetime,
) -> Topic | None:
    """A system candidate in `collect`, unless its key already has a topic that is not closed."""
    latest = await uow.topics.of_key(key)
    if latest is not None and (latest[0] or origin != "hotspot"):
        return None  # proposed once (a returned case or an expired need: ever; a hotspot: while open)
    topic = Topic(
        id=str(uuid.uuid4()),
        community=community,
        title=title,
        question=question,
        evidence=tuple(evidence),
        origin=origin,
        candidate_key=key,
        raised_by="system",
        created_at=at,
    )
    events = topic.collected(at)
    await uow.save_topic(Loaded(topic, 0), events, new=True)
    uow.after_commit(count(events))
    return topic


async def _complete(uow: TopicsUnitOfWork, topic_id: str, action_id: str, by: str, at: datetime) -> None:
    loaded = await uow.topics.get(topic_id, lock=True)
    if loaded is None:
        return
    events = loaded.item.complete(action_id, by, at)
    if events:
        await uow.save_topic(loaded, events)
        uow.after_commit(count(events))


async def need_saved(uow: TopicsUnitOfWork, need: Any, events: Sequence[DomainEvent]) -> None:
    for event in events:
        at = datetime.fromisoformat(str(event.data["at"]))
        if event.type == EventType.NEED_CONFIRMED:
            for topic_id, action_id in await uow.topics.topics_of("need_id", need.id):
                await _complete(uow, topic_id, action_id, "need.confirmed", at)
        elif event.type == EventType.NEED_EXPIRED:
            expired = await uow.topic_cases.expired_needs(
                need.community, need.grid, need.building, need.kind, at - EXPIRED_NEED_WINDOW
            )
            if len(expired) >= 2:
                where = f"{need.grid} {need.building or ''}".strip()
                await propose(
                    uow,
                    community=need.community,
                    origin="expired_need",
                    key=f"expired:{need.community}:{need.grid}:{need.building or ''}:{need.kind}",
                    title=f"无人认领的需求（{need.kind}，{where}）已两次过期",
                    question="这类需求为何无人认领？社区、共建单位或居民能否共同解决？",
                    evidence=[Evidence("need", n) for n in expired],
                    at=at,
                )


async def case_seen(
    uow: TopicsUnitOfWork,
    *,
    event_type: str,
    data: dict[str, Any],
    at: datetime,
    hotspot_cases: int,
    hotspot_window: timedelta,
    category_name: Callable[[str], str],
) -> None:
    """One case event: the read model, the case actions it moves, the candidates it makes."""
    case = data["case"]
    routed = [a["department"] for a in case.get("assignments", ())]
    returned = [data["department"]] if event_type == EventType.CASE_RETURNED and data.get("department") else []
    row = await uow.topic_cases.project(
        case_id=case["id"],
        category=case["category"],
        community=case["community"],
        status=case["status"],
        opened_at=datetime.fromisoformat(str(case["opened_at"])),
        report_ids=[str(r) for r in case.get("report_ids", ())],
        routed=routed,
        returned=returned,
    )
    # The case actions: matched by the report intake answered with, or by the case once known.
    seen: set[tuple[str, str]] = set()
    for report_id in row["report_ids"]:
        seen |= set(await uow.topics.topics_of("report_id", report_id))
    seen |= set(await uow.topics.topics_of("case_id", case["id"]))
    for topic_id, action_id in sorted(seen):
        loaded = await uow.topics.get(topic_id, lock=True)
        if loaded is None:
            continue
        topic: Topic = loaded.item
        action = topic.action(action_id)
        if action is None:
            continue
        action.case_id = action.case_id or case["id"]
        topic.note(at, event_type, action_id=action_id, case_id=case["id"], case_status=case["status"])
        events = topic.complete(action_id, "case.closed", at) if event_type == EventType.CASE_CLOSED else []
        await uow.save_topic(loaded, events)
        uow.after_commit(count(events))
    # The candidates.
    if event_type == EventType.CASE_OPENED:
        key = f"hotspot:{case['community']}:{case['category']}"
        latest = await uow.topics.of_key(key)
        if latest is None or not latest[0]:
            since = at - hotspot_window
            if latest is not None and latest[1] is not None:
                since = max(since, latest[1])
            cases = await uow.topic_cases.hotspot(case["community"], case["category"], since)
            if len(cases) >= hotspot_cases:
                name = category_name(case["category"])
                await propose(
                    uow,
                    community=case["community"],
                    origin="hotspot",
                    key=key,
                    title=f"高发问题：{name}（{len(cases)} 件 / {hotspot_window.days} 天）",
                    question=f"“{name}”为何反复发生？需要各方共同商定怎样根治？",
                    evidence=[Evidence("case", c) for c in cases],
                    at=at,
                )
    if event_type == EventType.CASE_RETURNED and row["routed"] and set(row["routed"]) <= set(row["returned"]):
        name = category_name(case["category"])
        await propose(
            uow,
            community=case["community"],
            origin="returned_case",
            key=f"returned:{case['id']}",
            title=f"各部门均退回的事项：{name}",
            question="没有一个部门认领的事，社区四方如何商量着办？",
            evidence=[Evidence("case", case["id"])],
            at=at,
        )
