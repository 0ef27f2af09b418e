"""The exact bytes sent to a receiver, per format:

- `generic`: JSON (event id, type, the case as the department sees it, the console link) with the
  headers `Chuishao-Event-Id`, `Chuishao-Event-Type` and `Chuishao-Signature`;
- `wecom`: the WeChat Work group robot's `{"msgtype": "markdown", "markdown": {"content": …}}`;
- `dingtalk`: the DingTalk robot's `{"msgtype": "markdown", "markdown": {"title": …, "text": …}}`,
  signed with `timestamp` and `sign` on the URL.
Rendered at send time, so every attempt carries a fresh timestamp and signature.

Everything in the robots' markdown that did not come from this module (an address, a building, a
reason, even the names of categories, places and departments) goes through `md_text` first: it
cannot make a link, an image, a tag (`<font>`, a `<@userid>` mention), an `@all`, a heading, emphasis,
code or a new block; it stays readable Chinese (the markup characters become their full-width forms)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chuishao_notify.domain.notices import Notice
from chuishao_notify.domain.signing import SIGNATURE_HEADER, dingtalk_url, generic_signature

FORMATS = ("generic", "wecom", "dingtalk")
WECOM_MAX_BYTES = 4096  # the robot refuses longer markdown content
LOCAL = ZoneInfo("Asia/Shanghai")

TITLES = {
    "dispatched": "派单",
    "whistled": "吹哨报到",
    "reminder": "催办",
    "escalated": "升级督办",
    "returned": "退单",
    "reopened": "返工",
    "test": "测试消息",
    "need_recorded": "新需求",
    "need_reminder": "认领提醒",
    "need_expired": "需求到期未认领",
    "action_overdue": "议事任务逾期",
    "topic_moved": "议题进展",
}
COMMUNITY_NOTICE_KINDS = frozenset({"need_recorded", "need_reminder", "need_expired", "action_overdue", "topic_moved"})
URGENCY = {"normal": "一般", "urgent": "紧急"}
STEP = {
    "collect": "收集问题",
    "topic": "确定议题",
    "deliberate": "协商议事",
    "implement": "分流落实",
    "review": "监督评审",
    "closed": "已办结",
}
ACTION_KIND = {"case": "吹哨报事", "need": "社区需求", "task": "自治任务"}
SEVERITY = {"minor": "一般", "major": "较大", "emergency": "紧急"}
GRADE = {"blue": "蓝色", "yellow": "黄色", "red": "红色"}
LEVEL_DESK = {1: "社区值班台", 2: "街道", 3: "区县"}
REASON = {"acknowledge_overdue": "签收超时", "resolve_overdue": "办结超时", "triage_overdue": "分派超时"}
DEADLINE_KIND = {"acknowledge": "签收", "resolve": "办结"}
MAX_FIELD_CHARS = 300  # one value of a message (an address, a reason): the robot's limit is for all of it

# Markdown and HTML markup → the full-width character a Chinese reader reads the same way. Both robots'
# renderers differ in which backslash escapes they honour, so nothing relies on one.
_FULL_WIDTH = str.maketrans(
    {
        "[": "［",
        "]": "］",
        "(": "（",
        ")": "）",
        "<": "＜",
        ">": "＞",
        "*": "＊",
        "_": "＿",
        "`": "｀",
        "~": "～",
        "#": "＃",
        "@": "＠",
        "&": "＆",
        "\\": "＼",
        "|": "｜",
        "!": "！",
    }
)
# Characters that end a line or a paragraph for some renderer, and the other controls and invisible
# format characters (bidi overrides, zero-width joiners) that could hide what follows.
_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")
# A line that starts like a list item, a setext underline or a numbered item (only at the value's start:
# a value never starts a line of its own, but an address follows a quote's `> `).
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_BLOCK_FULL_WIDTH = str.maketrans({"-": "－", "+": "＋", "=": "＝", ".": "．", ")": "）"})
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)")
_WWW = re.compile(r"(?i)\bwww\.")


def md_text(value: object, limit: int = MAX_FIELD_CHARS) -> str:
    """`value` as plain text inside the robots' markdown: one line, no markup, at most `limit` characters."""
    text = _BREAKS.sub(" ", str(value))
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c in "\t")
    text = text.replace("\t", " ").strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.translate(_FULL_WIDTH)
    # A bare address is made a link by the clients: `http://` → `http：//`, `www.` → `www．`.
    text = _WWW.sub("www．", _SCHEME.sub(r"\1：", text))
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2).translate(_BLOCK_FULL_WIDTH), text)


