"""A member's registration (报到) and the hours rule, with plain values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chuishao_community.domain.errors import Forbidden, IllegalTransition
from chuishao_community.domain.hours import credited_hours, is_behind, year_fraction
from chuishao_community.domain.members import Member, register
from chuishao_community.domain.values import Actor

T = datetime(2026, 7, 2, 12, 0, tzinfo=UTC)
STAFF = Actor("staff-1", "community_staff", community="XY-WQ-WY")
OTHER_STAFF = Actor("staff-2", "community_staff", community="TN-CS-FQXC")
ME = Actor("vol-1", "volunteer", community="XY-WQ-WY")
OTHER = Actor("vol-2", "volunteer", community="XY-WQ-WY")


def registered(actor: Actor = ME, community: str = "XY-WQ-WY") -> Member:
    member, event = register(
        member_id="m-1",
        actor=actor,
        at=T,
        name="李建国",
        phone="13912345678",
        work_unit="县教育局",
        party_member=True,
        community=community,
        grid="XY-WQ-WY-G01",
        skills=("errands",),
    )
    assert event.type == "member.registered"
    assert "13912345678" not in str(event.data) and "李建国" not in str(event.data)
    return member


def test_a_volunteer_registers_themselves_in_their_own_community() -> None:
    member = registered()
    assert member.status == "applied" and member.sub == "vol-1"
    with pytest.raises(Forbidden):
        registered(ME, "TN-CS-FQXC")


def test_staff_register_on_someones_behalf_in_their_community_only() -> None:
    assert registered(STAFF).sub is None
    with pytest.raises(Forbidden):
        registered(OTHER_STAFF)


def test_confirm_pause_resume_leave() -> None:
    member = registered()
    with pytest.raises(Forbidden):
        member.confirm(ME, T)
    with pytest.raises(Forbidden):
        member.confirm(OTHER_STAFF, T)
    with pytest.raises(IllegalTransition):
        member.pause(ME, T)  # not active yet
    member, event = member.confirm(STAFF, T)
    assert member.status == "active" and event.type == "member.confirmed"
    with pytest.raises(IllegalTransition):
        member.confirm(STAFF, T)
    with pytest.raises(Forbidden):
        member.pause(OTHER, T)
    member, event = member.pause(ME, T)
    assert member.status == "paused" and event.type == "member.paused"
    member, _ = member.confirm(STAFF, T)  # back in service
    member, event = member.leave(ME, T)
    assert member.status == "left" and event.type == "member.left"
    with pytest.raises(IllegalTransition):
        member.leave(STAFF, T)
    with pytest.raises(IllegalTransition):
        member.confirm(STAFF, T)


@pytest.mark.parametrize(
    ("reported", "wanted", "cap", "credited"),
    [
        (3.0, 2.0, 8.0, 2.0),
        (3.0, None, 8.0, 3.0),
        (12.0, None, 8.0, 8.0),
        (1.1, None, 8.0, 1.0),
        (1.2, 10.0, 8.0, 1.25),
    ],
)
def test_the_credit_is_capped_and_rounded_to_a_quarter(
    reported: float, wanted: float | None, cap: float, credited: float
) -> None:
    assert credited_hours(reported, wanted, cap) == credited


def test_behind_is_pro_rata_over_the_year() -> None:
    assert 0.49 < year_fraction(T) < 0.51
    assert is_behind(20, 50, T) and not is_behind(26, 50, T)
    assert not is_behind(0, 50, datetime(2026, 1, 1, tzinfo=UTC))
