"""Use cases of teams (志愿服务队) and posts (志愿服务岗位): the community's staff keep them (another
community's staff get 404). Each command in one unit of work: claim the Idempotency-Key, load and lock,
check the scope, let the domain decide, save with the events in the outbox, store the answer, commit once.
A member named must be an active member of the same community (422 naming `member`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain import team_commands as tc
from chuishao_community.domain.errors import InvalidCommand, NotFound
from chuishao_community.domain.members import ACTIVE
from chuishao_community.domain.teams import TEAM_KINDS, Post, Team, Tenure
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_community.service_layer.context import CommunityContext
from chuishao_community.service_layer.topic_links import count
from chuishao_community.service_layer.unit_of_work import SqlUnitOfWork
from chuishao_shared.pagination import encode_cursor

View = dict[str, Any]


def _tenure_view(t: Tenure, today: Any) -> View:
    return {
        "id": t.id,
        "member_id": t.member_id,
        "role": t.role,
        "start_date": t.start_date.isoformat(),
        "end_date": t.end_date.isoformat() if t.end_date else None,
        "end_reason": t.end_reason or None,
        "current": t.current_on(today),
    }


def team_view(team: Team, today: Any) -> View:
    zh, en = TEAM_KINDS[team.kind]
    return {
        "id": team.id,
        "community": team.community,
        "name": team.name,
        "kind": team.kind,
        "kind_name": zh,
        "kind_name_en": en,
        "description": team.description,
        "created_at": team.created_at.isoformat(),
        "member_count": len(team.current(today)),
        "members": [_tenure_view(t, today) for t in team.tenures],
    }


def post_view(post: Post, today: Any) -> View:
    return {
        "id": post.id,
        "community": post.community,
        "name": post.name,
        "description": post.description,
        "seats": post.seats,
        "team_id": post.team_id,
        "grid": post.grid,
        "building": post.building,
        "created_at": post.created_at.isoformat(),
        "holder_count": len([t for t in post.tenures if not t.ended]),
        "holders": [_tenure_view(t, today) for t in post.tenures],
    }


async def _visible(repo: Any, kind: str, ident: str, actor: Actor, *, lock: bool) -> Loaded:
    loaded = await repo.get(ident, lock=lock)
    if loaded is None or not actor.is_staff_of(loaded.item.community):
        raise NotFound(kind, ident)
    return loaded


async def _active_member(uow: SqlUnitOfWork, member_id: str, community: str) -> None:
    loaded = await uow.members.get(member_id)
    if loaded is None or loaded.item.community != community:
        raise InvalidCommand("member", f"no member {member_id!r} in this community")
    if loaded.item.status != ACTIVE:
        raise InvalidCommand("member", f"member {member_id} is {loaded.item.status}, not active")


async def _act(
    cmd: Any,
    uow: SqlUnitOfWork,
    ctx: CommunityContext,
    decide: Callable[[SqlUnitOfWork, datetime], Any],
    status: int = 200,
) -> View:
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        now = ctx.now()
        view, events = await decide(uow, now)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view, status)
        uow.after_commit(count(events))
        await uow.commit()
    return view  # type: ignore[no-any-return]


def _community(actor: Actor) -> str:
    if not actor.community:
        raise InvalidCommand("community", "the token names no community")
    return actor.community


# ------------------------------------------------------------------------------------------- teams


async def create_team(cmd: tc.CreateTeam, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    community = _community(cmd.actor)

    async def decide(uow: SqlUnitOfWork, now: datetime) -> tuple[View, list[DomainEvent]]:
        team, events = Team.create(
            str(uuid.uuid4()), community, cmd.name, cmd.kind, cmd.description, cmd.actor.sub, now
        )
        loaded = Loaded(team, 0)
        await uow.publish(loaded, team.id, events)
        await uow.teams.save(loaded, new=True)
        return team_view(team, now.date()), events

    return await _act(cmd, uow, ctx, decide, 201)


async def add_team_member(cmd: tc.AddTeamMember, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    async def decide(uow: SqlUnitOfWork, now: datetime) -> tuple[View, list[DomainEvent]]:
        loaded = await _visible(uow.teams, "team", cmd.team_id, cmd.actor, lock=True)
        await _active_member(uow, cmd.member_id, loaded.item.community)
        events = loaded.item.add_member(str(uuid.uuid4()), cmd.member_id, cmd.role, cmd.start_date, cmd.actor.sub, now)
        await uow.publish(loaded, loaded.item.id, events)
        await uow.teams.save(loaded)
        return team_view(loaded.item, now.date()), events

    return await _act(cmd, uow, ctx, decide, 201)


async def end_team_membership(cmd: tc.EndTeamMembership, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    async def decide(uow: SqlUnitOfWork, now: datetime) -> tuple[View, list[DomainEvent]]:
        loaded = await _visible(uow.teams, "team", cmd.team_id, cmd.actor, lock=True)
        events = loaded.item.end_member(cmd.membership_id, cmd.end_date, cmd.reason, now)
        await uow.publish(loaded, loaded.item.id, events)
        await uow.teams.save(loaded)
        return team_view(loaded.item, now.date()), events

    return await _act(cmd, uow, ctx, decide)


# ------------------------------------------------------------------------------------------- posts


async def create_post(cmd: tc.CreatePost, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    community = _community(cmd.actor)
    if cmd.grid is not None and ctx.community_of_grid(cmd.grid) != community:
        raise InvalidCommand("grid", f"{cmd.grid!r} is not a grid of {community}")

    async def decide(uow: SqlUnitOfWork, now: datetime) -> tuple[View, list[DomainEvent]]:
        if cmd.team_id is not None:
            team = await uow.teams.get(cmd.team_id)
            if team is None or team.item.community != community:
                raise InvalidCommand("team_id", f"no team {cmd.team_id!r} in this community")
        post, events = Post.create(
            str(uuid.uuid4()),
            community,
            cmd.name,
            cmd.description,
            cmd.seats,
            cmd.team_id,
            cmd.grid,
            cmd.building,
            cmd.actor.sub,
            now,
        )
        loaded = Loaded(post, 0)
        await uow.publish(loaded, post.id, events)
        await uow.posts.save(loaded, new=True)
        return post_view(post, now.date()), events

    return await _act(cmd, uow, ctx, decide, 201)


async def add_post_holder(cmd: tc.AddPostHolder, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    async def decide(uow: SqlUnitOfWork, now: datetime) -> tuple[View, list[DomainEvent]]:
        loaded = await _visible(uow.posts, "post", cmd.post_id, cmd.actor, lock=True)
        await _active_member(uow, cmd.member_id, loaded.item.community)
        events = loaded.item.add_holder(str(uuid.uuid4()), cmd.member_id, cmd.start_date, cmd.actor.sub, now)
        await uow.publish(loaded, loaded.item.id, events)
        await uow.posts.save(loaded)
        return post_view(loaded.item, now.date()), events

    return await _act(cmd, uow, ctx, decide, 201)


async def end_post_holding(cmd: tc.EndPostHolding, uow: SqlUnitOfWork, ctx: CommunityContext) -> View:
    async def decide(uow: SqlUnitOfWork, now: datetime) -> tuple[View, list[DomainEvent]]:
        loaded = await _visible(uow.posts, "post", cmd.post_id, cmd.actor, lock=True)
        events = loaded.item.end_holder(cmd.holding_id, cmd.end_date, cmd.reason, now)
        await uow.publish(loaded, loaded.item.id, events)
        await uow.posts.save(loaded)
        return post_view(loaded.item, now.date()), events

    return await _act(cmd, uow, ctx, decide)


# ------------------------------------------------------------------------------------------- reads


async def read_one(uow: SqlUnitOfWork, ctx: CommunityContext, actor: Actor, kind: str, ident: str) -> View:
    async with uow:
        repo = uow.teams if kind == "team" else uow.posts
        loaded = await _visible(repo, kind, ident, actor, lock=False)
    today = ctx.now().date()
    return team_view(loaded.item, today) if kind == "team" else post_view(loaded.item, today)


async def read_page(uow: SqlUnitOfWork, ctx: CommunityContext, actor: Actor, kind: str, limit: int, after: Any) -> View:
    community = _community(actor)
    async with uow:
        repo = uow.teams if kind == "team" else uow.posts
        items = await repo.list(community, limit, after)
    today = ctx.now().date()
    view = team_view if kind == "team" else post_view
    last = items[-1] if len(items) == limit else None
    return {
        "items": [view(i, today) for i in items],
        "next_cursor": encode_cursor(last.created_at, last.id) if last else None,
    }


HANDLERS: dict[type, Any] = {
    tc.CreateTeam: create_team,
    tc.AddTeamMember: add_team_member,
    tc.EndTeamMembership: end_team_membership,
    tc.CreatePost: create_post,
    tc.AddPostHolder: add_post_holder,
    tc.EndPostHolding: end_post_holding,
}
