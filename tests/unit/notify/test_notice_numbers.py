"""Notices carry the case's short number (issue 27 item 3), never personal data: the robots' markdown
(WeCom, DingTalk), the generic webhook's JSON and a person's escalation message."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from chuishao_notify.domain.formats import Names, Target, render
from chuishao_notify.domain.notices import Notice
from chuishao_notify.domain.person_messages import dingtalk_body, person_message, wecom_body

NOW = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
NUMBER = "五阳-1205-0012"
NAMES = Names(
    categories={"ENV-STAIRWELL-DIRTY": "楼道卫生脏乱"},
    jurisdictions={"XY-WQ-WY": "五阳社区", "XY-WQ-WY-G01": "五阳社区第一网格"},
    departments={"XY-WQ-WY-WY": "五阳物业"},
)
PERSONAL = ("张三", "13912345678", "幸福路", "3号楼2单元")


def _case(**overrides: object) -> dict[str, object]:
    case: dict[str, object] = {
        "id": "7c0d3a52-1b7e-4a55-9f00-000000000012",
        "number": NUMBER,
        "report_numbers": ["五阳-1205-0013"],
        "status": "dispatched",
        "category": "ENV-STAIRWELL-DIRTY",
        "grid": "XY-WQ-WY-G01",
        "community": "XY-WQ-WY",
        "severity": "minor",
        "report_ids": ["R-1"],
        "whistle_count": 2,
        "escalation_level": 0,
        "resolve_due_at": (NOW + timedelta(hours=24)).isoformat(),
        "opened_at": NOW.isoformat(),
        "assignments": [
            {"department": "XY-WQ-WY-WY", "role": "lead", "status": "pending", "ack_due_at": NOW.isoformat()}
        ],
        # Nothing like this travels on a case event; were it there, no notice reads it.
        "description": "张三 13912345678 楼道堆物",
        "resident": {"name": "张三", "phone": "13912345678"},
    }
    case.update(overrides)
    return case


def test_robot_markdown_and_the_webhook_carry_the_number_and_nothing_personal() -> None:
    notice = Notice("e-1", "dispatched", NOW, _case(), {"lead": "XY-WQ-WY-WY"})
    for kind, url in (
        ("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"),
        ("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=t"),
        ("generic", "https://hooks.example/in"),
    ):
        target = Target(kind, url, "s3cret", department="XY-WQ-WY-WY")
        body = render(notice, target, NAMES, dispatch_public_url="https://d.example", now=NOW).body.decode()
        text = json.dumps(json.loads(body), ensure_ascii=False)
        assert NUMBER in text, (kind, text)
        assert not [p for p in PERSONAL if p in text], (kind, text)
    wecom = render(
        notice,
        Target("wecom", "https://h/x", "", department="XY-WQ-WY-WY"),
        NAMES,
        dispatch_public_url="https://d",
        now=NOW,
    )
    assert f"- 编号：{NUMBER}" in json.loads(wecom.body)["markdown"]["content"]


def test_a_case_from_before_numbers_still_notifies() -> None:
    notice = Notice("e-2", "dispatched", NOW, _case(number=None, report_numbers=[]), {"lead": "XY-WQ-WY-WY"})
    target = Target("wecom", "https://h/x", "", department="XY-WQ-WY-WY")
    content = json.loads(render(notice, target, NAMES, dispatch_public_url="https://d", now=NOW).body)["markdown"][
        "content"
    ]
    assert "编号" not in content and "楼道卫生脏乱" in content


def test_a_person_message_names_the_case_by_its_number() -> None:
    message = person_message(_case(), "XY-WQ-WY-WY", "level", 1, "https://x.example/ack/t", NAMES)
    assert f"案件：{NUMBER}" in message.lines
    for body in (wecom_body(message, "u", 1), dingtalk_body(message, "u", 1)):
        assert not [p for p in PERSONAL if p in str(body)]
    old = person_message(_case(number=None), "XY-WQ-WY-WY", "level", 1, "https://x.example/ack/t", NAMES)
    assert "案件：7c0d3a52" in old.lines
