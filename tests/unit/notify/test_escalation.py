"""Escalation policies (pure): steps in order with waits and repeats, a gap skipped straight to the
next step, the version in force when the case was opened, validation naming the field, and which
chains a case snapshot starts and stops."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chuishao_notify.domain.escalation import (
    Policy,
    PolicyError,
    Step,
    Target,
    advance,
    chains_wanted,
    default_policy,
    policy_in_force,
    validate_policy,
)
from chuishao_notify.domain.rosters import SHANGHAI

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=SHANGHAI)
POLICY = Policy(
    "D1",
    1,
    (Step("level", 10, 1), Step("level", 10, 2), Step("head", 20), Step("desk", 30)),
    repeats=1,
    head="boss",
    valid_from=T0 - timedelta(days=1),
)


def resolver(on_duty: dict[object, tuple[str, ...]]):  # type: ignore[no-untyped-def]
    def resolve(step: Step) -> Target:
        key = step.level if step.kind == "level" else step.kind
        return Target("DESK" if step.kind == "desk" else "D1", on_duty.get(key, ()))

    return resolve


FULL = resolver({1: ("a",), 2: ("b",), "head": ("boss",), "desk": ("d",)})


def test_each_step_tells_its_person_and_waits_its_minutes() -> None:
    first = advance(POLICY, 0, T0, FULL)
    assert [(t.kind, t.told) for t in first.taken] == [("level", ("a",))]
    assert first.position == 1 and first.next_at == T0 + timedelta(minutes=10)
    second = advance(POLICY, first.position, first.next_at, FULL)  # type: ignore[arg-type]
    assert second.taken[0].told == ("b",) and second.next_at == T0 + timedelta(minutes=20)
    third = advance(POLICY, 2, T0, FULL)
    assert third.taken[0].told == ("boss",) and third.next_at == T0 + timedelta(minutes=20)
    desk = advance(POLICY, 3, T0, FULL)
    assert desk.taken[0].owner == "DESK" and desk.taken[0].told == ("d",)


def test_repeats_go_round_again_and_then_the_chain_ends() -> None:
    assert POLICY.length == 8
    again = advance(POLICY, 4, T0, FULL)
    assert again.taken[0].told == ("a",) and again.taken[0].position == 4
    last = advance(POLICY, 7, T0, FULL)
    assert last.taken[0].kind == "desk" and last.position == 8 and last.next_at is None
    done = advance(POLICY, 8, T0, FULL)
    assert done.taken == () and done.next_at is None


def test_a_gap_is_skipped_straight_to_the_next_step_without_waiting() -> None:
    gap_at_2 = resolver({1: ("a",), "head": ("boss",), "desk": ("d",)})  # nobody on level 2
    step = advance(POLICY, 1, T0, gap_at_2)
    assert [(t.kind, t.skipped) for t in step.taken] == [("level", True), ("head", False)]
    assert step.position == 3 and step.next_at == T0 + timedelta(minutes=20)  # the head's wait, not level 2's


def test_nobody_anywhere_runs_the_chain_out_without_telling_anyone() -> None:
    step = advance(POLICY, 0, T0, resolver({}))
    assert len(step.taken) == 8 and all(t.skipped for t in step.taken)
    assert step.position == 8 and step.next_at is None


def test_the_version_in_force_when_the_case_was_opened_applies() -> None:
    v1 = Policy("D1", 1, (Step("level", 5, 1),), valid_from=T0)
    v2 = Policy("D1", 2, (Step("level", 60, 1),), valid_from=T0 + timedelta(hours=2))
    assert policy_in_force([v2, v1], T0 + timedelta(hours=1)) is v1
    assert policy_in_force([v1, v2], T0 + timedelta(hours=3)) is v2
    assert policy_in_force([v1, v2], T0 - timedelta(days=1)) is v1  # opened before any: the first
    assert policy_in_force([], T0) is None


@pytest.mark.parametrize(
    ("policy", "field"),
    [
        (Policy("D", 1, ()), "/steps"),
        (Policy("D", 1, (Step("level", 5, None),)), "/steps/0/level"),
        (Policy("D", 1, (Step("level", 5, 1), Step("head", 0))), "/steps/1/wait_minutes"),
        (Policy("D", 1, (Step("desk", 5, 2),)), "/steps/0/level"),
        (Policy("D", 1, (Step("pager", 5),)), "/steps/0/kind"),  # type: ignore[arg-type]
        (Policy("D", 1, (Step("head", 5),)), "/head"),
        (Policy("D", 1, (Step("desk", 5),), repeats=9), "/repeats"),
    ],
)
def test_a_bad_policy_names_the_field(policy: Policy, field: str) -> None:
    with pytest.raises(PolicyError) as error:
        validate_policy(policy)
    assert error.value.field == field


def test_the_default_policy_is_valid_without_a_head_step_needing_a_name() -> None:
    policy = default_policy("D1")
    with pytest.raises(PolicyError):  # it has a head step; a stored policy must name the head
        validate_policy(policy)
    step = advance(policy, 2, T0, resolver({"desk": ("d",)}))  # no head: skipped to the desk
    assert [t.kind for t in step.taken] == ["head", "desk"]


def test_chains_start_for_pending_assignments_and_stop_when_reported_in() -> None:
    case = {
        "id": "C1",
        "status": "dispatched",
        "assignments": [
            {"department": "D1", "status": "pending", "ack_due_at": "2026-12-01T03:00:00+08:00"},
            {"department": "D2", "status": "acknowledged"},
        ],
    }
    start, stop = chains_wanted(case)
    assert [(k.case_id, k.department) for k in start] == [("C1", "D1")] and stop == {"D2"}
    start, stop = chains_wanted({**case, "status": "cancelled"})
    assert start == [] and stop == {"D1", "D2"}


def test_a_person_message_says_what_and_why_and_nothing_personal() -> None:
    from chuishao_notify.domain.formats import Names
    from chuishao_notify.domain.person_messages import dingtalk_body, person_message, wecom_body

    case = {
        "id": "0c1a9b8e-7d2c-4d6f",
        "category": "LD",
        "community": "XY-WQ-WY",
        "severity": "major",
        "assignments": [{"department": "D1", "status": "pending", "ack_due_at": "2026-12-01T02:30:00+00:00"}],
        # Whatever else a snapshot may carry is never read into a message:
        "place": {"building": "3号楼", "unit": "2单元", "address": "幸福路1号"},
        "description": "张三 13912345678 楼道堆物",
        "resident": {"name": "张三", "phone": "13912345678"},
    }
    names = Names({"LD": "楼道卫生"}, {"XY-WQ-WY": "五阳社区"}, {"D1": "五阳物业"})
    message = person_message(case, "D1", "level", 2, "https://x.example/ack/t", names)
    text = message.title + "\n".join(message.lines)
    assert "楼道卫生" in text and "五阳社区" in text and "12-01 10:30" in text and "第2级" in text
    for word in ("3号楼", "2单元", "幸福路", "张三", "13912345678", "堆物"):
        assert word not in str(wecom_body(message, "u", 1)) and word not in str(dingtalk_body(message, "u", 1))
    card = wecom_body(message, "u1", 1000002)
    assert card["textcard"]["url"] == "https://x.example/ack/t" and card["agentid"] == 1000002
    assert len(card["textcard"]["description"].encode()) <= 512


def test_a_notice_sent_again_carries_the_very_same_link() -> None:
    from chuishao_notify.adapters.escalation_store import PersonNotice
    from chuishao_notify.service_layer.telling import AckLinks
    from chuishao_shared.ack_links import read

    links = AckLinks(b"k" * 32, "https://d.example/", 120)
    notice = PersonNotice(7, 1, 0, "D1", "m-a", "c-1", "D1", 1, "zhangsan", "", "level", 1, T0)
    first, again = links.url(notice, "wecom", "zhangsan"), links.url(notice, "wecom", "zhangsan")
    assert first == again and first.startswith("https://d.example/ack/")
    claims = read(b"k" * 32, first.rsplit("/", 1)[1], now=T0.timestamp())
    assert claims.expires == int(T0.timestamp()) + 7200 and claims.member == "m-a"
    other = PersonNotice(8, 1, 0, "D1", "m-a", "c-1", "D1", 1, "zhangsan", "", "level", 1, T0)
    assert links.url(other, "wecom", "zhangsan") != first