@dataclass(frozen=True)
class Names:
    """Chinese names for codes (category, jurisdiction, department); a code without a name shows as is."""

    categories: dict[str, str] = field(default_factory=dict)
    jurisdictions: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    skills: dict[str, str] = field(default_factory=dict)
    need_kinds: dict[str, str] = field(default_factory=dict)

    def skill(self, code: str | None) -> str:
        return self.skills.get(code or "", code or "")

    def need_kind(self, code: str | None) -> str:
        return self.need_kinds.get(code or "", code or "")

    def category(self, code: str | None) -> str:
        return self.categories.get(code or "", code or "")

    def place(self, code: str | None) -> str:
        return self.jurisdictions.get(code or "", code or "")

    def department(self, code: str | None) -> str:
        return self.departments.get(code or "", code or "")


@dataclass(frozen=True)
class Target:
    """The subscription as the renderer needs it."""

    format: str
    url: str
    secret: str
    department: str | None = None
    jurisdiction: str | None = None
    community: str | None = None


@dataclass(frozen=True)
class OutgoingRequest:
    url: str
    headers: dict[str, str]
    body: bytes


def console_link(dispatch_public_url: str, case_id: str | None) -> str:
    base = dispatch_public_url.rstrip("/")
    return f"{base}/console/#/case/{case_id}" if case_id else f"{base}/console/"


def _local(value: Any) -> str:
    if not value:
        return "—"
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return when.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")


def _own_assignment(case: dict[str, Any], department: str | None) -> dict[str, Any] | None:
    return next((a for a in case.get("assignments", []) if a.get("department") == department), None)


def case_view(notice: Notice, target: Target, names: Names) -> dict[str, Any]:
    """The case as the receiving department (or duty desk) sees it: no personal data ever travels
    on case events, so none can end up here."""
    case = notice.case
    if not case:
        return {}
    own = _own_assignment(case, target.department)
    return {
        "id": case.get("id"),
        # The short number the resident was given (五阳-1205-0012): a community, a day, a count.
        "number": case.get("number"),
        "status": case.get("status"),
        "category": case.get("category"),
        "category_name": names.category(case.get("category")),
        "severity": case.get("severity"),
        "grid": case.get("grid"),
        "grid_name": names.place(case.get("grid")),
        "community": case.get("community"),
        "community_name": names.place(case.get("community")),
        "place": case.get("place") or {},
        "escalation_level": case.get("escalation_level"),
        "whistle_count": case.get("whistle_count"),
        "report_ids": case.get("report_ids", []),
        "opened_at": case.get("opened_at"),
        "resolve_due_at": case.get("resolve_due_at"),
        "your_assignment": own,
        "assignments": case.get("assignments", []),
    }


def community_link(community_public_url: str) -> str:
    return f"{community_public_url.rstrip('/')}/console/"


def community_generic_body(notice: Notice, target: Target, names: Names, community_public_url: str) -> dict[str, Any]:
    """A community notice as JSON: the whitelisted codes, ids and times of the event (no person), with
    the Chinese names of the codes beside them."""
    d = notice.details
    named: dict[str, Any] = {"community_name": names.place(d.get("community"))}
    if d.get("grid"):
        named["grid_name"] = names.place(d.get("grid"))
    if d.get("kind") and notice.kind.startswith("need_"):
        named["kind_name"] = names.need_kind(d.get("kind"))
    if d.get("skills"):
        named["skill_names"] = [names.skill(x) for x in d["skills"]]
    return {
        "id": notice.event_id,
        "type": notice.wire_type,
        "occurred_at": notice.occurred_at.isoformat(),
        "community": target.community,
        "details": {**d, **named},
        "console_url": community_link(community_public_url),
    }


