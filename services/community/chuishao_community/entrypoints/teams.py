"""Thin routes for teams (志愿服务队) and posts (志愿服务岗位): the community's staff only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from chuishao_community.deps import Bus, IdempotencyKey, Staff
from chuishao_community.domain import team_commands as tc
from chuishao_community.domain.commands import Request as Req
from chuishao_community.service_layer import team_handlers as q
from chuishao_community.team_schemas import (
    HolderAdd,
    MemberAdd,
    PostCreate,
    PostPage,
    PostRead,
    TeamCreate,
    TeamPage,
    TeamRead,
    TenureEnd,
)
from chuishao_shared.idempotency import request_fingerprint
from chuishao_shared.pagination import decode_cursor

router = APIRouter(prefix="/v1", tags=["teams"])
Limit = Annotated[int, Query(ge=1, le=200)]


def _req(request: Request, key: str | None, body: BaseModel) -> Req:
    return Req(key, request_fingerprint(request.method, request.url.path, body.model_dump(mode="json")))


def _after(cursor: str | None) -> tuple[datetime, str] | None:
    after = decode_cursor(cursor, str)
    return (after[0], str(after[1])) if after else None


@router.post("/teams", response_model=TeamRead, status_code=201, summary="Form a team (志愿服务队; staff)")
async def create_team(
    body: TeamCreate, request: Request, response: Response, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    cmd = tc.CreateTeam(actor, _req(request, key, body), body.name, body.kind, body.description)
    view = await bus.handle(cmd)
    response.headers["Location"] = f"/v1/teams/{view['id']}"
    return view


@router.get("/teams", response_model=TeamPage, summary="The staff's community's teams")
async def list_teams(bus: Bus, actor: Staff, limit: Limit = 50, cursor: str | None = None) -> Any:
    return await q.read_page(bus.uow(), bus.context, actor, "team", limit, _after(cursor))


@router.get("/teams/{team_id}", response_model=TeamRead, summary="One team with every membership (history kept)")
async def get_team(team_id: str, bus: Bus, actor: Staff) -> Any:
    return await q.read_one(bus.uow(), bus.context, actor, "team", team_id)


@router.post("/teams/{team_id}/members", response_model=TeamRead, status_code=201, summary="Add a member to a team")
async def add_member(
    team_id: str, body: MemberAdd, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.AddTeamMember(actor, _req(request, key, body), team_id, body.member, body.role, body.start_date)
    )


@router.post("/teams/{team_id}/members/{membership_id}/end", response_model=TeamRead, summary="End a membership (kept)")
async def end_member(
    team_id: str, membership_id: str, body: TenureEnd, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.EndTeamMembership(actor, _req(request, key, body), team_id, membership_id, body.end_date, body.reason)
    )


@router.post("/posts", response_model=PostRead, status_code=201, summary="Set up a post (志愿服务岗位; staff)")
async def create_post(
    body: PostCreate, request: Request, response: Response, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    cmd = tc.CreatePost(
        actor,
        _req(request, key, body),
        body.name,
        body.description,
        body.seats,
        body.team_id,
        body.grid,
        body.building,
    )
    view = await bus.handle(cmd)
    response.headers["Location"] = f"/v1/posts/{view['id']}"
    return view


@router.get("/posts", response_model=PostPage, summary="The staff's community's posts")
async def list_posts(bus: Bus, actor: Staff, limit: Limit = 50, cursor: str | None = None) -> Any:
    return await q.read_page(bus.uow(), bus.context, actor, "post", limit, _after(cursor))


@router.get("/posts/{post_id}", response_model=PostRead, summary="One post with every holding (history kept)")
async def get_post(post_id: str, bus: Bus, actor: Staff) -> Any:
    return await q.read_one(bus.uow(), bus.context, actor, "post", post_id)


@router.post("/posts/{post_id}/holders", response_model=PostRead, status_code=201, summary="A member takes the post")
async def add_holder(
    post_id: str, body: HolderAdd, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(tc.AddPostHolder(actor, _req(request, key, body), post_id, body.member, body.start_date))


@router.post("/posts/{post_id}/holders/{holding_id}/end", response_model=PostRead, summary="End a holding (kept)")
async def end_holder(
    post_id: str, holding_id: str, body: TenureEnd, request: Request, bus: Bus, actor: Staff, key: IdempotencyKey
) -> Any:
    return await bus.handle(
        tc.EndPostHolding(actor, _req(request, key, body), post_id, holding_id, body.end_date, body.reason)
    )
