"""The community's notices (issue 21 item 8, issue 22 item 6): which community event tells whom, the
claim reminders' schedule, and the bytes sent — every user-typable value escaped, and no person's
name, phone or address in any format even when a producer planted them beside the contract's fields."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chuishao_notify.domain.community_notices import community_notice_for, held_claim, need_reminders
from chuishao_notify.domain.formats import Names, Target, render
from chuishao_notify.domain.notices import Notice
from chuishao_shared.events import COMMUNITY_TOPIC, EventType, dead_letter_topic
from chuishao_shared.kafka import TOPIC_ACCESS

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
PLANTED = {
    "title": "给赵桂兰奶奶买菜",
    "description": "赵桂兰独居，住朝阳小区7号楼2单元301，电话13687654321",
    "resident": {"name": "赵桂兰", "phone": "13687654321", "address": "朝阳小区7号楼2单元301"},
    "building": "朝阳小区7号楼2单元301",
    "name": "钱志强",
    "phone": "13912345678",
    "note": "[点此](http://evil.example) <@all>",
}
SECRETS = ("赵桂兰", "13687654321", "朝阳小区", "钱志强", "13912345678", "evil.example", "<@all>")
NAMES = Names(
    jurisdictions={"XY-WQ-WY": "五一社区", "XY-WQ-WY-G03": "第三网格"},
    skills={"errands": "跑腿代购"},
    need_kinds={"wish": "微心愿"},
)


def need(**extra: Any) -> dict[str, Any]:
    return {
        "need_id": "n-1",
        "community": "XY-WQ-WY",
        "grid": "XY-WQ-WY-G03",
        "kind": "wish",
        "status": "open",
        "urgency": "urgent",
        "skills": ["errands"],
        "helpers": 1,
        "privacy": "staff_confirms",
        "wanted_by": (NOW + timedelta(days=2)).isoformat(),
        "at": NOW.isoformat(),
        **PLANTED,
        **extra,
    }


TOPIC = {"topic_id": "t-1", "community": "XY-WQ-WY", "step": "deliberate", "progress": 0.0, "at": NOW.isoformat()}
CASES = {
    EventType.NEED_RECORDED: need(),
    EventType.NEED_EXPIRED: need(status="expired"),
    EventType.TOPIC_MOVED: {**TOPIC, "from_step": "topic", "to_step": "deliberate", **PLANTED},
    EventType.ACTION_OVERDUE: {
        **TOPIC,
        "action_id": "a-1",
        "decision_id": "d-1",
        "kind": "task",
        "status": "open",
        "due": NOW.isoformat(),
        "owner_person": "kc-owner-7",
        "overdue": True,
        **PLANTED,
    },
}


def test_the_notify_principal_reads_the_community_topic_and_may_set_its_messages_aside() -> None:
    assert COMMUNITY_TOPIC in TOPIC_ACCESS["notify"]["read"]
    assert dead_letter_topic(COMMUNITY_TOPIC) in TOPIC_ACCESS["notify"]["write"]
    assert COMMUNITY_TOPIC not in TOPIC_ACCESS["notify"]["write"]  # notify never speaks for the community


@pytest.mark.parametrize("event_type", list(CASES))
@pytest.mark.parametrize("fmt", ["generic", "wecom", "dingtalk"])
def test_every_community_notice_carries_no_person_and_no_markup(event_type: str, fmt: str) -> None:
    audience, notice = community_notice_for(event_type, "e-1", NOW, CASES[event_type])  # type: ignore[misc]
    assert audience.community == "XY-WQ-WY"
    target = Target(fmt, "https://hooks.example/x", "s" * 20, community="XY-WQ-WY")
    sent = render(notice, target, NAMES, dispatch_public_url="https://d", now=NOW, community_public_url="https://c")
    body = sent.body.decode()
    for secret in SECRETS:
        assert secret not in body, (event_type, fmt, secret)
    # Stored as is (the delivery row's notice) it holds none either.
    assert not any(s in json.dumps(notice.to_dict(), ensure_ascii=False) for s in SECRETS)
    if fmt != "generic":
        assert "五一社区" in body and "https://c/console/" in body


def test_a_new_need_names_its_kind_skills_and_place_in_chinese() -> None:
    audience, notice = community_notice_for(EventType.NEED_RECORDED, "e-1", NOW, need())  # type: ignore[misc]
    assert (audience.grid, audience.skills) == ("XY-WQ-WY-G03", ("errands",))
    sent = render(notice, Target("wecom", "https://h", ""), NAMES, dispatch_public_url="d", now=NOW)
    text = json.loads(sent.body)["markdown"]["content"]
    assert "【新需求】微心愿" in text and "跑腿代购" in text and "第三网格" in text and "紧急" in text


def test_a_reminder_names_the_claim_by_member_id_only_and_escapes_it() -> None:
    data = need(status="claimed", claim_id="c-1", claimant_kind="member", claimant="m-[x](http://e)")
    reminders = need_reminders(data, NOW, (0.5,), (timedelta(hours=1),))
    assert [r.fire_at for r in reminders] == [NOW + timedelta(days=1), NOW + timedelta(days=2, hours=-1)]
    assert len({r.event_id for r in reminders}) == 2
    notice = Notice(reminders[0].event_id, "need_reminder", NOW, details=reminders[0].need)
    text = json.loads(render(notice, Target("wecom", "https://h", ""), NAMES, dispatch_public_url="d", now=NOW).body)
    content = text["markdown"]["content"]
    assert "认领成员编号：m-［x］（http：//e）" in content and "](http://e)" not in content
    assert not any(s in content for s in SECRETS)


def test_only_a_members_live_claim_is_reminded() -> None:
    assert held_claim(need(status="claimed", claim_id="c", claimant_kind="member", claimant="m-1")) is not None
    assert held_claim(need(status="in_progress", claim_id="c", claimant_kind="member", claimant="m-1")) is not None
    assert held_claim(need(status="claimed", claim_id="c", claimant_kind="unit", claimant="U-1")) is None
    assert held_claim(need(status="done", claim_id="c", claimant_kind="member", claimant="m-1")) is None
    past = need(status="claimed", claim_id="c", claimant_kind="member", claimant="m-1", wanted_by=NOW.isoformat())
    assert need_reminders(past, NOW, (0.5,), (timedelta(minutes=10),)) == []


def test_other_community_events_tell_nobody() -> None:
    assert community_notice_for(EventType.NEED_CLAIMED, "e", NOW, need()) is None
    assert community_notice_for(EventType.NEED_RECORDED, "e", NOW, {**need(), "community": None}) is None
