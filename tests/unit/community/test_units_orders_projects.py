"""Units and their agreements, community orders with each unit's response rate and time, projects:
the rules on plain values (every refusal names its field and leaves the aggregate as it was)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chuishao_community.domain import hsds
from chuishao_community.domain.errors import Forbidden, IllegalTransition, InvalidCommand
from chuishao_community.domain.orders import Ask, Item, post_order, response_stats
from chuishao_community.domain.projects import Links, start_project
from chuishao_community.domain.units import Agreement, Person, Resource, check_resource, may_offer, register_unit
from chuishao_community.domain.values import Actor

T0 = datetime(2026, 7, 1, 9, tzinfo=UTC)
C, D = "XY-WQ-WY", "TN-CS-FQXC"
STAFF = Actor("s1", "community_staff", community=C)
STAFF_D = Actor("s2", "community_staff", community=D)
CONTACT = Actor("u1", "unit_contact", unit="U1")


def _unit(term_to: date | None = date(2026, 12, 31)):  # type: ignore[no-untyped-def]
    return register_unit(
        actor=STAFF,
        code="U1",
        name="县供电公司",
        kind="enterprise",
        description="",
        contact=Person("钱多多", "13711112222"),
        agreement=Agreement(C, date(2026, 1, 1), date(2026, 1, 1), term_to),
        party_head=None,
        website=None,
        at=T0,
    )


def test_a_unit_serves_a_community_only_while_its_agreement_is_in_force() -> None:
    unit = _unit()
    assert unit.serves(C, date(2026, 7, 1)) and not unit.serves(C, date(2027, 1, 1)) and not unit.serves(D, T0.date())
    assert unit.communities_in_force(date(2026, 7, 1)) == {C}
    signed = unit.sign(STAFF_D, Agreement(D, date(2026, 6, 1), date(2026, 6, 1)))
    assert set(signed.communities) == {C, D}
    with pytest.raises(Forbidden) as refused:
        unit.sign(STAFF, Agreement(D, date(2026, 6, 1), date(2026, 6, 1)))
    assert refused.value.field == "community"
    with pytest.raises(InvalidCommand) as overlap:
        unit.sign(STAFF, Agreement(C, date(2026, 6, 1), date(2026, 6, 1)))
    assert overlap.value.field == "agreement.term_from"
    with pytest.raises(InvalidCommand) as term:
        unit.sign(STAFF_D, Agreement(D, date(2026, 6, 1), date(2026, 5, 1)))
    assert term.value.field == "agreement.term_from"
    assert unit.may_see(CONTACT) and unit.may_see(STAFF) and not unit.may_see(STAFF_D)
    # The event names the unit and its terms, never its contact.
    assert "钱多多" not in str(unit.event("unit.registered", T0).data)


def test_who_may_offer_a_resource_and_what_is_refused() -> None:
    unit = _unit()
    may_offer(STAFF, C, None, T0.date())
    may_offer(STAFF, C, unit, T0.date())
    may_offer(CONTACT, C, unit, T0.date())
    for actor, community, owner, field in (
        (STAFF_D, C, None, "community"),
        (STAFF_D, D, unit, "unit"),
        (Actor("u2", "unit_contact", unit="U2"), C, unit, "unit"),
        (CONTACT, D, unit, "community"),
    ):
        with pytest.raises(Forbidden) as refused:
            may_offer(actor, community, owner, T0.date())
        assert refused.value.field == field
    with pytest.raises(Forbidden):
        may_offer(CONTACT, C, unit, date(2027, 2, 1))  # the agreement has ended
    place = hsds.Place("活动室", 36.5, 113.0)
    good = Resource("r1", C, None, "venue", "活动室", "可容纳 40 人", place)
    check_resource(good)
    bad = Resource("r1", C, None, "venue", "活动室", "x", place, schedule=(hsds.ScheduleRow("FREQ=YEARLY"),))
    with pytest.raises(InvalidCommand) as refused_rrule:
        check_resource(bad)
    assert refused_rrule.value.field == "schedule[0].rrule"


def _order():  # type: ignore[no-untyped-def]
    return post_order(
        actor=STAFF,
        order_id="o1",
        community=C,
        title="周六环境整治",
        description="",
        items=(Item("志愿者", 10, "人"), Item("扫帚", 20)),
        units=("U1", "U2"),
        serving=frozenset({"U1", "U2"}),
        needed_by=T0 + timedelta(days=2),
        at=T0,
    )


def test_an_order_asks_units_that_signed_and_each_answers_once() -> None:
    order = _order()
    with pytest.raises(InvalidCommand) as refused:
        post_order(**{**_order_args(), "units": ("U1", "U9")})
    assert refused.value.field == "units.1"
    with pytest.raises(InvalidCommand) as past:
        post_order(**{**_order_args(), "needed_by": T0 - timedelta(minutes=1)})
    assert past.value.field == "needed_by"
    with pytest.raises(Forbidden):
        post_order(**{**_order_args(), "actor": STAFF_D})
    later = T0 + timedelta(hours=3)
    answered, response = order.respond(CONTACT, "r1", "U1", False, (Item("志愿者", 6, "人"),), "", later)
    assert response.unit == "U1" and order.responses == ()  # the original is unchanged
    for args, field in (
        (("r2", "U1", False, (Item("志愿者", 1),), "", later), "status"),  # twice
        (("r2", "U2", False, (), "x", later), "unit"),  # for another unit
    ):
        with pytest.raises((IllegalTransition, Forbidden)) as refused_answer:
            answered.respond(CONTACT, *args)
        assert getattr(refused_answer.value, "field", "status") == field
    u2 = Actor("u2", "unit_contact", unit="U2")
    for items, field in (((Item("志愿者", 11),), "items.0.quantity"), ((Item("水泥", 1),), "items.0.name")):
        with pytest.raises(InvalidCommand) as refused_items:
            answered.respond(u2, "r3", "U2", False, items, "", later)
        assert refused_items.value.field == field
    with pytest.raises(IllegalTransition):
        answered.respond(u2, "r3", "U2", True, (), "", T0 + timedelta(days=2))  # past needed_by
    closed = answered.close(STAFF, later)
    with pytest.raises(IllegalTransition):
        closed.respond(u2, "r3", "U2", True, (), "", later)
    event = answered.event("order.responded", later, response).data
    assert event["response_seconds"] == 3 * 3600 and "note" not in event


def _order_args() -> dict:  # type: ignore[type-arg]
    return {
        "actor": STAFF,
        "order_id": "o2",
        "community": C,
        "title": "t",
        "description": "",
        "items": (Item("志愿者", 1),),
        "units": ("U1",),
        "serving": frozenset({"U1", "U2"}),
        "needed_by": T0 + timedelta(days=1),
        "at": T0,
    }


def test_response_rate_counts_settled_asks_and_the_median_time() -> None:
    now = T0 + timedelta(days=10)
    asks = [
        Ask(T0, T0 + timedelta(days=1), T0 + timedelta(hours=2)),
        Ask(T0, T0 + timedelta(days=1), T0 + timedelta(hours=6)),
        Ask(T0, T0 + timedelta(days=1), T0 + timedelta(hours=10)),
        Ask(T0, T0 + timedelta(days=1), None),  # due and unanswered
        Ask(T0, T0 + timedelta(days=30), None),  # still awaited: not counted yet
    ]
    stats = response_stats(asks, now)
    assert (stats.asked, stats.settled, stats.responded) == (5, 4, 3)
    assert stats.response_rate == 0.75 and stats.median_response_hours == 6.0
    assert response_stats([], now).response_rate is None


def test_a_project_moves_forward_only_and_sums_people_served() -> None:
    project = start_project(
        actor=STAFF,
        project_id="p1",
        community=C,
        title="加装扶手",
        goal="60 户",
        period_from=date(2026, 7, 1),
        period_to=date(2026, 9, 30),
        units=("U1",),
        serving=frozenset({"U1"}),
        status="planned",
        links=Links(needs=("n1",)),
        at=T0,
    )
    step = project.add_progress(CONTACT, "e1", "20 户", 20, "active", Links(), T0)
    step = step.add_progress(STAFF, "e2", "40 户", 40, "done", Links(cases=("c1",)), T0)
    assert step.people_served == 60 and step.status == "done" and step.links == Links(("n1",), (), ("c1",))
    with pytest.raises(IllegalTransition):
        step.add_progress(STAFF, "e3", "again", 1, None, Links(), T0)
    with pytest.raises(InvalidCommand) as back:
        project.add_progress(STAFF, "e3", "x", 0, "planned", Links(), T0).add_progress(
            STAFF, "e4", "x", 0, "planned", Links(), T0
        ).add_progress(STAFF, "e5", "x", 0, "active", Links(), T0).add_progress(
            STAFF, "e6", "x", 0, "planned", Links(), T0
        )
    assert back.value.field == "status"
    with pytest.raises(Forbidden) as links:
        project.add_progress(CONTACT, "e3", "x", 0, None, Links(needs=("n2",)), T0)
    assert links.value.field == "links"
    with pytest.raises(Forbidden):
        project.add_progress(Actor("u9", "unit_contact", unit="U9"), "e3", "x", 0, None, Links(), T0)
    with pytest.raises(InvalidCommand) as period:
        start_project(**{**_project_args(), "period_to": date(2026, 6, 1)})
    assert period.value.field == "period_to"
    with pytest.raises(InvalidCommand) as units:
        start_project(**{**_project_args(), "units": ("U9",)})
    assert units.value.field == "units.0"


def _project_args() -> dict:  # type: ignore[type-arg]
    return {
        "actor": STAFF,
        "project_id": "p2",
        "community": C,
        "title": "t",
        "goal": "g",
        "period_from": date(2026, 7, 1),
        "period_to": None,
        "units": (),
        "serving": frozenset({"U1"}),
        "status": "planned",
        "links": Links(),
        "at": T0,
    }
