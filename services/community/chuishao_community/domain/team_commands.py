"""Commands for teams and posts (one handler each: service_layer/team_handlers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chuishao_community.domain.commands import Command


@dataclass(frozen=True)
class CreateTeam(Command):
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class AddTeamMember(Command):
    team_id: str
    member_id: str
    role: str
    start_date: date | None


@dataclass(frozen=True)
class EndTeamMembership(Command):
    team_id: str
    membership_id: str
    end_date: date | None
    reason: str


@dataclass(frozen=True)
class CreatePost(Command):
    name: str
    description: str
    seats: int
    team_id: str | None
    grid: str | None
    building: str | None


@dataclass(frozen=True)
class AddPostHolder(Command):
    post_id: str
    member_id: str
    start_date: date | None


@dataclass(frozen=True)
class EndPostHolding(Command):
    post_id: str
    holding_id: str
    end_date: date | None
    reason: str
