"""Public timeline notes, written by tracking from the structured facts of each event.

Staff's free text (progress notes, return reasons, whistle reasons, comments) may name a resident or
carry a phone number, so it is never stored or shown; the public reads these generated sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chuishao_shared.events.types import EventType

Names = Callable[[str], str]

GRADES = {"blue": ("蓝色", "blue"), "yellow": ("黄色", "yellow"), "red": ("红色", "red")}
ALERTED = {
    "community_duty_desk": ("社区值班台", "community duty desk"),
    "street_leadership": ("街道领导", "street leadership"),
    "district": ("区（县）督办", "district supervision"),
}
SATISFACTION = {
    "satisfied": ("满意", "satisfied"),
    "basically_satisfied": ("基本满意", "basically satisfied"),
    "unsatisfied": ("不满意", "unsatisfied"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _list(names: list[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(names)


def note(event_type: str, details: Mapping[str, Any], lang: str, department_name: Names) -> str:
    """One sentence for a timeline entry, in Chinese (default) or English."""
    en = lang == "en"
    dept = department_name(details["department"]) if details.get("department") else ("a department" if en else "部门")
    match event_type:
        case EventType.CASE_OPENED:
            if details.get("handled_on_site"):
                return "Handled on the spot by the grid worker" if en else "网格员现场处置（小事现场管）"
            return "Reported by the grid (吹哨); case opened" if en else "网格员吹哨上报，立案"
        case EventType.CASE_TRIAGED:
            if details.get("reason") == "lead_returned":
                return "Returned by the lead department; waiting for a dispatcher" if en else "牵头部门退单，待人工派遣"
            return "No routing rule matched; waiting for a dispatcher" if en else "无匹配规则，待人工派遣"
        case EventType.CASE_DISPATCHED:
            lead = department_name(details["lead"]) if details.get("lead") else dept
            assist = [department_name(d) for d in details.get("assist", [])]
            if en:
                return f"Dispatched to {lead} (lead)" + (f", assisted by {_list(assist, lang)}" if assist else "")
            return f"派遣至{lead}（牵头）" + (f"，协办：{_list(assist, lang)}" if assist else "")
        case EventType.CASE_ACKNOWLEDGED:
            late = details.get("late")
            if en:
                return f"{dept} reported in" + (" after the deadline" if late else " on time")
            return f"{dept}已报到签收" + ("（超时）" if late else "（按时）")
        case EventType.CASE_PROGRESSED:
            if details.get("done"):
                return f"{dept} finished its part" if en else f"{dept}完成协办"
            return f"{dept} reported progress" if en else f"{dept}报告办理进展"
        case EventType.CASE_RESOLVED:
            late = details.get("on_time") is False
            if en:
                return f"Resolved by {dept}" + (" after the deadline" if late else "")
            return f"{dept}办结" + ("（超期）" if late else "") + "，待网格员核查"
        case EventType.CASE_RETURNED:
            following = department_name(details["next_lead"]) if details.get("next_lead") else None
            if en:
                return f"{dept} returned the case" + (f"; passed on to {following}" if following else "")
            return f"{dept}退单" + (f"，转派{following}" if following else "")
        case EventType.CASE_WHISTLED:
            summoned = _list([department_name(d) for d in details.get("departments", [])], lang)
            return f"Whistle blown: {summoned} summoned" if en else f"吹哨：召集{summoned}报到"
        case EventType.CASE_ESCALATED:
            grade = _pick(GRADES.get(details.get("grade", ""), ("", "")), lang)
            alerted = _pick(ALERTED.get(details.get("to", ""), ("上级", "higher level")), lang)
            level = details.get("level", "")
            if en:
                return f"Deadline missed: escalated to level {level} ({grade}), {alerted} alerted"
            return f"超时升级：{grade}督办（{level}级），报{alerted}"
        case EventType.CASE_EXTENDED:
            until = str(details.get("until", ""))[:16].replace("T", " ")
            if details.get("approved"):
                return f"Extension approved until {until} UTC" if en else f"延期获批，新时限 {until}（UTC）"
            if details.get("rejected"):
                return "Extension refused" if en else "延期申请未获批准"
            return f"{dept} asked for an extension" if en else f"{dept}申请延期"
        case EventType.CASE_REOPENED:
            n = details.get("rework_count", "")
            return f"Verification failed: rework #{n}" if en else f"网格员核查未通过，返工（第{n}次）"
        case EventType.CASE_CLOSED:
            resolution = details.get("resolution")
            if resolution == "handled_on_site":
                return "Closed: handled on the spot" if en else "现场处置完毕，结案"
            if resolution == "fixed":
                return "Verified fixed on site; closed" if en else "网格员现场核查通过，结案"
            return "Closed" if en else "结案"
        case EventType.CASE_MERGED:
            if details.get("into"):
                return "Merged into another case about the same matter" if en else "与同一问题的案件合并"
            n = details.get("whistle_count", "")
            return f"Same matter reported again; whistles: {n}" if en else f"同一问题再次吹哨，累计{n}次"
        case EventType.CASE_CANCELLED:
            return "Cancelled as an invalid report" if en else "无效上报，已撤销"
        case EventType.REPORT_FEEDBACK:
            said = _pick(SATISFACTION.get(details.get("satisfaction", ""), ("已回访", "recorded")), lang)
            return f"Resident feedback: {said}" if en else f"群众回访：{said}"
    return event_type
