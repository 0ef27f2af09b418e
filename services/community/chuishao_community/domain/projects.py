"""Projects (项目清单): a joint project of the community with co-building units — goal, period, status,
progress entries, people served, and links to the needs, resources and cases it answers.

    planned ──▶ active ──▶ done
       └──────────┴──────▶ cancelled        (a progress entry may move the status forward)

Progress entries are appended, never edited; `people_served` is the sum of the entries' counts. The
community's staff and the contacts of the project's units add progress; links are added by staff."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from chuishao_community.domain.errors import Forbidden, IllegalTransition, InvalidCommand
from chuishao_community.domain.values import Actor, DomainEvent

PLANNED, ACTIVE, DONE, CANCELLED = "planned", "active", "done", "cancelled"
MOVES = {PLANNED: {ACTIVE, DONE, CANCELLED}, ACTIVE: {DONE, CANCELLED}, DONE: set(), CANCELLED: set()}


@dataclass(frozen=True)
class Progress:
    id: str
    at: datetime
    by: str
    note: str
    people_served: int
    status: str


@dataclass(frozen=True)
class Links:
    needs: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()

    def adding(self, other: Links) -> Links:
        def merged(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys((*a, *b)))

        return Links(
            merged(self.needs, other.needs), merged(self.resources, other.resources), merged(self.cases, other.cases)
        )


@dataclass(frozen=True)
class Project:
    id: str
    community: str
    title: str
    goal: str
    period_from: date
    period_to: date | None
    units: tuple[str, ...]
    status: str
    created_by: str
    created_at: datetime
    links: Links = field(default_factory=Links)
    progress: tuple[Progress, ...] = ()

    @property
    def people_served(self) -> int:
        return sum(p.people_served for p in self.progress)

    def may_see(self, actor: Actor) -> bool:
        if actor.role in ("community_staff", "volunteer"):
            return actor.community == self.community
        return actor.role == "unit_contact" and actor.unit in self.units

    def add_progress(
        self, actor: Actor, entry_id: str, note: str, people_served: int, status: str | None, links: Links, at: datetime
    ) -> Project:
        staff = actor.is_staff_of(self.community)
        if not (staff or (actor.role == "unit_contact" and actor.unit in self.units)):
            raise Forbidden("project", "the community's staff and the project's units add progress")
        if (links.needs or links.resources or links.cases) and not staff:
            raise Forbidden("links", "only the community's staff link needs, resources and cases")
        if self.status in (DONE, CANCELLED):
            raise IllegalTransition(f"the project is {self.status}", self.status)
        new_status = status or self.status
        if new_status != self.status and new_status not in MOVES[self.status]:
            raise InvalidCommand("status", f"a {self.status} project cannot become {new_status}")
        if people_served < 0:
            raise InvalidCommand("people_served", "must be ≥ 0")
        entry = Progress(entry_id, at, actor.sub, note, people_served, new_status)
        return replace(self, status=new_status, progress=(*self.progress, entry), links=self.links.adding(links))

    def event(self, type_: str, at: datetime) -> DomainEvent:
        data = {
            "project_id": self.id,
            "community": self.community,
            "status": self.status,
            "units": list(self.units),
            "period_from": self.period_from.isoformat(),
            "period_to": self.period_to.isoformat() if self.period_to else None,
            "people_served": self.people_served,
            "progress_count": len(self.progress),
            "need_count": len(self.links.needs),
            "resource_count": len(self.links.resources),
            "case_count": len(self.links.cases),
            "at": at.isoformat(),
        }
        return DomainEvent(type_, data)


def start_project(
    *,
    actor: Actor,
    project_id: str,
    community: str,
    title: str,
    goal: str,
    period_from: date,
    period_to: date | None,
    units: tuple[str, ...],
    serving: frozenset[str],
    status: str,
    links: Links,
    at: datetime,
) -> Project:
    if not actor.is_staff_of(community):
        raise Forbidden("community", "the community's staff keep its projects")
    if period_to is not None and period_to < period_from:
        raise InvalidCommand("period_to", "ends on or after period_from")
    if status not in (PLANNED, ACTIVE):
        raise InvalidCommand("status", "a new project is planned or active")
    if len(units) != len(set(units)):
        raise InvalidCommand("units", "a unit is listed twice")
    for n, unit in enumerate(units):
        if unit not in serving:
            raise InvalidCommand(f"units.{n}", f"{unit!r} has no agreement with {community}")
    return Project(project_id, community, title, goal, period_from, period_to, units, status, actor.sub, at, links)
