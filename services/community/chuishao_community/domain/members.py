"""A member's registration (报到): `applied` → `active` (confirmed by the community's staff) →
`paused` / `left`. A paused member is confirmed again to come back; `left` is final."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from chuishao_community.domain.errors import Forbidden, IllegalTransition
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_shared.events.types import EventType

APPLIED, ACTIVE, PAUSED, LEFT = "applied", "active", "paused", "left"


@dataclass(frozen=True)
class Member:
    id: str
    sub: str | None  # the person's token subject; None until a staff-registered person signs in
    name: str
    phone: str
    work_unit: str
    party_member: bool
    community: str
    grid: str
    skills: tuple[str, ...] = ()
    branch: str | None = None
    availability: tuple[str, ...] = ()
    status: str = APPLIED
    registered_by: str = ""
    registered_at: datetime | None = None
    confirmed_at: datetime | None = None
    history: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (status, RFC 3339 time)

    def event(self, type_: str, at: datetime) -> DomainEvent:
        """The public-safe event: ids, codes, status and time (never the name or phone)."""
        data = {
            "member_id": self.id,
            "community": self.community,
            "grid": self.grid,
            "status": self.status,
            "party_member": self.party_member,
            "skills": list(self.skills),
            "at": at.isoformat(),
        }
        return DomainEvent(type_, data)

    def is_self(self, actor: Actor) -> bool:
        return self.sub is not None and actor.sub == self.sub and actor.role == "volunteer"

    def _to(self, status: str, at: datetime, **changes: object) -> Member:
        return replace(self, status=status, history=(*self.history, (status, at.isoformat())), **changes)  # type: ignore[arg-type]

    def confirm(self, actor: Actor, at: datetime) -> tuple[Member, DomainEvent]:
        _staff_only(actor, self.community, "confirm a registration")
        if self.status not in (APPLIED, PAUSED):
            raise IllegalTransition(f"a member who is {self.status} cannot be confirmed", self.status)
        member = self._to(ACTIVE, at, confirmed_at=self.confirmed_at or at)
        return member, member.event(EventType.MEMBER_CONFIRMED, at)

    def pause(self, actor: Actor, at: datetime) -> tuple[Member, DomainEvent]:
        self._staff_or_self(actor, "pause")
        if self.status != ACTIVE:
            raise IllegalTransition(f"only an active member can pause (this one is {self.status})", self.status)
        member = self._to(PAUSED, at)
        return member, member.event(EventType.MEMBER_PAUSED, at)

    def leave(self, actor: Actor, at: datetime) -> tuple[Member, DomainEvent]:
        self._staff_or_self(actor, "leave")
        if self.status == LEFT:
            raise IllegalTransition("this member has already left", self.status)
        member = self._to(LEFT, at)
        return member, member.event(EventType.MEMBER_LEFT, at)

    def _staff_or_self(self, actor: Actor, action: str) -> None:
        if not (actor.is_staff_of(self.community) or self.is_self(actor)):
            raise Forbidden("member", f"only the member or the community's staff may {action}")


def _staff_only(actor: Actor, community: str, action: str) -> None:
    if not actor.is_staff_of(community):
        raise Forbidden("member", f"only the community's staff may {action}")


def register(
    *,
    member_id: str,
    actor: Actor,
    at: datetime,
    name: str,
    phone: str,
    work_unit: str,
    party_member: bool,
    community: str,
    grid: str,
    skills: tuple[str, ...],
    branch: str | None = None,
    availability: tuple[str, ...] = (),
    sub: str | None = None,
) -> tuple[Member, DomainEvent]:
    """A volunteer registers themselves (their token's subject is the member; their community is the
    token's); staff register someone of their own community on their behalf (`sub` optional)."""
    if actor.role == "volunteer":
        if community != actor.community:
            raise Forbidden("community", "a volunteer registers in the community their token names")
        sub = actor.sub
    else:
        _staff_only(actor, community, "register someone on their behalf")
    member = Member(
        id=member_id,
        sub=sub,
        name=name,
        phone=phone,
        work_unit=work_unit,
        party_member=party_member,
        community=community,
        grid=grid,
        skills=skills,
        branch=branch,
        availability=availability,
        status=APPLIED,
        registered_by=actor.sub,
        registered_at=at,
        history=((APPLIED, at.isoformat()),),
    )
    return member, member.event(EventType.MEMBER_REGISTERED, at)
