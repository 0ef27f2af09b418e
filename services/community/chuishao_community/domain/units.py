"""Co-building units (共建单位) and the resources they or the community offer (资源清单).

A unit signs a co-building agreement (共建协议) with one or more communities, each with a signing date
and a term. Its contact (name, phone) and its party-organisation head are personal data: shown only to
the staff of a community it has an agreement with and to the unit's own contact; never on an event or
in HSDS. A unit's contact acts only in the communities whose agreement is in force on the day: there
they see and claim needs and keep the unit's resources.

A resource is published as an Open Referral HSDS 3.0 service (`domain/hsds.py`); this module keeps
the facts and the rules of who may keep it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from chuishao_community.domain import hsds
from chuishao_community.domain.errors import Forbidden, InvalidCommand
from chuishao_community.domain.values import Actor, DomainEvent

UNIT_KINDS = ("government", "enterprise", "institution", "school", "hospital", "social_org", "property", "other")


@dataclass(frozen=True)
class Agreement:
    community: str
    signed_on: date
    term_from: date
    term_to: date | None = None

    def in_force(self, on: date) -> bool:
        return self.term_from <= on and (self.term_to is None or on <= self.term_to)


@dataclass(frozen=True)
class Person:
    """A unit's contact or its party head: personal data."""

    name: str
    phone: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    description: str
    contact: Person
    agreements: tuple[Agreement, ...]
    party_head: Person | None = None
    website: str | None = None
    created_at: datetime | None = None
    created_by: str = ""

    @property
    def communities(self) -> tuple[str, ...]:
        return tuple(sorted({a.community for a in self.agreements}))

    def serves(self, community: str, on: date) -> bool:
        return any(a.community == community and a.in_force(on) for a in self.agreements)

    def communities_in_force(self, on: date) -> frozenset[str]:
        return frozenset(a.community for a in self.agreements if a.in_force(on))

    def is_contact(self, actor: Actor) -> bool:
        return actor.role == "unit_contact" and actor.unit == self.code

    def may_see(self, actor: Actor) -> bool:
        """The unit's contact, and the staff of a community it ever signed with."""
        return self.is_contact(actor) or (actor.is_staff and actor.community in self.communities)

    def sign(self, actor: Actor, agreement: Agreement) -> Unit:
        if not actor.is_staff_of(agreement.community):
            raise Forbidden("community", "a community's staff sign agreements for their own community")
        _check_term(agreement)
        if any(a.community == agreement.community and _overlap(a, agreement) for a in self.agreements):
            raise InvalidCommand("agreement.term_from", "an agreement with this community is already in force then")
        return replace(self, agreements=(*self.agreements, agreement))

    def event(self, type_: str, at: datetime) -> DomainEvent:
        """Public-safe: the code, the kind, the communities and terms; never the contact."""
        data = {
            "unit": self.code,
            "kind": self.kind,
            "communities": list(self.communities),
            "agreements": [
                {
                    "community": a.community,
                    "term_from": a.term_from.isoformat(),
                    "term_to": a.term_to.isoformat() if a.term_to else None,
                }
                for a in self.agreements
            ],
            "at": at.isoformat(),
        }
        return DomainEvent(type_, data)


def _check_term(a: Agreement) -> None:
    if a.term_from < a.signed_on:
        raise InvalidCommand("agreement.term_from", "the term starts on or after the signing date")
    if a.term_to is not None and a.term_to < a.term_from:
        raise InvalidCommand("agreement.term_to", "the term ends on or after it starts")


def _overlap(a: Agreement, b: Agreement) -> bool:
    a_end, b_end = a.term_to or date.max, b.term_to or date.max
    return a.term_from <= b_end and b.term_from <= a_end


def register_unit(
    *,
    actor: Actor,
    code: str,
    name: str,
    kind: str,
    description: str,
    contact: Person,
    agreement: Agreement,
    party_head: Person | None,
    website: str | None,
    at: datetime,
) -> Unit:
    if kind not in UNIT_KINDS:
        raise InvalidCommand("kind", f"one of {', '.join(UNIT_KINDS)}")
    if not actor.is_staff_of(agreement.community):
        raise Forbidden("community", "a community's staff register units for their own community")
    _check_term(agreement)
    return Unit(
        code=code,
        name=name,
        kind=kind,
        description=description,
        contact=contact,
        agreements=(agreement,),
        party_head=party_head,
        website=website,
        created_at=at,
        created_by=actor.sub,
    )


# ------------------------------------------------------------------------------------ resources


@dataclass(frozen=True)
class Resource:
    id: str
    community: str
    unit: str | None  # None: the community's own
    kind: str
    name: str
    description: str
    place: hsds.Place
    status: str = "available"
    life_circle: int = 15
    capacity: int | None = None
    eligibility: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    schedule: tuple[hsds.ScheduleRow, ...] = field(default_factory=tuple)
    valid_from: date | None = None
    valid_to: date | None = None
    created_at: datetime | None = None
    created_by: str = ""

    def as_hsds(self) -> hsds.Resource:
        return hsds.Resource(
            id=self.id,
            kind=self.kind,
            name=self.name,
            description=self.description,
            place=self.place,
            status=self.status,
            life_circle=self.life_circle,
            capacity=self.capacity,
            eligibility=self.eligibility,
            minimum_age=self.minimum_age,
            maximum_age=self.maximum_age,
            schedule=self.schedule,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )

    def event(self, type_: str, at: datetime) -> DomainEvent:
        data = {
            "resource_id": self.id,
            "community": self.community,
            "unit": self.unit,
            "kind": self.kind,
            "status": self.status,
            "life_circle": self.life_circle,
            "capacity": self.capacity,
            # A public place (HSDS publishes it too): the map draws the resource there. Never the address.
            "lon": round(self.place.lon, 6),
            "lat": round(self.place.lat, 6),
            "at": at.isoformat(),
        }
        return DomainEvent(type_, data)


def check_resource(resource: Resource) -> None:
    """The HSDS mapping's own checks (kind, status, tier, place, schedule rows as RRULEs): a resource
    that cannot be published is refused when it is offered, naming the field."""
    try:
        hsds.hsds_service(hsds.Provider(id="check", name="check", description="check"), resource.as_hsds())
    except hsds.InvalidResource as error:
        raise InvalidCommand(error.field, error.message) from None


def may_offer(actor: Actor, community: str, unit: Unit | None, on: date) -> None:
    """Staff offer their community's own resources or a unit's that signed with them; a unit's contact
    offers their own unit's in a community whose agreement is in force."""
    if actor.is_staff:
        if actor.community != community:
            raise Forbidden("community", "staff keep their own community's resources")
        if unit is not None and community not in unit.communities:
            raise Forbidden("unit", "the unit has no agreement with this community")
        return
    if actor.role == "unit_contact":
        if unit is None or not unit.is_contact(actor):
            raise Forbidden("unit", "a unit's contact offers only their own unit's resources")
        if not unit.serves(community, on):
            raise Forbidden("community", "the unit has no agreement in force with this community")
        return
    raise Forbidden("role", "staff or a unit's contact keep resources")
