"""What a person told by an escalation step reads (issue 25 item 3): a WeCom application message
(`message/send`, a `textcard` whose button opens the one-tap 签收 page) or a DingTalk work notice
(`topapi/message/corpconversation/asyncsend_v2`, an `action_card` with one button to it). Where WeCom's
callback is configured, a case's WeCom message is instead a `template_card` (`button_interaction`) whose
签收 button acknowledges in place (`wecom_card_body`; entrypoints/wecom_callback.py).

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

import re
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
    tap: Tap | None = None  # a case's notice: what the template card's 签收 button carries (wecom_card_body)


@dataclass(frozen=True)
class Tap:
    """A template card's 签收 button: the card's `task_id` and the button's `key`, which WeCom sends back as
    `TaskId` and `EventKey` when it is tapped (service_layer/wecom_taps.py)."""

    task_id: str
    key: str


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


# 发送应用消息, template_card of card_type button_interaction: the documented limits.
CARD_SOURCE = "垂哨"
CARD_SOURCE_CHARS, CARD_TITLE_CHARS, CARD_DESC_CHARS = 13, 36, 44
CARD_KEYNAME_CHARS, CARD_VALUE_CHARS, CARD_ROWS = 5, 30, 6
CARD_BUTTON_CHARS, BUTTON_KEY_BYTES, TASK_ID_BYTES = 10, 1024, 128
TASK_ID = re.compile(r"[A-Za-z0-9_\-@]{1,128}")


def _chars(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def wecom_card_body(message: PersonMessage, user_id: str, agent_id: int) -> dict[str, Any]:
    """A WeCom template card with one 签收 button (the callback acknowledges in place) whose face still
    opens the one-tap page. The facts are the textcard's lines ("名：值" as `horizontal_content_list`, at
    most six), the rest (why this person is told) the title's `desc`. ValueError when the tap's task id or
    key breaks the documented limits (they are ids, never the signed link)."""
    tap = message.tap
    if tap is None:
        raise ValueError("a template card needs the notice's task id and button key")
    if not TASK_ID.fullmatch(tap.task_id) or len(tap.task_id.encode()) > TASK_ID_BYTES:
        raise ValueError("task_id: at most 128 bytes of A-Z a-z 0-9 _ - @")
    if not tap.key or len(tap.key.encode()) > BUTTON_KEY_BYTES:
        raise ValueError("button key: 1 to 1024 bytes")
    rows: list[dict[str, str]] = []
    rest: list[str] = []
    for line in message.lines:
        name, sep, value = line.partition("：")
        if sep and value and len(rows) < CARD_ROWS:
            rows.append({"keyname": _chars(name, CARD_KEYNAME_CHARS), "value": _chars(value, CARD_VALUE_CHARS)})
        else:
            rest.append(line)
    main_title = {"title": _chars(message.title, CARD_TITLE_CHARS)}
    if rest:
        main_title["desc"] = _chars("；".join(rest), CARD_DESC_CHARS)
    return {
        "touser": user_id,
        "msgtype": "template_card",
        "agentid": agent_id,
        "template_card": {
            "card_type": "button_interaction",
            "source": {"desc": _chars(CARD_SOURCE, CARD_SOURCE_CHARS), "desc_color": 0},
            "main_title": main_title,
            "horizontal_content_list": rows,
            "card_action": {"type": 1, "url": message.ack_url},
            "task_id": tap.task_id,
            "button_list": [{"text": _chars(message.button, CARD_BUTTON_CHARS), "style": 1, "key": tap.key}],
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
