"""议事's use cases: one handler per command, each in one unit of work (routes, the case consumer, the
overdue sweep and the filing relay all come here with commands).

A step handler claims the Idempotency-Key, locks the topic, checks the caller is the topic's
community's staff (else NotFound), lets the domain decide (a `StepRefused` changes nothing: the unit of
work rolls back), saves the topic with its events in the outbox, stores the answer and commits once."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain import topic_commands as tc
from chuishao_community.domain.errors import Forbidden, InvalidCommand, NotFound
from chuishao_community.domain.needs import Need
from chuishao_community.domain.topics import Action, Decision, Meeting, Topic, check_evidence
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_community.service_layer import case_needs, topic_links
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_community.topic_views import meeting_view, topic_view
from chuishao_shared.events.types import EventType

View = dict[str, Any]
count = topic_links.count


async def visible_topic(uow: SqlUnitOfWork, actor: Actor, topic_id: str, *, lock: bool = False) -> Loaded:
    loaded = await uow.topics.get(topic_id, lock=lock)
    if loaded is None or not actor.is_staff_of(loaded.item.community):
        raise NotFound("topic", topic_id)
    return loaded


async def raise_topic(cmd: tc.RaiseTopic, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    if not ctx.is_community(cmd.community):
        raise InvalidCommand("community", f"unknown community {cmd.community!r}")
    if not cmd.actor.is_staff_of(cmd.community):
        raise Forbidden("community", "staff raise topics in their own community")
    check_evidence(cmd.evidence)
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        now = ctx.now()
        topic = Topic(
            id=str(uuid.uuid4()),
            community=cmd.community,
            title=cmd.title,
            question=cmd.question,
            evidence=cmd.evidence,
            raised_by=cmd.actor.sub,
            created_at=now,
        )
        events = topic.collected(now)
        await uow.save_topic(Loaded(topic, 0), events, new=True)
        view = topic_view(topic)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view, 201)
        uow.after_commit(count(events))
        await uow.commit()
    return view


Decide = Callable[[Loaded, datetime], Awaitable[list[DomainEvent]]]


async def _topic_act(
    cmd: tc.TopicCommand,
    uow: SqlUnitOfWork,
    ctx: CommunityContext,
    decide: Decide,
    answer: Callable[[Topic], View] = topic_view,
    status: int = 200,
) -> View:
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_topic(uow, cmd.actor, cmd.topic_id, lock=True)
        events = await decide(loaded, ctx.now())
        await uow.save_topic(loaded, events)
        view = answer(loaded.item)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view, status)
        uow.after_commit(count(events))
        await uow.commit()
    return view


async def set_topic(cmd: tc.SetTopic, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    if cmd.evidence is not None:
        check_evidence(cmd.evidence)

    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        return loaded.item.set_topic(  # type: ignore[no-any-return]
            title=cmd.title, question=cmd.question, evidence=cmd.evidence, participants=cmd.participants, at=at
        )

    return await _topic_act(cmd, uow, ctx, decide)


async def hold_meeting(cmd: tc.HoldMeeting, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    if cmd.at.tzinfo is None:
        raise InvalidCommand("at", "must carry a time zone (RFC 3339)")
    meeting = Meeting(
        id=str(uuid.uuid4()),
        at=cmd.at,
        place=cmd.place,
        agenda=cmd.agenda,
        attendance=cmd.attendance,
        options=cmd.options,
        recorded_by=cmd.actor.sub,
    )

    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        return loaded.item.hold_meeting(meeting, at)  # type: ignore[no-any-return]

    return await _topic_act(cmd, uow, ctx, decide, lambda t: meeting_view(t, meeting.id), 201)


async def record_decision(cmd: tc.RecordDecision, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    for name, value in (("due", cmd.due), ("review_at", cmd.review_at)):
        if value is not None and value.tzinfo is None:
            raise InvalidCommand(name, "must carry a time zone (RFC 3339)")
    decision = Decision(
        id=str(uuid.uuid4()),
        meeting_id="",
        item=cmd.item,
        decision=cmd.decision,
        owner=cmd.owner,
        due=cmd.due,
        review_at=cmd.review_at,
        dissent=cmd.dissent,
        owner_person=cmd.owner_person,
    )

    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        return loaded.item.decide(decision, cmd.meeting, at)  # type: ignore[no-any-return]

    return await _topic_act(cmd, uow, ctx, decide, status=201)


def _need_of(body: dict[str, Any], topic: Topic, actor: Actor, ctx: CommunityContext, now: datetime) -> Need:
    """A need action's need, checked as POST /v1/needs checks it (the grid in the topic's community)."""
    grid = body["grid"]
    if ctx.community_of_grid(grid) != topic.community:
        raise InvalidCommand("need.grid", f"{grid!r} is not a grid of {topic.community}")
    if body["kind"] not in ctx.taxonomy.need_kind_codes:
        raise InvalidCommand("need.kind", f"unknown need kind {body['kind']!r}")
    for i, code in enumerate(body.get("skills", ())):
        if code not in ctx.taxonomy.skill_codes:
            raise InvalidCommand(f"need.skills.{i}", f"unknown skill {code!r}")
    wanted_by: datetime = body["wanted_by"]
    if wanted_by.tzinfo is None:
        raise InvalidCommand("need.wanted_by", "must carry a time zone (RFC 3339)")
    if wanted_by <= now:
        raise InvalidCommand("need.wanted_by", "lies in the past")
    return Need(
        id=str(uuid.uuid4()),
        community=topic.community,
        grid=grid,
        building=body.get("building"),
        kind=body["kind"],
        title=body["title"],
        description=body.get("description", ""),
        resident=body.get("resident") or {},
        urgency=body.get("urgency", "normal"),
        wanted_by=wanted_by,
        skills=tuple(body.get("skills", ())),
        helpers=body.get("helpers", 1),
        hours_wanted=body.get("hours_wanted"),
        privacy=body.get("privacy", "staff_confirms"),
        recorded_by=actor.sub,
        recorded_at=now,
    )


async def add_action(cmd: tc.AddAction, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    """分流落实: a case (filed through intake by the filing relay), a need (here, now) or a task."""
    if cmd.kind == "case":
        if not cmd.case:
            raise InvalidCommand("case", "a case action needs {category, grid, description}")
        if cmd.case["category"] not in ctx.reference.categories:
            raise InvalidCommand("case.category", f"unknown category {cmd.case['category']!r}")
    elif cmd.kind == "need":
        if not cmd.need:
            raise InvalidCommand("need", "a need action needs a need create body")
    elif cmd.kind == "task":
        if not cmd.owner:
            raise InvalidCommand("owner", "a task has an owner")
        if cmd.due is None:
            raise InvalidCommand("due", "a task has a due date")
        if cmd.due.tzinfo is None:
            raise InvalidCommand("due", "must carry a time zone (RFC 3339)")
    else:
        raise InvalidCommand("kind", "one of case, need, task")

    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        topic: Topic = loaded.item
        action = Action(
            id=str(uuid.uuid4()),
            decision_id="",
            kind=cmd.kind,
            due=cmd.due or at,
            owner=cmd.owner,
            owner_person=cmd.owner_person,
        )
        need: Need | None = None
        if cmd.kind == "case":
            assert cmd.case is not None
            if ctx.community_of_grid(cmd.case["grid"]) != topic.community:
                raise InvalidCommand("case.grid", f"{cmd.case['grid']!r} is not a grid of {topic.community}")
            action.body = {k: v for k, v in cmd.case.items() if v is not None}
        elif cmd.kind == "need":
            assert cmd.need is not None
            need = _need_of(cmd.need, topic, cmd.actor, ctx, at)
            action.need_id = need.id
            action.body = {"need_id": need.id, "kind": need.kind, "grid": need.grid}
        events = topic.add_action(action, cmd.decision, at)  # refuses without a decision: nothing written yet
        await uow.topics.save(loaded)  # the action's index row, before the filing or the need refers to it
        if cmd.kind == "case":
            await uow.topic_filings.add(action.id, topic.id, action.body, at)
        if need is not None:
            recorded = [need.event(EventType.NEED_RECORDED, at)]
            await uow.save_need(Loaded(need, 0), recorded, ctx.claim_lapse, new=True)
            uow.after_commit(count(recorded))
        return events

    return await _topic_act(cmd, uow, ctx, decide, status=201)


async def mark_task_done(cmd: tc.MarkTaskDone, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        return loaded.item.mark_task_done(cmd.action_id, at)  # type: ignore[no-any-return]

    return await _topic_act(cmd, uow, ctx, decide)


async def review_topic(cmd: tc.ReviewTopic, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    async def decide(loaded: Loaded, at: datetime) -> list[DomainEvent]:
        events: list[DomainEvent] = loaded.item.record_review(cmd.result, cmd.satisfaction, at)
        if cmd.note:
            loaded.item.review["note"] = cmd.note
        return events

    return await _topic_act(cmd, uow, ctx, decide)


# --------------------------------------------------------------------- consumed events and timers


async def see_case_event(cmd: tc.SeeCaseEvent, uow: SqlUnitOfWork, ctx: CommunityContext) -> None:
    def name(code: str) -> str:
        category = ctx.reference.categories.get(code)
        return category.name if category is not None else code

    async with uow:
        await topic_links.case_seen(
            uow,
            event_type=cmd.type,
            data=cmd.data,
            at=cmd.at,
            hotspot_cases=ctx.hotspot_cases,
            hotspot_window=timedelta(days=ctx.hotspot_days),
            category_name=name,
        )
        await case_needs.case_seen(uow, ctx, cmd.type, cmd.data, cmd.at)  # 点单响应 and whistled needs
        await uow.commit()


async def flag_overdue(cmd: tc.FlagOverdueActions, uow: SqlUnitOfWork, ctx: CommunityContext) -> int:
    async with uow:
        loaded = await uow.topics.get(cmd.topic_id, lock=True)
        if loaded is None:
            return 0
        events = loaded.item.flag_overdue(cmd.now)
        if events:
            await uow.save_topic(loaded, events)
            uow.after_commit(count(events))
        await uow.commit()
    return len(events)


async def note_action_filed(cmd: tc.NoteActionFiled, uow: SqlUnitOfWork, ctx: CommunityContext) -> None:
    """Intake answered: the action learns its report (and the case, if dispatch already closed it)."""
    async with uow:
        loaded = await uow.topics.get(cmd.topic_id, lock=True)
        await uow.topic_filings.filed(cmd.action_id, cmd.report_id, cmd.case_id)
        if loaded is not None:
            now = ctx.now()
            events = loaded.item.filed(cmd.action_id, cmd.report_id, cmd.case_id, now)
            known = await uow.topic_cases.of_report(cmd.report_id)
            if known is not None:
                action = loaded.item.action(cmd.action_id)
                if action is not None:
                    action.case_id = action.case_id or known["case_id"]
                if known["status"] == "closed":  # the case closed before intake's answer reached us
                    events += loaded.item.complete(cmd.action_id, "case.closed", now)
            await uow.save_topic(loaded, events)
            uow.after_commit(count(events))
        await uow.commit()


async def note_action_filing_failed(cmd: tc.NoteActionFilingFailed, uow: SqlUnitOfWork, ctx: CommunityContext) -> None:
    async with uow:
        await uow.topic_filings.failed(cmd.action_id, cmd.error, cmd.retry_at)
        await uow.commit()


TOPIC_HANDLERS: dict[type, Any] = {
    tc.RaiseTopic: raise_topic,
    tc.SetTopic: set_topic,
    tc.HoldMeeting: hold_meeting,
    tc.RecordDecision: record_decision,
    tc.AddAction: add_action,
    tc.MarkTaskDone: mark_task_done,
    tc.ReviewTopic: review_topic,
    tc.SeeCaseEvent: see_case_event,
    tc.FlagOverdueActions: flag_overdue,
    tc.NoteActionFiled: note_action_filed,
    tc.NoteActionFilingFailed: note_action_filing_failed,
}
