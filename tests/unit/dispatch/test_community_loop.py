"""点单响应 on the case (domain/community_loop.py): the hand-over, and the community's need closing the case
or giving it back. Plain values."""

from __future__ import annotations

import pytest

from chuishao_dispatch.domain import community_loop as loop
from chuishao_dispatch.domain.errors import IllegalTransition, InvalidCommand, NotAllowed

from .conftest import Builder

COMMITTEE = "JWH"


def test_a_triaged_case_handed_to_the_community_is_led_by_its_committee(build: Builder) -> None:
    case = build.case_in("triage")
    events = loop.hand_to_community(case, build.dispatcher, build.at(5), "XY-WQ-WY", "独居老人需要上门帮扶", COMMITTEE)
    assert [e.type for e in events] == ["case.dispatched", "case.handed_to_community"]
    assert case.status == "dispatched" and case.lead is not None and case.lead.department == COMMITTEE
    assert case.community_handover == {
        "community": "XY-WQ-WY",
        "department": COMMITTEE,
        "need_id": None,
        "status": "handed",
    }
    handed = events[1].data
    assert handed["community"] == "XY-WQ-WY" and handed["department"] == COMMITTEE and handed["case"]["id"] == case.id
    assert case.timeline[-1].type == "case.handed_to_community"


def test_the_departments_at_work_stand_down(build: Builder) -> None:
    case = build.case_in("dispatched")
    loop.hand_to_community(case, build.dispatcher, build.at(50), "XY-WQ-WY", "社区力量承接", COMMITTEE)
    assert case.departments_active() == [COMMITTEE]
    assert {a.status for a in case.assignments if a.department != COMMITTEE} == {"returned"}


@pytest.mark.parametrize(
    ("actor", "community", "reason", "error", "field"),
    [
        ("liaison", "XY-WQ-WY", "x", NotAllowed, None),
        ("dispatcher", "TN-CS-FQXC", "x", InvalidCommand, "community"),
        ("dispatcher", "XY-WQ-WY", "", InvalidCommand, "reason"),
    ],
)
def test_a_refused_hand_over_changes_nothing(
    build: Builder, actor: str, community: str, reason: str, error: type[Exception], field: str | None
) -> None:
    case = build.case_in("triage")
    before = case.to_dict()
    who = build.liaison("WATER") if actor == "liaison" else build.dispatcher
    with pytest.raises(error) as refused:
        loop.hand_to_community(case, who, build.at(5), community, reason, COMMITTEE)
    if field is not None:
        assert refused.value.field == field  # type: ignore[attr-defined]
    assert case.to_dict() == before


def test_a_finished_or_handed_case_is_not_handed(build: Builder) -> None:
    closed = build.case_in("closed")
    with pytest.raises(IllegalTransition):
        loop.hand_to_community(closed, build.dispatcher, build.at(90), "XY-WQ-WY", "x", COMMITTEE)
    case = build.case_in("triage", case_id="CASE-2")
    loop.hand_to_community(case, build.dispatcher, build.at(5), "XY-WQ-WY", "x", COMMITTEE)
    with pytest.raises(IllegalTransition):
        loop.hand_to_community(case, build.dispatcher, build.at(6), "XY-WQ-WY", "again", COMMITTEE)


def test_the_confirmed_need_resolves_and_closes_the_case_with_it_as_evidence(build: Builder) -> None:
    case = build.case_in("triage")
    loop.hand_to_community(case, build.dispatcher, build.at(5), "XY-WQ-WY", "x", COMMITTEE)
    assert loop.link_need(case, build.at(6), "NEED-1") and not loop.link_need(case, build.at(7), "NEED-1")
    events = loop.close_with_need(case, build.at(60), "NEED-1", "satisfied")
    assert [e.type for e in events] == ["case.resolved", "case.closed"]
    assert case.status == "closed" and case.resolution == "fixed" and case.closed_at == build.at(60)
    evidence = {"type": "need.confirmed", "need_id": "NEED-1", "satisfaction": "satisfied"}
    assert events[1].data["evidence"] == evidence and events[0].data["department"] == COMMITTEE
    assert case.community_handover is not None and case.community_handover["status"] == "confirmed"
    kinds = [t.type for t in case.timeline]
    assert kinds[-3:] == ["case.need_linked", "case.resolved", "case.closed"]
    assert loop.close_with_need(case, build.at(61), "NEED-1", "satisfied") == []  # once


def test_a_community_forces_case_closes_without_a_hand_over(build: Builder) -> None:
    case = build.case_in("acknowledged")  # routed by the rules; the community made its need at case.opened
    events = loop.close_with_need(case, build.at(60), "NEED-9", None)
    assert [e.type for e in events] == ["case.resolved", "case.closed"]
    assert {a.status for a in case.assignments} == {"done"}
    resolved = build.case_in("resolved", case_id="CASE-R")
    assert [e.type for e in loop.close_with_need(resolved, build.at(60), "NEED-8", None)] == ["case.closed"]


def test_a_cancelled_need_gives_the_case_back_to_the_dispatcher(build: Builder) -> None:
    case = build.case_in("triage")
    loop.hand_to_community(case, build.dispatcher, build.at(5), "XY-WQ-WY", "x", COMMITTEE)
    events = loop.need_cancelled(case, build.at(30), "NEED-1")
    assert [e.type for e in events] == ["case.returned", "case.triaged"]
    assert case.status == "triage" and events[1].data["reason"] == "community_declined"
    assert case.community_handover is not None and case.community_handover["status"] == "need_cancelled"
    # handed again after that, it may be
    loop.hand_to_community(case, build.dispatcher, build.at(40), "XY-WQ-WY", "再交社区", COMMITTEE)
    assert case.status == "dispatched"


def test_the_hand_over_survives_the_round_trip(build: Builder) -> None:
    case = build.case_in("triage")
    loop.hand_to_community(case, build.dispatcher, build.at(5), "XY-WQ-WY", "x", COMMITTEE)
    assert type(case).from_dict(case.to_dict()) == case
