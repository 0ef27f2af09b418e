"""The pure parts of issue 25's remaining items: a robot's pacing settings, the @mention bodies (the mobile
only where each platform needs it), and when a community need's escalation starts or stops."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from chuishao_notify.domain.need_escalation import chain_id, is_need_chain, need_plan
from chuishao_notify.domain.pacing import RobotPacing, is_robot
from chuishao_notify.domain.person_messages import PersonMessage
from chuishao_notify.domain.robot_mentions import dingtalk_mention, mention_body, wecom_mention

MOBILE = "13800138000"
MESSAGE = PersonMessage(
    "请签收：楼道卫生脏乱", ("社区：五阳社区", "类别：@all [点此](http://x)"), "https://c.example/ack/t"
)


def test_the_documented_limit_is_the_default() -> None:
    assert RobotPacing() == RobotPacing(20, 60.0)
    assert RobotPacing().keep_seconds >= 120 and RobotPacing(20, 300).keep_seconds == 600
    assert is_robot("wecom") and is_robot("dingtalk") and not is_robot("generic")


def test_wecom_mentions_by_the_list_only_and_dingtalk_by_at_and_the_text() -> None:
    wecom = wecom_mention(MESSAGE, MOBILE)
    assert wecom["msgtype"] == "text" and wecom["text"]["mentioned_mobile_list"] == [MOBILE]
    assert MOBILE not in wecom["text"]["content"]
    assert wecom["text"]["content"].endswith("一键签收：https://c.example/ack/t")
    ding = dingtalk_mention(MESSAGE, MOBILE)
    assert ding["at"] == {"atMobiles": [MOBILE], "isAtAll": False}
    assert ding["text"]["content"].endswith(f"\n@{MOBILE}") and ding["text"]["content"].count(MOBILE) == 1
    # A value cannot mention everyone or make a link: its @ and brackets are text (full-width).
    for body in (wecom, ding):
        content = body["text"]["content"]
        assert "@all" not in content and "[点此]" not in content and "＠all" in content
    assert json.loads(mention_body("wecom", MESSAGE, MOBILE)) == wecom
    need = PersonMessage("需求即将到期未认领：微心愿", ("社区：五阳社区",), "https://k.example/console/", "查看")
    text = wecom_mention(need, MOBILE)["text"]["content"]
    assert text.startswith("【请跟进】") and text.endswith("去处理：https://k.example/console/")


def test_a_need_is_escalated_before_its_wanted_by_date_while_open_and_stopped_otherwise() -> None:
    now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    lead = timedelta(hours=2)
    later = {"status": "open", "wanted_by": (now + timedelta(hours=5)).isoformat()}
    assert need_plan(later, now, lead).due_at == now + timedelta(hours=3)
    soon = {"status": "open", "wanted_by": (now + timedelta(minutes=30)).isoformat()}
    assert need_plan(soon, now, lead).action == "start" and need_plan(soon, now, lead).due_at == now
    assert need_plan({"status": "open", "wanted_by": (now - timedelta(1)).isoformat()}, now, lead).action == "none"
    assert need_plan({"status": "open", "wanted_by": "not a time"}, now, lead).action == "none"
    assert need_plan({"status": "open", "wanted_by": "2026-12-08T10:00:00"}, now, lead).action == "none"  # no offset
    for claimed in ("claimed", "in_progress", "done", "confirmed"):
        assert need_plan({"status": claimed}, now, lead) == need_plan({"status": "claimed"}, now, lead)
        assert need_plan({"status": claimed}, now, lead).stop_status == "acknowledged"
    for ended in ("expired", "cancelled", "whistled"):
        plan = need_plan({"status": ended}, now, lead)
        assert plan.action == "stop" and plan.stop_status == "stopped"
    assert chain_id("n-1") == "need:n-1" and is_need_chain("need:n-1") and not is_need_chain("3f2a-…")
