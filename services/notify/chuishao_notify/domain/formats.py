"""The exact bytes sent to a receiver, per format:

- `generic`: JSON (event id, type, the case as the department sees it, the console link) with the
  headers `Chuishao-Event-Id`, `Chuishao-Event-Type` and `Chuishao-Signature`;
- `wecom`: the WeChat Work group robot's `{"msgtype": "markdown", "markdown": {"content": …}}`;
- `dingtalk`: the DingTalk robot's `{"msgtype": "markdown", "markdown": {"title": …, "text": …}}`,
  signed with `timestamp` and `sign` on the URL.
Rendered at send time, so every attempt carries a fresh timestamp and signature."""

from __future__ import annotations

import json
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
}
SEVERITY = {"minor": "一般", "major": "较大", "emergency": "紧急"}
GRADE = {"blue": "蓝色", "yellow": "黄色", "red": "红色"}
LEVEL_DESK = {1: "社区值班台", 2: "街道", 3: "区县"}
REASON = {"acknowledge_overdue": "签收超时", "resolve_overdue": "办结超时"}
DEADLINE_KIND = {"acknowledge": "签收", "resolve": "办结"}


@dataclass(frozen=True)
class Names:
    """Chinese names for codes (category, jurisdiction, department); a code without a name shows as is."""

    categories: dict[str, str] = field(default_factory=dict)
    jurisdictions: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)

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
        desk = names.place(d.get("jurisdiction")) or LEVEL_DESK.get(level, "")
        lines = [
            f"- 升级：第{level}级（{GRADE.get(d.get('grade', ''), '')}）→ {desk}",
            f"- 原因：{REASON.get(d.get('reason', ''), d.get('reason', ''))}",
        ]
        if d.get("department"):
            lines.append(f"- 超时部门：{names.department(d['department'])}")
        return lines
    if notice.kind == "returned":
        lines = [f"- 退单部门：{names.department(d.get('department'))}", f"- 退单理由：{d.get('reason', '')}"]
        if d.get("next_lead"):
            lines.append(f"- 已转派：{names.department(d['next_lead'])}")
        else:
            lines.append("- 请派遣员重新派单")
        return lines
    if notice.kind == "whistled":
        return [f"- 吹哨事由：{d.get('reason', '')}"]
    if notice.kind == "reopened":
        return [f"- 核查未通过，第{d.get('rework_count', '')}次返工"]
    if notice.kind == "test":
        return ["- 这是一条测试消息，收到即表示配置正确。"]
    return []


def markdown(notice: Notice, target: Target, names: Names, dispatch_public_url: str) -> tuple[str, str]:
    """(title, markdown text) shared by both robots."""
    case = notice.case
    category = names.category(case.get("category")) or "案件"
    title = f"【{TITLES.get(notice.kind, notice.kind)}】{category if case else '吹哨平台'}"
    lines = [f"### {title}"]
    if case:
        place = case.get("place") or {}
        where = " · ".join(p for p in (names.place(case.get("community")), names.place(case.get("grid"))) if p)
        lines.append(f"**{where}**")
        address = " ".join(str(place[k]) for k in ("address", "building", "unit") if place.get(k))
        if address:
            lines.append(f"> {address}")
        own = _own_assignment(case, target.department)
        if target.department:
            role = "牵头" if own and own.get("role") == "lead" else "协办"
            lines.append(f"- 部门：{names.department(target.department)}（{role}）")
        if own and own.get("status") == "pending":
            lines.append(f"- 签收时限：{_local(own.get('ack_due_at'))}")
        lines.append(f"- 办结时限：{_local(case.get('resolve_due_at'))}")
        lines.append(f"- 紧急程度：{SEVERITY.get(case.get('severity', ''), case.get('severity', ''))}")
    lines += _detail_lines(notice, names)
    if case:
        lines.append(f"\n[在控制台查看案件]({console_link(dispatch_public_url, case.get('id'))})")
    text = "\n".join(lines)
    while len(text.encode()) > WECOM_MAX_BYTES:  # never for real cases; guards a runaway reason text
        text = text[: len(text) * 3 // 4]
    return title, text


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def render(notice: Notice, target: Target, names: Names, *, dispatch_public_url: str, now: datetime) -> OutgoingRequest:
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Chuishao-Notify/1.0"}
    if target.format == "generic":
        body = _json(generic_body(notice, target, names, dispatch_public_url))
        headers |= {
            "Chuishao-Event-Id": notice.event_id,
            "Chuishao-Event-Type": notice.wire_type,
            SIGNATURE_HEADER: generic_signature(target.secret, int(now.timestamp()), body),
        }
        return OutgoingRequest(target.url, headers, body)
    title, text = markdown(notice, target, names, dispatch_public_url)
    if target.format == "wecom":
        return OutgoingRequest(target.url, headers, _json({"msgtype": "markdown", "markdown": {"content": text}}))
    if target.format == "dingtalk":
        url = dingtalk_url(target.url, target.secret, int(now.timestamp() * 1000)) if target.secret else target.url
        return OutgoingRequest(url, headers, _json({"msgtype": "markdown", "markdown": {"title": title, "text": text}}))
    raise ValueError(f"unknown format {target.format!r}")