def generic_body(notice: Notice, target: Target, names: Names, dispatch_public_url: str) -> dict[str, Any]:
    return {
        "id": notice.event_id,
        "type": notice.wire_type,
        "occurred_at": notice.occurred_at.isoformat(),
        "department": target.department,
        "jurisdiction": target.jurisdiction,
        "case": case_view(notice, target, names),
        "details": notice.details,
        "console_url": console_link(dispatch_public_url, notice.case.get("id")),
    }


def _detail_lines(notice: Notice, names: Names) -> list[str]:
    d = notice.details
    if notice.kind == "reminder":
        return [f"- 催办：请在 **{_local(d.get('due_at'))}** 前{DEADLINE_KIND.get(d.get('deadline', ''), '')}"]
    if notice.kind == "escalated":
        level = int(d.get("level") or 0)
        desk = md_text(names.place(d.get("jurisdiction")) or LEVEL_DESK.get(level, ""))
        lines = [
            f"- 升级：第{level}级（{GRADE.get(d.get('grade', ''), '')}）→ {desk}",
            f"- 原因：{md_text(REASON.get(d.get('reason', ''), d.get('reason', '')))}",
        ]
        if d.get("department"):
            lines.append(f"- 超时部门：{md_text(names.department(d['department']))}")
        return lines
    if notice.kind == "returned":
        lines = [
            f"- 退单部门：{md_text(names.department(d.get('department')))}",
            f"- 退单理由：{md_text(d.get('reason', ''))}",
        ]
        if d.get("next_lead"):
            lines.append(f"- 已转派：{md_text(names.department(d['next_lead']))}")
        else:
            lines.append("- 请派遣员重新派单")
        return lines
    if notice.kind == "whistled":
        return [f"- 吹哨事由：{md_text(d.get('reason', ''))}"]
    if notice.kind == "reopened":
        return [f"- 核查未通过，第{md_text(d.get('rework_count', ''))}次返工"]
    if notice.kind == "test":
        return ["- 这是一条测试消息，收到即表示配置正确。"]
    return []


def _community_lines(notice: Notice, names: Names) -> tuple[str, list[str]]:
    """(the title's subject, the lines) of a community notice; every value escaped, no person in any."""
    d = notice.details
    where = " · ".join(md_text(p) for p in (names.place(d.get("community")), names.place(d.get("grid"))) if p)
    lines = [f"**{where}**"] if where else []
    if notice.kind.startswith("need_"):
        subject = md_text(names.need_kind(d.get("kind")) or "社区需求")
        skills = "、".join(md_text(names.skill(x), 40) for x in d.get("skills", [])[:12])
        if skills:
            lines.append(f"- 所需技能：{skills}")
        lines.append(f"- 紧急程度：{md_text(URGENCY.get(d.get('urgency', ''), d.get('urgency', '')))}")
        lines.append(f"- 期望完成：{_local(d.get('wanted_by'))}")
        if notice.kind == "need_recorded":
            lines.append(f"- 需要人数：{md_text(d.get('helpers', 1), 8)}")
            lines.append("- 有空的志愿者请在手机上认领")
        elif notice.kind == "need_reminder":
            lines.append(f"- 认领成员编号：{md_text(d.get('claimant', ''), 64)}")
            lines.append(f"- 提醒：请在 **{_local(d.get('wanted_by'))}** 前完成并提交")
        else:
            lines.append("- 到期仍无人认领，请社区工作人员跟进（重新发布、联系共建单位或取消）")
        return subject, lines
    if notice.kind == "action_overdue":
        lines.append(f"- 议题编号：{md_text(d.get('topic_id', ''), 64)}")
        lines.append(f"- 任务类型：{md_text(ACTION_KIND.get(d.get('kind', ''), d.get('kind', '')))}")
        lines.append(f"- 应完成：{_local(d.get('due'))}（已逾期）")
        if d.get("owner_person"):
            lines.append(f"- 负责人（账号）：{md_text(d['owner_person'], 64)}")
        return "议事落实", lines
    step = md_text(STEP.get(d.get("to_step", ""), d.get("to_step", "")))
    lines.append(f"- 议题编号：{md_text(d.get('topic_id', ''), 64)}")
    lines.append(f"- 进展：{md_text(STEP.get(d.get('from_step', ''), d.get('from_step', '')))} → **{step}**")
    try:
        lines.append(f"- 落实进度：{round(float(d.get('progress') or 0) * 100)}%")
    except (TypeError, ValueError):
        pass
    return "四方五步议事", lines


