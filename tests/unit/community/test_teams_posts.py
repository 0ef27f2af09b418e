"""Teams and posts (domain/teams.py): memberships and holdings with start and end dates (history kept),
seats, refusals that change nothing, public-safe events. Plain values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chuishao_community.domain.errors import IllegalTransition, InvalidCommand
from chuishao_community.domain.teams import Post, Team, body_doc, post_of, team_of

T0 = datetime(2026, 11, 2, 2, tzinfo=UTC)


def team() -> Team:
    made, events = Team.create("T1", "XY-WQ-WY", "红马甲志愿服务队", "red_vest", "", "staff-1", T0)
    assert [e.type for e in events] == ["team.created"] and events[0].data["member_count"] == 0
    return made


def test_a_membership_ends_and_is_kept() -> None:
    t = team()
    added = t.add_member("M-1", "member-a", "leader", date(2026, 10, 1), "staff-1", T0)
    assert added[0].data["member_count"] == 1 and added[0].data["membership_id"] == "M-1"
    ended = t.end_member("M-1", None, "调离", T0 + timedelta(days=1))
    assert ended[0].type == "team.member_ended" and ended[0].data["member_count"] == 0
    assert ended[0].data["end_date"] == "2026-11-03" and len(t.tenures) == 1
    again = t.add_member("M-2", "member-a", "member", None, "staff-1", T0 + timedelta(days=2))
    assert again[0].data["member_count"] == 1 and [m.id for m in t.tenures] == ["M-1", "M-2"]
    assert team_of(body_doc(t)) == t


@pytest.mark.parametrize(
    ("action", "error", "field"),
    [
        (lambda t: t.add_member("X", "member-a", "member", None, "s", T0), IllegalTransition, None),
        (lambda t: t.add_member("X", "member-b", "boss", None, "s", T0), InvalidCommand, "role"),
        (lambda t: t.add_member("X", "member-b", "member", date(2027, 1, 1), "s", T0), InvalidCommand, "start_date"),
        (lambda t: t.end_member("nope", None, "", T0), InvalidCommand, "membership"),
        (lambda t: t.end_member("M-1", date(2026, 9, 1), "", T0), InvalidCommand, "end_date"),
    ],
)
def test_refusals_change_nothing(action, error, field) -> None:  # type: ignore[no-untyped-def]
    t = team()
    t.add_member("M-1", "member-a", "member", date(2026, 10, 1), "s", T0)
    before = body_doc(t)
    with pytest.raises(error) as refused:
        action(t)
    if field:
        assert refused.value.field == field
    assert body_doc(t) == before


def test_an_unknown_team_kind_is_refused() -> None:
    with pytest.raises(InvalidCommand) as refused:
        Team.create("T", "XY-WQ-WY", "x", "blue_hat", "", "s", T0)
    assert refused.value.field == "kind"


def test_a_post_exists_whoever_holds_it_within_its_seats() -> None:
    post, events = Post.create("P1", "XY-WQ-WY", "楼栋长", "", 1, None, "XY-WQ-WY-G01", "7号楼", "s", T0)
    assert events[0].data["seats"] == 1 and "name" not in events[0].data
    post.add_holder("H-1", "member-a", None, "s", T0)
    with pytest.raises(IllegalTransition):
        post.add_holder("H-2", "member-b", None, "s", T0)  # its one seat is taken
    ended = post.end_holder("H-1", None, "换届", T0)
    assert ended[0].data["holder_count"] == 0
    post.add_holder("H-2", "member-b", None, "s", T0)
    assert [(h.member_id, h.ended) for h in post.tenures] == [("member-a", True), ("member-b", False)]
    with pytest.raises(IllegalTransition):
        post.end_holder("H-1", None, "", T0)  # ended once
    assert post_of(body_doc(post)) == post
    with pytest.raises(InvalidCommand):
        Post.create("P2", "XY-WQ-WY", "x", "", 0, None, None, None, "s", T0)
