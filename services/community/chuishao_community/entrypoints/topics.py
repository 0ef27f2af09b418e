"""Thin routes for 议事 — four parties, five steps (COMMUNITY.md §3, §4): the community's staff."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from chuishao_community.deps import Bus, IdempotencyKey, Staff
from chuishao_community.domain import commands as c
from chuishao_community.domain import topic_commands as tc
from chuishao_community.domain.errors import Forbidden, NotFound
from chuishao_community.domain.topics import Evidence, Person
from chuishao_community.domain.values import Actor
from chuishao_community.entrypoints.minutes import render_minutes
from chuishao_community.service_layer.topic_handlers import visible_topic
from chuishao_community.topic_schemas import (
    ActionCreate,
    DecisionCreate,
    EmptyBody,
    EvidenceIn,
    MeetingCreate,
    MeetingRead,
    PersonIn,
    ReviewCreate,
    Step,
    TopicCreate,
    TopicPage,
    TopicRead,
    TopicSet,
)
from chuishao_community.topic_views import topic_view
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor, encode_cursor

router = APIRouter(prefix="/v1/topics", tags=["topics"])


def _target(topic_id: str, request: Request, actor: Actor, key: str | None, body: BaseModel | None) -> dict[str, Any]:
    payload = body.model_dump(mode="json") if body is not None else {}
    fingerprint = request_fingerprint(request.method, request.url.path, payload)
    return {"topic_id": topic_id, "actor": actor, "request": c.Request(key, fingerprint)}


def _evidence(items: list[EvidenceIn]) -> tuple[Evidence, ...]:
    return tuple(Evidence(e.type, e.id) for e in items)


def _people(items: list[PersonIn]) -> tuple[Person, ...]:
    return tuple(Person(p.party, p.name, p.person) for p in items)


@router.post("", response_model=TopicRead, status_code=201, summary="收集问题: raise a topic (staff)")
async def raise_topic(
    body: TopicCreate, request: Request, response: Response, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    fingerprint = request_fingerprint(request.method, request.url.path, body.model_dump(mode="json"))
    view: dict[str, Any] = await bus.handle(
        tc.RaiseTopic(
            actor=actor,
            request=c.Request(key, fingerprint),
            title=body.title,
            question=body.question,
            community=body.community,
            evidence=_evidence(body.evidence),
        )
    )
    response.headers["Location"] = f"/v1/topics/{view['id']}"
    return view


@router.get("", response_model=TopicPage, summary="The community's topics, newest first (filters: step, community)")
async def list_topics(
    bus: Bus,
    actor: Staff,
    step: Step | None = None,
    community: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    if community is not None and community != actor.community:
        raise Forbidden("community", "staff read the topics of their own community")
    after = decode_cursor(cursor, str)
    async with bus.uow() as uow:
        topics = await uow.topics.listing(actor.community or "", step=step, limit=limit, after=after)
    last = topics[-1] if len(topics) == limit else None
    next_cursor = encode_cursor(last.created_at, last.id) if last and last.created_at else None
    return {"items": [topic_view(t) for t in topics], "next_cursor": next_cursor}


@router.get("/{topic_id}", response_model=TopicRead, summary="One topic: its step, progress, actions and timeline")
async def get_topic(topic_id: str, bus: Bus, actor: Staff) -> Any:
    async with bus.uow() as uow:
        return topic_view((await visible_topic(uow, actor, topic_id)).item)


@router.post("/{topic_id}/set", response_model=TopicRead, summary="确定议题: the question, evidence, participants")
async def set_topic(
    topic_id: str, body: TopicSet, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.SetTopic(
            **_target(topic_id, request, actor, key, body),
            question=body.question,
            title=body.title,
            evidence=_evidence(body.evidence) if body.evidence is not None else None,
            participants=_people(body.participants),
        )
    )


@router.post(
    "/{topic_id}/meetings",
    response_model=MeetingRead,
    status_code=201,
    summary="协商议事: a meeting with attendance per party (quorate only when all four are present)",
)
async def hold_meeting(
    topic_id: str, body: MeetingCreate, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.HoldMeeting(
            **_target(topic_id, request, actor, key, body),
            at=body.at,
            place=body.place,
            agenda=tuple(body.agenda),
            attendance=_people(body.attendance),
            options=tuple(o.model_dump() for o in body.options),
        )
    )


@router.get(
    "/{topic_id}/meetings/{meeting_id}/minutes",
    response_class=HTMLResponse,
    summary="The printable minutes of a meeting (HTML)",
)
async def minutes(topic_id: str, meeting_id: str, bus: Bus, actor: Staff) -> HTMLResponse:
    async with bus.uow() as uow:
        topic = (await visible_topic(uow, actor, topic_id)).item
    if topic.meeting(meeting_id) is None:
        raise NotFound("meeting", meeting_id)
    return HTMLResponse(render_minutes(topic, meeting_id))


@router.post(
    "/{topic_id}/decisions",
    response_model=TopicRead,
    status_code=201,
    summary="A decision of the minutes (refused without a quorate meeting)",
)
async def record_decision(
    topic_id: str, body: DecisionCreate, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.RecordDecision(
            **_target(topic_id, request, actor, key, body),
            item=body.item,
            decision=body.decision,
            owner=body.owner,
            owner_person=body.owner_person,
            due=body.due,
            review_at=body.review_at,
            dissent=body.dissent,
            meeting=body.meeting,
        )
    )


@router.post(
    "/{topic_id}/actions",
    response_model=TopicRead,
    status_code=201,
    summary="分流落实: a case through intake, a need, or a task (refused without a decision)",
)
async def add_action(
    topic_id: str, body: ActionCreate, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.AddAction(
            **_target(topic_id, request, actor, key, body),
            kind=body.kind,
            decision=body.decision,
            case=body.case_body(),
            need=body.need.model_dump() if body.need is not None else None,
            owner=body.owner or "",
            owner_person=body.owner_person,
            due=body.due,
        )
    )


@router.post("/{topic_id}/actions/{action_id}/done", response_model=TopicRead, summary="A task is done (tasks only)")
async def task_done(
    topic_id: str,
    action_id: str,
    request: Request,
    bus: Bus,
    actor: Staff,
    key: IdempotencyKey,
    body: EmptyBody | None = None,
) -> Any:
    return await bus.handle(tc.MarkTaskDone(**_target(topic_id, request, actor, key, body), action_id=action_id))


@router.post(
    "/{topic_id}/review",
    response_model=TopicRead,
    summary="监督评审: result and satisfaction (refused before every action is done or overdue)",
)
async def review(
    topic_id: str, body: ReviewCreate, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.ReviewTopic(
            **_target(topic_id, request, actor, key, body),
            result=body.result,
            satisfaction=body.satisfaction,
            note=body.note,
        )
    )
