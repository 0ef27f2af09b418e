"""An activity as the service keeps it: the pure `Activity` (domain/activities.py) with who created it,
its description, and its close (no-shows and people served, recorded once it has ended). Who may
act as its organiser, and the public-safe events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from chuishao_community.domain.activities import Activity, ActivityConflict
from chuishao_community.domain.values import Actor, DomainEvent


@dataclass
class ActivityRecord:
    activity: Activity
    created_by: str
    created_at: datetime
    description: str = ""
    closed_at: datetime | None = None
    no_shows: tuple[str, ...] = field(default_factory=tuple)
    subjects: dict[str, str] = field(default_factory=dict)  # member id → the token subject who signed up

    @property
    def id(self) -> str:
        return self.activity.id

    @property
    def community(self) -> str:
        return self.activity.community

    def may_see(self, actor: Actor) -> bool:
        return actor.role in ("community_staff", "volunteer") and actor.community == self.community

    def is_organiser(self, actor: Actor) -> bool:
        """The community's staff, and the activity's organiser (their token's subject)."""
        return actor.is_staff_of(self.community) or (
            actor.role == "volunteer" and actor.community == self.community and actor.sub == self.activity.organiser
        )

    def close(self, people_served: int, now: datetime) -> list[str]:
        """Record people served and the no-shows, once the activity has ended; once."""
        if self.closed_at is not None:
            raise ActivityConflict("activity", "closed", "the activity is already closed")
        if now < self.activity.ends_at:
            raise ActivityConflict("activity", "not_ended", "an activity is closed once it has ended")
        self.activity.record_people_served(people_served, now)
        self.no_shows = tuple(self.activity.no_shows(now))
        self.closed_at = now
        return list(self.no_shows)

    def event(self, type_: str, at: datetime, **extra: object) -> DomainEvent:
        a = self.activity
        data: dict[str, object] = {
            "activity_id": a.id,
            "community": a.community,
            "starts_at": a.starts_at.isoformat(),
            "ends_at": a.ends_at.isoformat(),
            "team": a.team,
            "slots": [
                {"code": s.code, "capacity": s.capacity, "skill": s.skill, "taken": a.taken(s.code)} for s in a.slots
            ],
            "signed_up": len(a.signups),
            "checked_in": sum(1 for s in a.signups.values() if s.checked_in_at is not None),
            "people_served": a.people_served,
            "at": at.isoformat(),
            **extra,
        }
        return DomainEvent(type_, data)
