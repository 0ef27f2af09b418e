"""The board page's words, Chinese first (the default) and English."""

from __future__ import annotations

LANGS = ("zh", "en")

_TEXT: dict[str, tuple[str, str]] = {
    "title": ("督办墙", "Supervision Board"),
    "subtitle": ("社区吹哨 · 部门报到", "The community blows the whistle, the departments report in"),
    "open_cases": ("在办事项", "Open cases"),
    "col_problem": ("问题", "Problem"),
    "col_place": ("社区 · 网格", "Community · grid"),
    "col_department": ("责任部门", "Responsible department"),
    "col_status": ("状态", "Status"),
    "col_deadline": ("时限", "Deadline"),
    "col_escalation": ("督办", "Escalation"),
    "col_whistles": ("吹哨", "Whistles"),
    "sum_open": ("在办", "Open"),
    "sum_overdue": ("超时", "Overdue"),
    "sum_red": ("红色督办", "Red alerts"),
    "sum_opened_today": ("今日新增", "New today"),
    "sum_closed_today": ("今日结案", "Closed today"),
    "league": ("部门排行 · 近30天", "Department league · last 30 days"),
    "league_department": ("部门", "Department"),
    "response_rate": ("响应率", "Response"),
    "on_time_resolution_rate": ("按时办结率", "On time"),
    "resolution_rate": ("解决率", "Solved"),
    "satisfaction_rate": ("满意率", "Satisfied"),
    "rework_rate": ("返工率", "Rework"),
    "return_rate": ("退单率", "Returned"),
    "chart": ("近30天趋势", "Last 30 days"),
    "chart_opened": ("新增", "Opened"),
    "chart_resolved": ("办结", "Resolved"),
    "chart_closed": ("结案", "Closed"),
    "no_cases": ("暂无在办事项", "No open cases"),
    "no_league": ("近30天暂无数据", "No figures in the last 30 days"),
    "live": ("实时", "Live"),
    "offline": ("连接中断，正在重连…", "Offline, reconnecting…"),
    "switch": ("English", "中文"),
    "switch_lang": ("en", "zh"),
    "deadline_ack": ("报到", "Report in"),
    "deadline_resolve": ("办结", "Resolve"),
    "left": ("剩余", "left"),
    "overdue_by": ("超时", "overdue by"),
    "day": ("天", "d"),
    "hour": ("时", "h"),
    "minute": ("分", "m"),
    "second": ("秒", "s"),
    "assisting": ("协办", "assisting"),
    "footer": (
        "口径说明见 docs/statistics.md · 本屏不显示任何个人信息",
        "Definitions: docs/statistics.md · No personal data is shown on this screen",
    ),
}

STATUS = {
    "triage": ("待派遣", "Awaiting dispatch"),
    "dispatched": ("已派遣", "Dispatched"),
    "acknowledged": ("已报到", "Acknowledged"),
    "in_progress": ("办理中", "In progress"),
    "resolved": ("待核查", "Awaiting check"),
    "closed": ("已结案", "Closed"),
    "reopened": ("返工中", "Reworking"),
    "merged": ("已合并", "Merged"),
    "cancelled": ("已撤销", "Cancelled"),
}
GRADE = {"blue": ("蓝色督办", "Blue"), "yellow": ("黄色督办", "Yellow"), "red": ("红色督办", "Red")}
SEVERITY = {"minor": ("一般", "Minor"), "major": ("较大", "Major"), "emergency": ("紧急", "Emergency")}


def pick_lang(raw: str | None) -> str:
    return raw if raw in LANGS else "zh"


def words(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _TEXT.items()}


def label(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if key is None or key not in table:
        return key or ""
    return table[key][1 if lang == "en" else 0]


def countdown(seconds: float, lang: str) -> str:
    """ "剩余 3时05分" / "超时 12分30秒"; the page's script formats the same way every second."""
    w = words(lang)
    total = int(abs(seconds))
    d, h, m, s = total // 86400, total % 86400 // 3600, total % 3600 // 60, total % 60
    sep = " " if lang == "en" else ""
    if d:
        parts = f"{d}{w['day']}{sep}{h}{w['hour']}"
    elif h:
        parts = f"{h}{w['hour']}{sep}{m:02d}{w['minute']}"
    else:
        parts = f"{m}{w['minute']}{sep}{s:02d}{w['second']}"
    if lang == "en":
        return f"{w['overdue_by']} {parts}" if seconds < 0 else f"{parts} {w['left']}"
    return f"{w['overdue_by'] if seconds < 0 else w['left']} {parts}"