def community_markdown(notice: Notice, names: Names, community_public_url: str) -> tuple[str, str]:
    subject, lines = _community_lines(notice, names)
    title = f"【{TITLES.get(notice.kind, notice.kind)}】{subject}"
    text = "\n".join([f"### {title}", *lines, f"\n[在社区工作台查看]({community_link(community_public_url)})"])
    while len(text.encode()) > WECOM_MAX_BYTES:
        text = text[: len(text) * 3 // 4]
    return title, text


def markdown(notice: Notice, target: Target, names: Names, dispatch_public_url: str) -> tuple[str, str]:
    """(title, markdown text) shared by both robots."""
    case = notice.case
    category = md_text(names.category(case.get("category")) or "案件")
    title = f"【{TITLES.get(notice.kind, notice.kind)}】{category if case else '吹哨平台'}"
    lines = [f"### {title}"]
    if case:
        place = case.get("place") or {}
        where = " · ".join(md_text(p) for p in (names.place(case.get("community")), names.place(case.get("grid"))) if p)
        lines.append(f"**{where}**")
        if case.get("number"):  # what the resident and the grid worker call it (issue 27 item 3)
            lines.append(f"- 编号：{md_text(case['number'])}")
        address = " ".join(md_text(place[k]) for k in ("address", "building", "unit") if place.get(k))
        if address:
            lines.append(f"> {address}")
        own = _own_assignment(case, target.department)
        if target.department:
            role = "牵头" if own and own.get("role") == "lead" else "协办"
            lines.append(f"- 部门：{md_text(names.department(target.department))}（{role}）")
        if own and own.get("status") == "pending":
            lines.append(f"- 签收时限：{_local(own.get('ack_due_at'))}")
        lines.append(f"- 办结时限：{_local(case.get('resolve_due_at'))}")
        lines.append(f"- 紧急程度：{md_text(SEVERITY.get(case.get('severity', ''), case.get('severity', '')))}")
    lines += _detail_lines(notice, names)
    if case:
        lines.append(f"\n[在控制台查看案件]({console_link(dispatch_public_url, case.get('id'))})")
    text = "\n".join(lines)
    while len(text.encode()) > WECOM_MAX_BYTES:  # never for real cases; guards a runaway reason text
        text = text[: len(text) * 3 // 4]
    return title, text


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def render(
    notice: Notice,
    target: Target,
    names: Names,
    *,
    dispatch_public_url: str,
    now: datetime,
    community_public_url: str = "http://127.0.0.1:8005",
) -> OutgoingRequest:
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Chuishao-Notify/1.0"}
    community = notice.kind in COMMUNITY_NOTICE_KINDS
    if target.format == "generic":
        body = _json(
            community_generic_body(notice, target, names, community_public_url)
            if community
            else generic_body(notice, target, names, dispatch_public_url)
        )
        headers |= {
            "Chuishao-Event-Id": notice.event_id,
            "Chuishao-Event-Type": notice.wire_type,
            SIGNATURE_HEADER: generic_signature(target.secret, int(now.timestamp()), body),
        }
        return OutgoingRequest(target.url, headers, body)
    title, text = (
        community_markdown(notice, names, community_public_url)
        if community
        else markdown(notice, target, names, dispatch_public_url)
    )
    if target.format == "wecom":
        return OutgoingRequest(target.url, headers, _json({"msgtype": "markdown", "markdown": {"content": text}}))
    if target.format == "dingtalk":
        url = dingtalk_url(target.url, target.secret, int(now.timestamp() * 1000)) if target.secret else target.url
        return OutgoingRequest(url, headers, _json({"msgtype": "markdown", "markdown": {"title": title, "text": text}}))
    raise ValueError(f"unknown format {target.format!r}")
