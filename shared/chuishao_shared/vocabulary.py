"""The words every service shares, spelled out once: case, assignment and report statuses and their
sets, event types, severities, and what "overdue" means (as a pure function and as SQL).

Everything else imports from here; `tests/unit/platform/test_vocabulary.py` fails if a module spells
out a list of statuses again. Standard library only, so pure domain code may import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final, Literal, get_args

# ------------------------------------------------------------------------------------- the case

CaseStatus = Literal[
    "triage",  # no rule matched (or the lead returned it with no next rule): the dispatcher routes it
    "dispatched",
    "acknowledged",  # the lead department reported in (报到)
    "in_progress",
    "resolved",  # waiting for the grid worker's verification (核查)
    "closed",
    "reopened",  # verification found it not fixed: rework (返工)
    "merged",
    "cancelled",
]
CASE_STATUSES: Final[tuple[CaseStatus, ...]] = get_args(CaseStatus)
(TRIAGE, DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED, MERGED, CANCELLED) = CASE_STATUSES

# A finished case never changes again; every other case is live.
FINISHED: Final = frozenset({CLOSED, MERGED, CANCELLED})
LIVE: Final = frozenset(CASE_STATUSES) - FINISHED
# Departments owe work: deadlines run, escalation timers are armed. Only these can be overdue.
AT_WORK: Final = frozenset({DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, REOPENED})
# Still a matter in hand (not yet resolved): it can take duplicate reports, be merged or cancelled.
UNSETTLED: Final = AT_WORK | {TRIAGE}
# A deadline runs: the departments' (at work) or the dispatcher's (triage: route it by its triage deadline).
CLOCKED: Final = AT_WORK | {TRIAGE}

# ------------------------------------------------------------------------------ the assignment

# withdrawn: the case was merged into another or cancelled while the department still had it (随事项撤销).
AssignmentStatus = Literal["pending", "acknowledged", "in_progress", "done", "returned", "withdrawn"]
ASSIGNMENT_STATUSES: Final[tuple[AssignmentStatus, ...]] = get_args(AssignmentStatus)
(PENDING, ASSIGNMENT_ACKNOWLEDGED, ASSIGNMENT_IN_PROGRESS, DONE, RETURNED, WITHDRAWN) = ASSIGNMENT_STATUSES
# The department is (still) expected to work on the case.
ASSIGNMENT_LIVE: Final = frozenset({PENDING, ASSIGNMENT_ACKNOWLEDGED, ASSIGNMENT_IN_PROGRESS})
ASSIGNMENT_FINISHED: Final = frozenset(ASSIGNMENT_STATUSES) - ASSIGNMENT_LIVE
# The department has reported in (报到), now or earlier.
ASSIGNMENT_REPORTED_IN: Final = frozenset({ASSIGNMENT_ACKNOWLEDGED, ASSIGNMENT_IN_PROGRESS, DONE})

AssignmentRole = Literal["lead", "assist"]
ASSIGNMENT_ROLES: Final[tuple[AssignmentRole, ...]] = get_args(AssignmentRole)

# ---------------------------------------------------------------------------------- the report

# As a grid worker sees a report: received → in_case (dispatch opened or joined a case) → closed.
ReportStatus = Literal["received", "in_case", "closed"]
REPORT_STATUSES: Final[tuple[ReportStatus, ...]] = get_args(ReportStatus)
(RECEIVED, IN_CASE, REPORT_CLOSED) = REPORT_STATUSES
REPORT_OPEN: Final = frozenset({RECEIVED, IN_CASE})

Severity = Literal["minor", "major", "emergency"]
SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)

VerificationResult = Literal["fixed", "not_fixed"]
# How a closed case ended: verified fixed on site, or handled on site when it was reported.
FIXED, HANDLED_ON_SITE = "fixed", "handled_on_site"
FIXED_RESOLUTIONS: Final = frozenset({FIXED, HANDLED_ON_SITE})
Satisfaction = Literal["satisfied", "basically_satisfied", "unsatisfied"]
SATISFACTIONS: Final[tuple[Satisfaction, ...]] = get_args(Satisfaction)

# ---------------------------------------------------------------------------------- event types

ReportEventType = Literal["report.received", "report.verified", "report.feedback"]
REPORT_EVENT_TYPES: Final[tuple[ReportEventType, ...]] = get_args(ReportEventType)
CaseEventType = Literal[
    "case.opened",
    "case.triaged",
    "case.dispatched",
    "case.acknowledged",
    "case.progressed",
    "case.resolved",
    "case.returned",
    "case.whistled",
    "case.escalated",
    "case.extended",
    "case.reopened",
    "case.closed",
    "case.merged",
    "case.cancelled",
    "case.handed_to_community",
]
CASE_EVENT_TYPES: Final[tuple[CaseEventType, ...]] = get_args(CaseEventType)
CommunityEventType = Literal[
    "member.registered",
    "member.confirmed",
    "member.paused",
    "member.left",
    "need.recorded",
    "need.claimed",
    "need.claim_confirmed",
    "need.released",
    "need.lapsed",
    "need.started",
    "need.done",
    "need.confirmed",
    "need.expired",
    "need.cancelled",
    "need.whistled",
    "need.case_closed",
    "hours.recorded",
]
COMMUNITY_EVENT_TYPES: Final[tuple[CommunityEventType, ...]] = get_args(CommunityEventType)
EVENT_TYPES: Final = REPORT_EVENT_TYPES + CASE_EVENT_TYPES + COMMUNITY_EVENT_TYPES
# The directory (PRODUCT.md §9), on chuishao.people.v1: subjects, roles and scopes, never personal data.
# No page shows them, so they have no words (and are not in EVENT_TYPES, the words' list).
PersonEventType = Literal["person.changed", "person.deactivated"]
PERSON_EVENT_TYPES: Final[tuple[PersonEventType, ...]] = get_args(PersonEventType)
# Reference data at run time (PRODUCT.md §9): a version approved; no page shows it either.
ReferenceEventType = Literal["reference.changed"]
REFERENCE_EVENT_TYPES: Final[tuple[ReferenceEventType, ...]] = get_args(ReferenceEventType)

# ------------------------------------------------------------------------ the community side
# COMMUNITY.md §2: a member's registration (报到) and a need's life (需求清单, 微心愿).

MemberStatus = Literal["applied", "active", "paused", "left"]
MEMBER_STATUSES: Final[tuple[MemberStatus, ...]] = get_args(MemberStatus)
NeedStatus = Literal["open", "claimed", "in_progress", "done", "confirmed", "expired", "cancelled", "whistled"]
NEED_STATUSES: Final[tuple[NeedStatus, ...]] = get_args(NeedStatus)
# Needs somebody may still act on, and needs whose story is told.
NEED_LIVE: Final = frozenset({"open", "claimed", "in_progress", "done"})
NEED_FINISHED: Final = frozenset({"confirmed", "expired", "cancelled", "whistled"})
# Being fulfilled (the wish wall's 认领中): claimed and not yet confirmed.
NEED_UNDER_WAY: Final = NEED_LIVE - {"open"}
# A claim: waiting for staff (`pending`), confirmed, started, reported done, then finished one way.
ClaimStatus = Literal["pending", "confirmed", "started", "done", "completed", "released", "lapsed", "cancelled"]
CLAIM_STATUSES: Final[tuple[ClaimStatus, ...]] = get_args(ClaimStatus)
CLAIM_OPEN: Final = frozenset({"pending", "confirmed", "started"})
NeedPrivacy = Literal["staff_confirms", "open"]
Urgency = Literal["normal", "urgent"]
HoursSource = Literal["need", "activity", "granted"]

# -------------------------------------------------------------------------------------- overdue
#
# A case is overdue when it is at work and the earliest deadline its departments still owe has
# passed: an acknowledge deadline of a department that has not reported in, or the case's resolve
# deadline (as an approved extension moved it). The escalation level does not enter into it: a level
# once reached stays, but a case whose owed deadlines are all met again is no longer overdue.

OVERDUE_MEANING: Final = (
    "Overdue: the case is at work (dispatched, acknowledged, in_progress or reopened) and the earliest "
    "deadline its departments still owe has passed: the acknowledge deadline of a department that has not "
    "reported in (报到), or the case's resolve deadline (moved by an approved extension); or the case waits "
    "in triage past its triage deadline (the dispatcher's, from the SLA policy). Resolved and finished "
    "cases are never overdue; the escalation level does not count, so a case whose owed deadlines are met "
    "again is no longer overdue."
)


def next_deadline(status: str, owed: Iterable[datetime | None]) -> datetime | None:
    """The earliest of the deadlines still owed, or None when nothing is owed (or the case is not at work)."""
    if status not in CLOCKED:
        return None
    return min((d for d in owed if d is not None), default=None)


def is_overdue(status: str, next_deadline_at: datetime | None, now: datetime) -> bool:
    return status in CLOCKED and next_deadline_at is not None and next_deadline_at < now


# The same rule over a table with `status` and `next_deadline_at` columns; bind `overdue_params(now)`.
OVERDUE_SQL: Final = "(status = ANY(:overdue_statuses) AND next_deadline_at < :overdue_now)"
NOT_OVERDUE_SQL: Final = f"NOT coalesce({OVERDUE_SQL}, false)"


def overdue_params(now: datetime) -> dict[str, Any]:
    return {"overdue_statuses": sorted(CLOCKED), "overdue_now": now}


# ------------------------------------------------------------------------ the words on every screen
#
# One Chinese and one English word per state, used by every page: the board renders them in Jinja, the
# app and the console read them from `GET /v1/vocabulary` (`page_vocabulary()` below) through the shared
# page module (`chuishao_shared/static/chuishao.js`). A status's tone is the colour family every page
# shows it in (each page's style sheet gives the tone its shade); `COLOURS` is the reference shade.

Words = tuple[str, str]  # (Chinese, English)

CASE_STATUS_WORDS: Final[dict[str, Words]] = {
    TRIAGE: ("待派遣", "Awaiting dispatch"),
    DISPATCHED: ("已派遣", "Dispatched"),
    ACKNOWLEDGED: ("已签收", "Acknowledged"),
    IN_PROGRESS: ("处理中", "In progress"),
    RESOLVED: ("已办结", "Resolved"),
    CLOSED: ("已结案", "Closed"),
    REOPENED: ("返工", "Reopened"),
    MERGED: ("已合并", "Merged"),
    CANCELLED: ("已作废", "Cancelled"),
}
Tone = Literal["yellow", "blue", "green", "red", "grey"]
COLOURS: Final[dict[str, str]] = {
    "yellow": "#f6c344",
    "blue": "#2f80ff",
    "green": "#36c37a",
    "red": "#ff4d4f",
    "grey": "#8ea4c2",
}
# Waiting for someone to take it: yellow; departments at work: blue; done: green; rework: red; gone: grey.
CASE_STATUS_TONES: Final[dict[str, Tone]] = {
    TRIAGE: "yellow",
    DISPATCHED: "yellow",
    ACKNOWLEDGED: "blue",
    IN_PROGRESS: "blue",
    RESOLVED: "green",
    CLOSED: "green",
    REOPENED: "red",
    MERGED: "grey",
    CANCELLED: "grey",
}
ASSIGNMENT_STATUS_WORDS: Final[dict[str, Words]] = {
    PENDING: ("待签收", "To acknowledge"),
    ASSIGNMENT_ACKNOWLEDGED: CASE_STATUS_WORDS[ACKNOWLEDGED],
    ASSIGNMENT_IN_PROGRESS: CASE_STATUS_WORDS[IN_PROGRESS],
    DONE: CASE_STATUS_WORDS[RESOLVED],  # the department's part is 办结 (the word 完成 is not used)
    RETURNED: ("已退单", "Returned"),
    WITHDRAWN: ("随事项撤销", "Closed with the case"),
}
ASSIGNMENT_ROLE_WORDS: Final[dict[str, Words]] = {"lead": ("牵头", "Lead"), "assist": ("协办", "Assisting")}
REPORT_STATUS_WORDS: Final[dict[str, Words]] = {
    RECEIVED: ("已受理", "Received"),
    IN_CASE: ("已立案", "In a case"),
    REPORT_CLOSED: CASE_STATUS_WORDS[CLOSED],
}
SEVERITY_WORDS: Final[dict[str, Words]] = {
    "minor": ("一般", "Minor"),
    "major": ("较重", "Major"),
    "emergency": ("紧急", "Emergency"),
}
# Escalation level (0–3) → grade, its words, and who is alerted: a missed deadline escalates the case one
# level — community duty desk, then street leadership, then district (docs/api.md, "Case statuses").
ESCALATION_LEVELS: Final[dict[int, tuple[str, Words, Words]]] = {
    1: ("blue", ("蓝色督办", "Blue alert"), ("社区值班", "Community duty desk")),
    2: ("yellow", ("黄色督办", "Yellow alert"), ("街道领导", "Street leadership")),
    3: ("red", ("红色督办", "Red alert"), ("区级督办", "District")),
}
ESCALATION_GRADE_WORDS: Final[dict[str, Words]] = {grade: words for grade, words, _ in ESCALATION_LEVELS.values()}
EVENT_WORDS: Final[dict[str, Words]] = {
    "report.received": ("上报", "Reported"),
    "report.verified": ("核查", "Verified"),
    "report.feedback": ("回访", "Resident feedback"),
    "case.opened": ("立案", "Opened"),
    "case.triaged": ("转人工派遣", "Sent to triage"),
    "case.dispatched": ("派遣", "Dispatched"),
    "case.acknowledged": ("签收", "Acknowledged"),
    "case.progressed": ("进展", "Progress"),
    "case.resolved": ("办结", "Resolved"),
    "case.returned": ("退单", "Returned"),
    "case.whistled": ("吹哨", "Whistle"),
    "case.escalated": ("督办升级", "Escalated"),
    "case.extended": ("延期", "Extended"),
    "case.reopened": ("返工", "Reopened"),
    "case.closed": ("结案", "Closed"),
    "case.merged": ("合并", "Merged"),
    "case.cancelled": ("作废", "Cancelled"),
    "case.feedback": ("回访", "Resident feedback"),  # a dispatch timeline entry, published as report.feedback
    "case.handed_to_community": ("交社区力量承接", "Handed to the community"),  # 点单响应
    "case.need_linked": ("社区已建需求", "The community's need"),  # a dispatch timeline entry only
    "member.registered": ("报到", "Registered"),
    "member.confirmed": ("报到确认", "Registration confirmed"),
    "member.paused": ("暂停服务", "Paused"),
    "member.left": ("退出", "Left"),
    "need.recorded": ("需求登记", "Need recorded"),
    "need.claimed": ("认领", "Claimed"),
    "need.claim_confirmed": ("认领确认", "Claim confirmed"),
    "need.released": ("放弃认领", "Released"),
    "need.lapsed": ("认领失效", "Claim lapsed"),
    "need.started": ("开始服务", "Started"),
    "need.done": ("服务完成", "Done"),
    "need.confirmed": ("确认办结", "Confirmed"),
    "need.expired": ("过期未认领", "Expired"),
    "need.cancelled": ("需求取消", "Need cancelled"),
    "need.whistled": ("需求吹哨", "Need whistled"),
    "need.case_closed": ("吹哨案件已办结", "Its case ended"),
    "hours.recorded": ("记录时长", "Hours recorded"),
}
# The words around a deadline: "剩余 3时05分" / "超时 12分30秒" / "3h 05m left" / "overdue by 12m 30s".
DEADLINE_WORDS: Final[dict[str, Words]] = {
    "overdue": ("超时", "Overdue"),
    "overdue_by": ("超时", "overdue by"),
    "left": ("剩余", "left"),
    "day": ("天", "d"),
    "hour": ("时", "h"),
    "minute": ("分", "m"),
    "second": ("秒", "s"),
}


# The community side's statuses (COMMUNITY.md §2), one word each in Chinese and English, and a need's tone;
# the member's app (community /app/) names them from here, as the wish wall does.
NEED_STATUS_WORDS: Final[dict[str, Words]] = {
    "open": ("待认领", "Open"),
    "claimed": ("已认领", "Claimed"),
    "in_progress": ("服务中", "In progress"),
    "done": ("待确认", "Done, to confirm"),
    "confirmed": ("已实现", "Fulfilled"),
    "expired": ("已过期", "Expired"),
    "cancelled": ("已取消", "Cancelled"),
    "whistled": ("已吹哨", "Sent to departments"),
}
NEED_STATUS_TONES: Final[dict[str, Tone]] = {
    "open": "yellow",
    "claimed": "blue",
    "in_progress": "blue",
    "done": "blue",
    "confirmed": "green",
    "expired": "grey",
    "cancelled": "grey",
    "whistled": "red",
}
CLAIM_STATUS_WORDS: Final[dict[str, Words]] = {
    "pending": ("待社区确认", "Waiting for staff"),
    "confirmed": ("认领已确认", "Claim confirmed"),
    "started": ("服务中", "In progress"),
    "done": ("待确认", "Done, to confirm"),
    "completed": ("已实现", "Fulfilled"),
    "released": ("已放弃", "Released"),
    "lapsed": ("已失效", "Lapsed"),
    "cancelled": ("已取消", "Cancelled"),
}
MEMBER_STATUS_WORDS: Final[dict[str, Words]] = {
    "applied": ("待社区确认", "Applied, awaiting confirmation"),
    "active": ("已报到", "Active"),
    "paused": ("暂停服务", "Paused"),
    "left": ("已退出", "Left"),
}
HOURS_SOURCE_WORDS: Final[dict[str, Words]] = {
    "need": ("需求服务", "Need"),
    "activity": ("志愿活动", "Activity"),
    "granted": ("组织者核定", "Granted by the organiser"),
}


def word(table: dict[str, Words], key: str | None, lang: str) -> str:
    """The word for `key` in `lang` ("en", else Chinese); an unknown key is shown as itself."""
    if key is None or key not in table:
        return key or ""
    return table[key][1 if lang == "en" else 0]


def countdown(seconds: float, lang: str) -> str:
    """ "剩余 3时05分" / "超时 12分30秒"; the shared page script (`Chuishao.countdown`) formats the same way."""
    w = {key: word(DEADLINE_WORDS, key, lang) for key in DEADLINE_WORDS}
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


def _entries(table: dict[str, Words]) -> list[dict[str, Any]]:
    return [{"code": code, "zh": zh, "en": en} for code, (zh, en) in table.items()]


def page_vocabulary() -> dict[str, Any]:
    """Everything the pages need to name and colour a case, as `GET /v1/vocabulary` serves it."""
    return {
        "case_statuses": [
            {
                "code": code,
                "zh": zh,
                "en": en,
                "tone": CASE_STATUS_TONES[code],
                "colour": COLOURS[CASE_STATUS_TONES[code]],
                "live": code in LIVE,
                "open": code in UNSETTLED,
                "at_work": code in AT_WORK,
            }
            for code, (zh, en) in CASE_STATUS_WORDS.items()
        ],
        "assignment_statuses": [
            {**entry, "live": entry["code"] in ASSIGNMENT_LIVE} for entry in _entries(ASSIGNMENT_STATUS_WORDS)
        ],
        "assignment_roles": _entries(ASSIGNMENT_ROLE_WORDS),
        "report_statuses": [{**entry, "open": entry["code"] in REPORT_OPEN} for entry in _entries(REPORT_STATUS_WORDS)],
        "severities": _entries(SEVERITY_WORDS),
        "escalation_levels": [
            {
                "level": level,
                "grade": grade,
                "zh": zh,
                "en": en,
                "colour": COLOURS[grade],
                "alerted_zh": who_zh,
                "alerted_en": who_en,
            }
            for level, (grade, (zh, en), (who_zh, who_en)) in ESCALATION_LEVELS.items()
        ],
        "event_types": _entries(EVENT_WORDS),
        "deadline_words": _entries(DEADLINE_WORDS),
        "overdue": {"statuses": sorted(CLOCKED), "meaning": OVERDUE_MEANING},
    }
