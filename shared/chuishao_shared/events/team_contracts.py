"""Teams (志愿服务队) and posts (志愿服务岗位) on chuishao.community.v1 (COMMUNITY.md §2): team.* keyed by the
team id, post.* by the post id. Public-safe by construction: ids, codes, counts and dates — no member's
name or phone, and not the team's or post's own name or description (free text)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.events.types import EventType


class _Event(BaseModel):
    model_config = ConfigDict(extra="allow")

    community: str
    at: datetime


class _Tenure(BaseModel):
    member_id: str | None = Field(None, description="The member (an id, never a name)")
    role: str | None = None
    start_date: date | None = None
    end_date: date | None = Field(None, description="Set when the membership or holding ended (history is kept)")


class TeamEvent(_Event, _Tenure):
    team_id: str
    kind: Literal["red_armband", "red_cap", "red_vest", "other"]
    member_count: int = Field(description="Current members after the change")
    membership_id: str | None = None


class PostEvent(_Event, _Tenure):
    post_id: str
    team_id: str | None = None
    grid: str | None = None
    seats: int
    holder_count: int = Field(description="Current holders after the change")
    holding_id: str | None = None


TEAM_EVENT_MODELS: dict[str, type[BaseModel]] = {
    EventType.TEAM_CREATED: TeamEvent,
    EventType.TEAM_MEMBER_ADDED: TeamEvent,
    EventType.TEAM_MEMBER_ENDED: TeamEvent,
    EventType.POST_CREATED: PostEvent,
    EventType.POST_HOLDER_ADDED: PostEvent,
    EventType.POST_HOLDER_ENDED: PostEvent,
}
