"""Teams (志愿服务队: 红袖标 / 红帽子 / 红马甲 …) with their members, and posts (志愿服务岗位: 楼栋长, 文明劝导岗 …):
a post is a duty that exists whoever holds it, with the people responsible. As in Popolo, a person's
place on a team is a Membership and on a post a holding (Popolo's Post with its Memberships), each with
a start and an end date: ending one keeps it, so the history of who was on a team or held a post stays.

Every method checks before it changes anything (a refusal leaves the aggregate as it was). Events are
public-safe: ids, codes, counts and dates, never a name (a team's or post's own name is not on them
either: staff may name a team after a person)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from chuishao_community.domain.errors import IllegalTransition, InvalidCommand
from chuishao_community.domain.values import DomainEvent
from chuishao_shared.events.types import EventType

# The seeds' teams (seed 001: 红袖标/红帽子/红马甲, 100+ members each); `other` for any other team.
TEAM_KINDS: dict[str, tuple[str, str]] = {
    "red_armband": ("红袖标", "Red armbands (patrol)"),
    "red_cap": ("红帽子", "Red caps"),
    "red_vest": ("红马甲", "Red vests (volunteers)"),
    "other": ("其他", "Other"),
}
TEAM_ROLES = ("leader", "member")
MAX_SEATS = 50


@dataclass
class Tenure:
    """A Membership (on a team) or a holding (of a post): a member from a date to a date."""

    id: str
    member_id: str
    start_date: date
    role: str = "member"
    end_date: date | None = None
    end_reason: str = ""
    added_by: str = ""

    def current_on(self, day: date) -> bool:
        """Held on `day` and not ended (an ended one is history, whatever its last day)."""
        return self.start_date <= day and self.end_date is None

    @property
    def ended(self) -> bool:
        return self.end_date is not None

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "member_id": self.member_id,
            "start_date": self.start_date.isoformat(),
            "role": self.role,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "end_reason": self.end_reason,
            "added_by": self.added_by,
        }

    @classmethod
    def of(cls, doc: dict[str, Any]) -> Tenure:
        end = doc.get("end_date")
        return cls(
            id=doc["id"],
            member_id=doc["member_id"],
            start_date=date.fromisoformat(doc["start_date"]),
            role=doc.get("role") or "member",
            end_date=date.fromisoformat(end) if end else None,
            end_reason=doc.get("end_reason") or "",
            added_by=doc.get("added_by") or "",
        )


def _start(start: date | None, today: date) -> date:
    start = start or today
    if start > today:
        raise InvalidCommand("start_date", "lies in the future: record it on the day it starts")
    return start


def _end(tenure: Tenure | None, tenure_id: str, end: date | None, today: date, what: str) -> tuple[Tenure, date]:
    if tenure is None:
        raise InvalidCommand(what, f"no {what} {tenure_id!r} here")
    if tenure.ended:
        raise IllegalTransition(f"{what} {tenure_id} already ended on {tenure.end_date}", "ended")
    end = end or today
    if end > today:
        raise InvalidCommand("end_date", "lies in the future")
    if end < tenure.start_date:
        raise InvalidCommand("end_date", f"is before its start {tenure.start_date}")
    return tenure, end


@dataclass
class _Body:
    id: str
    community: str
    name: str
    description: str
    created_by: str
    created_at: datetime
    tenures: list[Tenure] = field(default_factory=list)

    def tenure(self, tenure_id: str) -> Tenure | None:
        return next((t for t in self.tenures if t.id == tenure_id), None)

    def current(self, day: date) -> list[Tenure]:
        return [t for t in self.tenures if t.current_on(day)]

    def open_tenure_of(self, member_id: str) -> Tenure | None:
        return next((t for t in self.tenures if t.member_id == member_id and not t.ended), None)


@dataclass
class Team(_Body):
    kind: str = "other"

    @classmethod
    def create(
        cls, team_id: str, community: str, name: str, kind: str, description: str, by: str, at: datetime
    ) -> tuple[Team, list[DomainEvent]]:
        if kind not in TEAM_KINDS:
            raise InvalidCommand("kind", f"one of {', '.join(TEAM_KINDS)}")
        team = cls(team_id, community, name, description, by, at, kind=kind)
        return team, [team.event(EventType.TEAM_CREATED, at)]

    def add_member(
        self, tenure_id: str, member_id: str, role: str, start: date | None, by: str, at: datetime
    ) -> list[DomainEvent]:
        if role not in TEAM_ROLES:
            raise InvalidCommand("role", f"one of {', '.join(TEAM_ROLES)}")
        start = _start(start, at.date())
        if self.open_tenure_of(member_id) is not None:
            raise IllegalTransition(f"member {member_id} is already on this team", "member")
        tenure = Tenure(tenure_id, member_id, start, role, added_by=by)
        self.tenures.append(tenure)
        return [self.event(EventType.TEAM_MEMBER_ADDED, at, tenure)]

    def end_member(self, tenure_id: str, end: date | None, reason: str, at: datetime) -> list[DomainEvent]:
        tenure, end = _end(self.tenure(tenure_id), tenure_id, end, at.date(), "membership")
        tenure.end_date, tenure.end_reason = end, reason
        return [self.event(EventType.TEAM_MEMBER_ENDED, at, tenure)]

    def event(self, type_: str, at: datetime, tenure: Tenure | None = None) -> DomainEvent:
        data: dict[str, Any] = {
            "team_id": self.id,
            "community": self.community,
            "kind": self.kind,
            "member_count": len(self.current(at.date())),
            "at": at.isoformat(),
        }
        if tenure is not None:
            data |= _tenure_data(tenure, "membership_id")
        return DomainEvent(type_, data)


@dataclass
class Post(_Body):
    seats: int = 1  # how many may hold it at once (a 楼栋长 one, a 文明劝导岗 several)
    team_id: str | None = None
    grid: str | None = None
    building: str | None = None

    @classmethod
    def create(
        cls,
        post_id: str,
        community: str,
        name: str,
        description: str,
        seats: int,
        team_id: str | None,
        grid: str | None,
        building: str | None,
        by: str,
        at: datetime,
    ) -> tuple[Post, list[DomainEvent]]:
        if not 1 <= seats <= MAX_SEATS:
            raise InvalidCommand("seats", f"from 1 to {MAX_SEATS}")
        post = cls(
            post_id, community, name, description, by, at, seats=seats, team_id=team_id, grid=grid, building=building
        )
        return post, [post.event(EventType.POST_CREATED, at)]

    def add_holder(
        self, tenure_id: str, member_id: str, start: date | None, by: str, at: datetime
    ) -> list[DomainEvent]:
        start = _start(start, at.date())
        if self.open_tenure_of(member_id) is not None:
            raise IllegalTransition(f"member {member_id} already holds this post", "held")
        holding = [t for t in self.tenures if not t.ended]
        if len(holding) >= self.seats:
            raise IllegalTransition(
                f"the post's {self.seats} seat(s) are taken: end a holding first (history is kept)", "full"
            )
        tenure = Tenure(tenure_id, member_id, start, "holder", added_by=by)
        self.tenures.append(tenure)
        return [self.event(EventType.POST_HOLDER_ADDED, at, tenure)]

    def end_holder(self, tenure_id: str, end: date | None, reason: str, at: datetime) -> list[DomainEvent]:
        tenure, end = _end(self.tenure(tenure_id), tenure_id, end, at.date(), "holding")
        tenure.end_date, tenure.end_reason = end, reason
        return [self.event(EventType.POST_HOLDER_ENDED, at, tenure)]

    def event(self, type_: str, at: datetime, tenure: Tenure | None = None) -> DomainEvent:
        data: dict[str, Any] = {
            "post_id": self.id,
            "community": self.community,
            "team_id": self.team_id,
            "grid": self.grid,
            "seats": self.seats,
            "holder_count": len([t for t in self.tenures if not t.ended]),
            "at": at.isoformat(),
        }
        if tenure is not None:
            data |= _tenure_data(tenure, "holding_id")
        return DomainEvent(type_, data)


def _tenure_data(tenure: Tenure, id_name: str) -> dict[str, Any]:
    return {
        id_name: tenure.id,
        "member_id": tenure.member_id,
        "role": tenure.role,
        "start_date": tenure.start_date.isoformat(),
        "end_date": tenure.end_date.isoformat() if tenure.end_date else None,
    }


def body_doc(item: Team | Post) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": item.id,
        "community": item.community,
        "name": item.name,
        "description": item.description,
        "created_by": item.created_by,
        "created_at": item.created_at.isoformat(),
        "tenures": [t.to_doc() for t in item.tenures],
    }
    if isinstance(item, Team):
        doc["kind"] = item.kind
    else:
        doc |= {"seats": item.seats, "team_id": item.team_id, "grid": item.grid, "building": item.building}
    return doc


def team_of(doc: dict[str, Any]) -> Team:
    return Team(**_common(doc), kind=doc["kind"])


def post_of(doc: dict[str, Any]) -> Post:
    return Post(
        **_common(doc),
        seats=doc["seats"],
        team_id=doc.get("team_id"),
        grid=doc.get("grid"),
        building=doc.get("building"),
    )


def _common(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": doc["id"],
        "community": doc["community"],
        "name": doc["name"],
        "description": doc.get("description") or "",
        "created_by": doc.get("created_by") or "",
        "created_at": datetime.fromisoformat(doc["created_at"]),
        "tenures": [Tenure.of(t) for t in doc.get("tenures", ())],
    }
