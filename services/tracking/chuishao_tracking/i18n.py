"""The board page's words, Chinese first (the default) and English; the words of statuses, grades,
severities and the countdown come from the shared vocabulary (the same on every page)."""

from __future__ import annotations

from chuishao_shared import vocabulary

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
    "deadline_triage": ("分派", "Route"),
    "assisting": ("协办", "assisting"),
    "late_by": ("超时未办：", "Late: "),
    "footer": ("本屏不显示任何个人信息", "No personal data is shown on this screen"),
    "definitions": ("数据口径说明", "What the numbers mean"),
    "ref": ("编号", "No."),
    "ref_hint": ("事项编号：可在上方搜索框输入查找", "Case number: type it in the search box to find the case"),
    "search": ("搜索", "Search"),
    "search_hint": ("编号、问题、社区或部门，如：下水 五阳", "Number, problem, community or department"),
    "search_go": ("查找", "Find"),
    "search_reset": ("清除筛选", "Clear"),
    "community": ("社区", "Community"),
    "all_communities": ("全部社区", "All communities"),
    "status_all": ("全部（含近90天已办结）", "All statuses"),
    "status_open": ("在办", "Open"),
    "found": ("查找结果", "Results"),
    "no_match": ("没有符合条件的事项", "No case matches"),
    "more_open": ("另有 %d 项在办，查看全部 →", "%d more open cases: see them all →"),
    "wall_mode": ("墙屏轮播", "Wall display"),
    "first_page": ("← 第一页", "← First page"),
    "next_page": ("下一页 →", "Next page →"),
    "finished_window": ("已办结事项可查近 %d 天", "Finished cases are listed for %d days"),
    "wall_page": ("第 %d / %d 页", "Page %d of %d"),
    "no_data_hint": (
        "无数据：近30天该部门没有可计入此项的事项（分母为0），不是0%",
        "No data: nothing in the last 30 days counts towards this figure (zero denominator); not 0 %",
    ),
    "no_data_legend": (
        "表示近30天无可计入的事项（无数据），不等于0%",
        "means nothing to count in the last 30 days (no data), not 0 %",
    ),
    "back": ("← 返回督办墙", "← Back to the board"),
}

# Statuses, grades and severities say what every page says: the shared vocabulary's words.
STATUS = vocabulary.CASE_STATUS_WORDS
GRADE = vocabulary.ESCALATION_GRADE_WORDS
SEVERITY = vocabulary.SEVERITY_WORDS
countdown = vocabulary.countdown


def pick_lang(raw: str | None) -> str:
    return raw if raw in LANGS else "zh"


def words(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _TEXT.items()}


def label(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    return vocabulary.word(table, key, lang)
