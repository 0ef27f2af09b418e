"""Request and response bodies of teams (志愿服务队) and posts (志愿服务岗位)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from chuishao_community.schemas import _Read, _Strict

TeamKind = Literal["red_armband", "red_cap", "red_vest", "other"]


class TeamCreate(_Strict):
    name: str = Field(min_length=1, max_length=100, description="e.g. 五阳社区红马甲志愿服务队")
    kind: TeamKind = Field(description="red_armband 红袖标 | red_cap 红帽子 | red_vest 红马甲 | other")
    description: str = Field("", max_length=2000)


class MemberAdd(_Strict):
    member: str = Field(min_length=1, max_length=64, description="An active member of the community (id)")
    role: Literal["leader", "member"] = "member"
    start_date: date | None = Field(None, description="Default today; never in the future")


class HolderAdd(_Strict):
    member: str = Field(min_length=1, max_length=64, description="An active member of the community (id)")
    start_date: date | None = Field(None, description="Default today; never in the future")


class TenureEnd(_Strict):
    end_date: date | None = Field(None, description="Default today; not before the start, never in the future")
    reason: str = Field("", max_length=500)


class PostCreate(_Strict):
    name: str = Field(min_length=1, max_length=100, description="The duty: 楼栋长, 文明劝导岗 …")
    description: str = Field("", max_length=2000)
    seats: int = Field(1, ge=1, le=50, description="How many people may hold it at once")
    team_id: str | None = Field(None, max_length=64, description="The team that staffs it, if any")
    grid: str | None = Field(None, max_length=64)
    building: str | None = Field(None, max_length=100)


class TenureRead(_Read):
    id: str
    member_id: str
    role: str
    start_date: date
    end_date: date | None = None
    end_reason: str | None = None
    current: bool


class TeamRead(_Read):
    id: str
    community: str
    name: str
    kind: TeamKind
    kind_name: str
    kind_name_en: str
    description: str
    created_at: datetime
    member_count: int = Field(description="Members today")
    members: list[TenureRead] = Field(description="Every membership, ended ones too (the history)")


class PostRead(_Read):
    id: str
    community: str
    name: str
    description: str
    seats: int
    team_id: str | None = None
    grid: str | None = None
    building: str | None = None
    created_at: datetime
    holder_count: int
    holders: list[TenureRead] = Field(description="Every holding, ended ones too (the history)")


class TeamPage(_Read):
    items: list[TeamRead]
    next_cursor: str | None = None


class PostPage(_Read):
    items: list[PostRead]
    next_cursor: str | None = None
