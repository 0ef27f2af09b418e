"""Community orders (社区点单): staff post what the community needs to the co-building units (10 people
for Saturday's clean-up; cement and sand for a lane), each asked unit answers once with what it
commits, and each unit's response rate and time are measured.

Rules:
- An order asks at least one unit, each with an agreement in force with the community on the day it
  is posted; `needed_by` lies in the future. Posting is for the community's staff.
- A unit answers at most once (its contact, for the unit their token names), before `needed_by`
  and while the order is open; the answer commits items (each at most the quantity asked) or says
  no (`declined`). An answer — yes or no — counts as a response; the time to respond is from the ask.
- Staff close an order (no more answers). A unit asked and not answering by `needed_by` is counted
  as not responding.
- Response rate of a unit = orders answered / orders asked whose answer is no longer awaited
  (answered, closed or past `needed_by`); median response time over its answers."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from datetime import datetime

from chuishao_community.domain.errors import Forbidden, IllegalTransition, InvalidCommand
from chuishao_community.domain.values import Actor, DomainEvent

OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class Item:
    name: str
    quantity: float
    measure: str = ""


@dataclass(frozen=True)
class Response:
    id: str
    unit: str
    by: str
    at: datetime
    declined: bool
    items: tuple[Item, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Order:
    id: str
    community: str
    title: str
    description: str
    items: tuple[Item, ...]
    units: tuple[str, ...]
    needed_by: datetime
    posted_by: str
    posted_at: datetime
    status: str = OPEN
    responses: tuple[Response, ...] = field(default_factory=tuple)
    closed_at: datetime | None = None

    def may_see(self, actor: Actor) -> bool:
        """The community's staff, and the contacts of the units it asks."""
        if actor.role == "unit_contact":
            return actor.unit in self.units
        return actor.is_staff_of(self.community)

    def response_of(self, unit: str) -> Response | None:
        return next((r for r in self.responses if r.unit == unit), None)

    def respond(
        self,
        actor: Actor,
        response_id: str,
        unit: str,
        declined: bool,
        items: tuple[Item, ...],
        note: str,
        at: datetime,
    ) -> tuple[Order, Response]:
        if actor.role != "unit_contact" or actor.unit != unit:
            raise Forbidden("unit", "a unit's contact answers for the unit their token names")
        if unit not in self.units:
            raise Forbidden("unit", "this order does not ask that unit")
        if self.status != OPEN:
            raise IllegalTransition("the order is closed", self.status)
        if at >= self.needed_by:
            raise IllegalTransition("the order's needed_by has passed", "past_due")
        if self.response_of(unit) is not None:
            raise IllegalTransition("this unit has already answered the order", "answered")
        if declined and items:
            raise InvalidCommand("items", "a declining answer commits no items")
        if not declined and not items and not note.strip():
            raise InvalidCommand("items", "say what the unit commits (items or a note), or decline")
        asked = {i.name: i for i in self.items}
        for n, item in enumerate(items):
            wanted = asked.get(item.name)
            if wanted is None:
                raise InvalidCommand(f"items.{n}.name", f"the order does not ask for {item.name!r}")
            if item.quantity > wanted.quantity:
                raise InvalidCommand(f"items.{n}.quantity", f"at most {wanted.quantity} is asked")
        response = Response(response_id, unit, actor.sub, at, declined, items, note)
        return replace(self, responses=(*self.responses, response)), response

    def close(self, actor: Actor, at: datetime) -> Order:
        if not actor.is_staff_of(self.community):
            raise Forbidden("order", "only the community's staff close an order")
        if self.status != OPEN:
            raise IllegalTransition("the order is already closed", self.status)
        return replace(self, status=CLOSED, closed_at=at)

    def event(self, type_: str, at: datetime, response: Response | None = None) -> DomainEvent:
        """Public-safe: ids, codes, counts and times; no free text."""
        data: dict[str, object] = {
            "order_id": self.id,
            "community": self.community,
            "status": self.status,
            "units": list(self.units),
            "item_count": len(self.items),
            "needed_by": self.needed_by.isoformat(),
            "response_count": len(self.responses),
            "at": at.isoformat(),
        }
        if response is not None:
            data |= {
                "unit": response.unit,
                "response_id": response.id,
                "declined": response.declined,
                "response_seconds": round((response.at - self.posted_at).total_seconds(), 3),
            }
        return DomainEvent(type_, data)


def post_order(
    *,
    actor: Actor,
    order_id: str,
    community: str,
    title: str,
    description: str,
    items: tuple[Item, ...],
    units: tuple[str, ...],
    serving: frozenset[str],
    needed_by: datetime,
    at: datetime,
) -> Order:
    """`serving`: the units with an agreement in force with the community today."""
    if not actor.is_staff_of(community):
        raise Forbidden("community", "the community's staff post its orders")
    if needed_by.tzinfo is None:
        raise InvalidCommand("needed_by", "must carry a time zone (RFC 3339)")
    if needed_by <= at:
        raise InvalidCommand("needed_by", "lies in the past")
    names = [i.name for i in items]
    if len(names) != len(set(names)):
        raise InvalidCommand("items", "an item is listed twice")
    if len(units) != len(set(units)):
        raise InvalidCommand("units", "a unit is listed twice")
    for n, unit in enumerate(units):
        if unit not in serving:
            raise InvalidCommand(f"units.{n}", f"{unit!r} has no agreement in force with {community}")
    if not units:
        raise InvalidCommand("units", "no unit has an agreement in force with the community to ask")
    return Order(order_id, community, title, description, items, units, needed_by, actor.sub, at)


@dataclass(frozen=True)
class Ask:
    asked_at: datetime
    due_at: datetime
    responded_at: datetime | None
    closed: bool = False


@dataclass(frozen=True)
class ResponseStats:
    asked: int
    settled: int
    responded: int
    response_rate: float | None
    median_response_hours: float | None


def response_stats(asks: list[Ask], now: datetime) -> ResponseStats:
    """A unit's response rate (answered / settled asks) and median time to respond, in hours."""
    settled = [a for a in asks if a.responded_at is not None or a.closed or a.due_at <= now]
    answered = [a for a in asks if a.responded_at is not None]
    times = [(a.responded_at - a.asked_at).total_seconds() / 3600 for a in answered if a.responded_at]
    return ResponseStats(
        asked=len(asks),
        settled=len(settled),
        responded=len(answered),
        response_rate=round(len(answered) / len(settled), 4) if settled else None,
        median_response_hours=round(statistics.median(times), 2) if times else None,
    )
