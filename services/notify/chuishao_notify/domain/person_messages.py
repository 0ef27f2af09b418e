"""What a person told by an escalation step reads (issue 25 item 3): a WeCom application message
(`message/send`, a `textcard` whose button opens the one-tap 签收 page) or a DingTalk work notice
(`topapi/message/corpconversation/asyncsend_v2`, an `action_card` with one button to it).

Only codes' names and ids go in: the category, the community, the department, the severity, the case's
short id, the 签收 deadline and why this person is told. Never a resident's name, phone or address,
the report's description or place, nor a member's phone — the case snapshot is read field by field
here, never dumped, so nothing new in it can leak into a message.

Payloads as documented: WeCom `{"touser", "msgtype": "textcard", "agentid", "textcard": {"title",
"description", "url", "btntxt"}, "enable_duplicate_check", "duplicate_check_interval"}` (title at most
128 bytes, description 512; a resent identical message within the interval is not delivered twice);
DingTalk `{"agent_id", "userid_list", "msg": {"msgtype": "action_card", "action_card": {"title",
"markdown", "single_title", "single_url"}}}` (the whole msg at most 2048 bytes).

Pure: plain values in, plain values out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chuishao_notify.domain.formats import SEVERITY, Names, md_text

LOCAL = ZoneInfo("Asia/Shanghai")
WHY = {"level": "您正在值班", "head": "值班人员未及时签收，请部门负责人督促", "desk": "部门未及时签收，请值班台协调"}
WECOM_TITLE_BYTES, WECOM_DESCRIPTION_BYTES = 128, 512
DUPLICATE_CHECK_SECONDS = 1800


@dataclass(frozen=True)
class PersonMessage:
    title: str
    lines: tuple[str, ...]
    ack_url: str  # the one-tap 签收 link (for a need: the community console)
    button: str = "签收"


def _cut(text: str, limit: int) -> str:
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode(errors="ignore") + "…"


def _local(value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    try:
        return datetime.fromisoformat(value).astimezone(LOCAL).strftime("%m-%d %H:%M")
    except ValueError:
        return ""


def person_message(
    case: dict[str, Any], department: str, step_kind: str, level: int | None, ack_url: str, names: Names
) -> PersonMessage:
    category = names.categories.get(str(case.get("category") or ""), str(case.get("category") or ""))
    community = names.jurisdictions.get(str(case.get("community") or ""), str(case.get("community") or ""))
    dept = names.departments.get(department, department)
    due = next(
        (_local(a.get("ack_due_at")) for a in case.get("assignments") or [] if a.get("department") == department), ""
    )
    why = WHY.get(step_kind, "")
    if step_kind == "level" and level and level > 1:
        why = f"第{level}级值班：前一级未及时签收"
    lines = [
        f"类别：{category}",
        f"社区：{community}",
        f"部门：{dept}",
        f"等级：{SEVERITY.get(str(case.get('severity') or ''), '一般')}",
        f"案件：{case.get('number') or str(case.get('id') or '')[:8]}",
    ]
    if due:
        lines.append(f"签收时限：{due}")
    if why:
        lines.append(why)
    return PersonMessage(f"请签收：{category}", tuple(lines), ack_url)


def wecom_body(message: PersonMessage, user_id: str, agent_id: int) -> dict[str, Any]:
    description = "\n".join(message.lines)
    return {
        "touser": user_id,
        "msgtype": "textcard",
        "agentid": agent_id,
        "textcard": {
            "title": _cut(message.title, WECOM_TITLE_BYTES),
            "description": _cut(description, WECOM_DESCRIPTION_BYTES),
            "url": message.ack_url,
            "btntxt": message.button,
        },
        "enable_duplicate_check": 1,
        "duplicate_check_interval": DUPLICATE_CHECK_SECONDS,
    }


def dingtalk_body(message: PersonMessage, user_id: str, agent_id: int) -> dict[str, Any]:
    markdown = f"### {md_text(message.title)}\n\n" + "\n\n".join(md_text(line) for line in message.lines)
    return {
        "agent_id": agent_id,
        "userid_list": user_id,
        "msg": {
            "msgtype": "action_card",
            "action_card": {
                "title": _cut(message.title, 128),
                "markdown": _cut(markdown, 1500),
                "single_title": message.button,
                "single_url": message.ack_url,
            },
        },
    }


NEED_WHY = {
    "level": "您正在社区值班",
    "head": "值班人员未及时跟进，请负责人督促",
    "desk": "社区未及时跟进，请值班台协调",
}


def need_message(
    need: dict[str, Any], step_kind: str, level: int | None, console_url: str, names: Names
) -> PersonMessage:
    """An open need nearing its wanted-by date with nobody's claim (domain/need_escalation.py): the kind,
    the community and grid, the urgency and the wanted-by time — codes' names and times only, never the
    resident or the need's own text — and a button to the community console."""
    kind = names.need_kind(str(need.get("kind") or "")) or "社区需求"
    why = NEED_WHY.get(step_kind, "")
    if step_kind == "level" and level and level > 1:
        why = f"第{level}级值班：前一级未及时跟进"
    lines = [
        f"社区：{names.place(str(need.get('community') or ''))}",
        f"网格：{names.place(str(need.get('grid') or ''))}",
        f"紧急：{'紧急' if need.get('urgency') == 'urgent' else '一般'}",
        f"期望完成：{_local(need.get('wanted_by'))}",
        "尚无人认领，请联系志愿者或共建单位，或重新发布",
    ]
    if why:
        lines.append(why)
    return PersonMessage(f"需求即将到期未认领：{kind}", tuple(lines), console_url, "查看")
