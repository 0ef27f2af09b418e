"""议事's topic state machine (COMMUNITY.md §3) with plain values: the five steps in order, progress
only from real completions, and every refusal naming its reason and leaving the topic as it was."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from chuishao_community.domain.errors import InvalidCommand
from chuishao_community.domain.topics import (
    PARTIES,
    Action,
    Decision,
    Evidence,
    Meeting,
    Person,
    StepRefused,
    Topic,
)
from chuishao_shared.events import validate_data

T = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
EVERYONE = tuple(Person(party, name=f"{party}-代表") for party in PARTIES)
NO_RESIDENTS = tuple(p for p in EVERYONE if p.party != "resident")


def topic() -> Topic:
    t = Topic(
        id="t-1",
        community="XY-WQ-WY",
        title="外墙剥落",
        question="外墙剥落谁来修？",
        evidence=(Evidence("case", "c-1"),),
        created_at=T,
    )
    t.collected(T)
    return t


def meeting(attendance: tuple[Person, ...] = EVERYONE, mid: str = "m-1") -> Meeting:
    return Meeting(id=mid, at=T, place="社区议事厅", agenda=("外墙维修资金",), attendance=attendance)


def decision(did: str = "d-1", due: datetime = T + timedelta(days=30)) -> Decision:
    return Decision(
        id=did, meeting_id="", item="外墙维修资金", decision="申请维修资金", owner="物业", due=due, review_at=None
    )


def action(kind: str = "task", aid: str = "a-1", due: datetime = T + timedelta(days=10)) -> Action:
    return Action(id=aid, decision_id="", kind=kind, due=due, owner="楼栋长")


def deliberated() -> Topic:
    t = topic()
    t.set_topic(title=None, question="外墙怎么修？", evidence=None, participants=EVERYONE, at=T)
    t.hold_meeting(meeting(), T)
    t.decide(decision(), None, T)
    return t


def refused(t: Topic, reason: str, do: object) -> None:
    before = copy.deepcopy(t)
    with pytest.raises(StepRefused) as caught:
        do()  # type: ignore[operator]
    assert caught.value.reason == reason
    assert t == before, "a refusal changes nothing"


def test_the_five_steps_in_order_with_events_that_validate() -> None:
    t = topic()
    assert t.step == "collect" and t.progress == 0
    events = t.set_topic(title=None, question="外墙怎么修？", evidence=None, participants=EVERYONE, at=T)
    assert t.step == "topic" and [e.type for e in events] == ["topic.set", "topic.moved"]
    events = t.hold_meeting(meeting(), T)
    assert t.step == "deliberate" and events[0].data["quorate"] and events[0].data["missing"] == []
    t.decide(decision(), None, T)
    t.add_action(action("task", "a-1"), None, T)
    t.add_action(action("need", "a-2"), None, T)
    assert t.step == "implement" and t.progress == 0
    assert t.complete("a-1", "owner", T)[0].type == "action.done"
    assert t.progress == 0.5
    assert t.complete("a-1", "owner", T) == []  # once
    events = t.complete("a-2", "need.confirmed", T)
    assert t.step == "review" and t.progress == 1
    assert events[-1].data["to_step"] == "review"
    events = t.record_review("resolved", "satisfied", T)
    assert t.step == "closed" and t.closed_at == T
    for e in [*events, *t.flag_overdue(T + timedelta(days=99))]:
        validate_data(e.type, e.data)
    # The whole history is one timeline, in order.
    kinds = [entry["type"] for entry in t.timeline]
    assert kinds[0] == "topic.collected" and kinds[-1] == "topic.moved"
    assert "meeting.held" in kinds and "meeting.decided" in kinds and kinds.count("action.done") == 2


def test_a_meeting_without_every_party_is_not_quorate_and_decides_nothing() -> None:
    t = topic()
    t.set_topic(title=None, question="q", evidence=None, participants=EVERYONE, at=T)
    events = t.hold_meeting(meeting(NO_RESIDENTS), T)
    assert events[0].data["quorate"] is False and events[0].data["missing"] == ["resident"]
    refused(t, "no-quorate-meeting", lambda: t.decide(decision(), None, T))
    refused(t, "meeting-not-quorate", lambda: t.decide(decision(), "m-1", T))
    t.hold_meeting(meeting(EVERYONE, "m-2"), T)
    t.decide(decision(), None, T)
    assert t.decisions[0].meeting_id == "m-2"


def test_every_refusal_names_its_reason_and_changes_nothing() -> None:
    t = topic()
    refused(t, "topic-not-set", lambda: t.hold_meeting(meeting(), T))
    refused(t, "no-quorate-meeting", lambda: t.decide(decision(), None, T))
    refused(t, "no-decision", lambda: t.add_action(action(), None, T))
    refused(t, "no-actions", lambda: t.record_review("resolved", None, T))

    t = deliberated()
    again = lambda: t.set_topic(title=None, question="q", evidence=None, participants=(), at=T)  # noqa: E731
    refused(t, "already-deliberating", again)
    refused(t, "no-actions", lambda: t.record_review("resolved", None, T))
    t.add_action(action("case", "a-case"), None, T)
    t.add_action(action("need", "a-need"), None, T)
    t.add_action(action("task", "a-task"), None, T)
    refused(t, "not-a-task", lambda: t.mark_task_done("a-case", T))
    refused(t, "not-a-task", lambda: t.mark_task_done("a-need", T))
    refused(t, "actions-open", lambda: t.record_review("resolved", None, T))
    t.mark_task_done("a-task", T)
    refused(t, "already-done", lambda: t.mark_task_done("a-task", T))
    refused(t, "actions-open", lambda: t.record_review("partly", None, T))

    # Past the due date the open ones are overdue: now a review may record what came of it.
    late = T + timedelta(days=31)
    t.record_review("partly", "basically_satisfied", late)
    for do in (
        lambda: t.hold_meeting(meeting(mid="m-9"), late),
        lambda: t.decide(decision("d-9"), None, late),
        lambda: t.add_action(action(aid="a-9"), None, late),
        lambda: t.mark_task_done("a-task", late),
        lambda: t.record_review("resolved", None, late),
    ):
        refused(t, "closed", do)


def test_bad_values_are_invalid_commands_naming_the_field() -> None:
    t = topic()
    with pytest.raises(InvalidCommand) as caught:
        t.set_topic(title=None, question="q", evidence=None, participants=(Person("mayor", name="x"),), at=T)
    assert caught.value.field == "participants.0.party"
    t.set_topic(title=None, question="q", evidence=None, participants=EVERYONE, at=T)
    with pytest.raises(InvalidCommand) as caught:
        t.hold_meeting(Meeting(id="m", at=T, place="p", agenda=(), attendance=EVERYONE), T)
    assert caught.value.field == "agenda"
    t.hold_meeting(meeting(), T)
    with pytest.raises(InvalidCommand) as caught:
        t.decide(decision(), "no-such-meeting", T)
    assert caught.value.field == "meeting"
    bad = decision()
    bad.review_at = T
    with pytest.raises(InvalidCommand) as caught:
        t.decide(bad, None, T)
    assert caught.value.field == "review_at"
    t.decide(decision(), None, T)
    with pytest.raises(InvalidCommand) as caught:
        t.add_action(action(), "no-such-decision", T)
    assert caught.value.field == "decision"
    with pytest.raises(InvalidCommand) as caught:
        t.mark_task_done("no-such-action", T)
    assert caught.value.field == "action"


def test_case_and_need_actions_take_their_decisions_due_date_and_overdue_is_flagged_once() -> None:
    t = deliberated()
    t.add_action(action("case", "a-case", due=T), None, T)
    assert t.actions[0].due == t.decisions[0].due and t.actions[0].owner == "楼栋长"
    t.add_action(action("task", "a-task", due=T + timedelta(days=3)), None, T)
    assert t.flag_overdue(T + timedelta(days=1)) == []
    events = t.flag_overdue(T + timedelta(days=4))
    assert [e.data["action_id"] for e in events] == ["a-task"] and t.actions[1].overdue
    assert t.flag_overdue(T + timedelta(days=5)) == []  # once
    events = t.flag_overdue(T + timedelta(days=31))
    assert [e.data["action_id"] for e in events] == ["a-case"]
    done = t.complete("a-task", "owner", T + timedelta(days=32))
    assert done[0].data["on_time"] is False


def test_events_carry_no_names_or_free_text() -> None:
    t = deliberated()
    t.add_action(action("task"), None, T)
    every = [
        *topic().collected(T),
        *t.complete("a-1", "owner", T),
    ]
    t2 = topic()
    every += t2.set_topic(title=None, question="问王秀珍", evidence=None, participants=EVERYONE, at=T)
    every += t2.hold_meeting(meeting(), T)
    text = repr([e.data for e in every])
    for secret in ("代表", "王秀珍", "外墙", "物业", "楼栋长", "议事厅"):
        assert secret not in text, secret
