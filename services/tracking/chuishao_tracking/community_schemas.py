"""Response schemas of the community side's public API: the wish wall and the community figures."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.vocabulary import NeedStatus, Urgency


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


_NEED = {
    "id": "6c1e2f7a-1b2c-4d5e-8f90-0a1b2c3d4e5f",
    "kind": "elderly_disabled",
    "kind_name": "助老助残",
    "kind_name_en": "Help for the elderly and disabled",
    "title": "助老助残 · 五阳社区第三网格（朝阳小区）",
    "title_en": "Help for the elderly and disabled · Wuyang Grid 3 (Chaoyang Estate)",
    "status": "claimed",
    "urgency": "urgent",
    "grid": "XY-WQ-WY-G03",
    "grid_name": "五阳社区第三网格（朝阳小区）",
    "grid_name_en": "Wuyang Grid 3 (Chaoyang Estate)",
    "community": "XY-WQ-WY",
    "community_name": "五阳社区",
    "community_name_en": "Wuyang Community",
    "skills": [{"code": "errands", "name": "跑腿代购", "name_en": "Errands and shopping"}],
    "helpers": 1,
    "wanted_by": "2026-12-08T10:00:00Z",
    "claimed": True,
    "fulfilled": False,
    "claimed_by": "member",
    "recorded_at": "2026-12-01T02:00:00Z",
    "claimed_at": "2026-12-01T04:00:00Z",
    "updated_at": "2026-12-01T04:00:00Z",
}
_WALL = {
    "items": [_NEED],
    "next_cursor": "WyIyMDI2LTEyLTAxVDAyOjAwOjAwWiIsICI2YzFlIl0",
    "communities": [
        {
            "community": "XY-WQ-WY",
            "community_name": "五阳社区",
            "community_name_en": "Wuyang Community",
            "total": 12,
            "open": 3,
            "claimed": 4,
            "fulfilled": 5,
            "claimed_total": 9,
        }
    ],
}
_RATE = {"value": 0.25, "numerator": 1, "denominator": 4}
_FIGURES = {
    "from": "2026-11-01T00:00:00Z",
    "to": "2026-12-01T00:00:00Z",
    "as_of": "2026-12-01T08:00:00Z",
    "timezone": "Asia/Shanghai",
    "hours_target": {"yearly": 50.0, "due_by_period_end": 45.8, "year_share": 0.9151},
    "items": [
        {
            "community": "XY-WQ-WY",
            "community_name": "五阳社区",
            "community_name_en": "Wuyang Community",
            "needs": {
                "recorded": 12,
                "claimed": 9,
                "confirmed": 5,
                "expired": 1,
                "whistled": 0,
                "cancelled": 0,
                "median_seconds_to_claim": 10800.0,
                "median_seconds_to_confirm": 172800.0,
                "claims": 11,
                "release_rate": {"value": 0.0909, "numerator": 1, "denominator": 11},
                "no_show_rate": {"value": 0.0909, "numerator": 1, "denominator": 11},
                "satisfaction_rate": {"value": 1.0, "numerator": 5, "denominator": 5},
            },
            "hours": {
                "total": 14.5,
                "entries": 6,
                "by_source": {"need": 14.5, "activity": 0.0, "granted": 0.0},
                "by_team": [
                    {
                        "team": "team-7f1d",
                        "kind": "red_vest",
                        "kind_name": "红马甲",
                        "kind_name_en": "Red vests",
                        "hours": 9.5,
                        "members": 4,
                    }
                ],
            },
            "orders": {
                "posted": 2,
                "asks": 4,
                "response_rate": {"value": 0.75, "numerator": 3, "denominator": 4},
                "units": [
                    {
                        "unit": "XY-GDGS",
                        "asks": 2,
                        "answered": 2,
                        "committed": 1,
                        "response_rate": {"value": 1.0, "numerator": 2, "denominator": 2},
                        "median_seconds_to_respond": 5400.0,
                    }
                ],
            },
            "projects": {"active": 3, "done": 1, "people_served": 260},
            "deliberation": {
                "meetings_held": 2,
                "meetings_quorate": 2,
                "topics_by_step": {"collect": 1, "topic": 0, "deliberate": 1, "implement": 2, "review": 0, "closed": 4},
                "median_days_topic_to_decision": 6.5,
                "median_days_decision_to_actions_done": 12.0,
                "actions_done_by_due": {"value": 0.8, "numerator": 4, "denominator": 5},
            },
            "members": {
                "registered": 3,
                "reporting_in": 40,
                "active_share": _RATE,
                "party_members": 32,
                "on_track_share": {"value": 0.5, "numerator": 16, "denominator": 32},
            },
        }
    ],
    "not_yet": [],
}


class SkillName(_Out):
    code: str
    name: str
    name_en: str


class WishWallNeed(_Out):
    id: str
    kind: str = Field(description="The need's kind (a code of GET /v1/need-kinds on community)")
    kind_name: str
    kind_name_en: str
    title: str = Field(
        description="Public text: the kind's words and the grid's name. The resident's own title and "
        "description are never published (they may name a person)"
    )
    title_en: str
    status: NeedStatus
    urgency: Urgency
    grid: str
    grid_name: str
    grid_name_en: str
    community: str
    community_name: str
    community_name_en: str
    skills: list[SkillName]
    helpers: int
    wanted_by: str = Field(description="RFC 3339")
    claimed: bool = Field(description="Claimed by a member or a unit (being fulfilled, or fulfilled)")
    fulfilled: bool = Field(description="Confirmed with the resident (已实现)")
    claimed_by: Literal["member", "unit"] | None = Field(None, description="Who holds the claim, never who")
    recorded_at: str
    claimed_at: str | None = Field(None, description="The first claim")
    fulfilled_at: str | None = None
    updated_at: str


class WishWallCounts(_Out):
    community: str
    community_name: str
    community_name_en: str
    total: int
    open: int = Field(description="待认领: waiting for someone")
    claimed: int = Field(description="认领中: claimed, in progress or reported done")
    fulfilled: int = Field(description="已实现: confirmed with the resident")
    claimed_total: int = Field(description="claimed + fulfilled")


class WishWallPage(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_WALL]})

    items: list[WishWallNeed]
    next_cursor: str | None = None
    communities: list[WishWallCounts] = Field(description="Counts per community under the same filter, status aside")


class Rate(_Out):
    value: float | None = Field(None, description="numerator / denominator in [0, 1]; null when the denominator is 0")
    numerator: int
    denominator: int


class NeedFigures(_Out):
    recorded: int
    claimed: int = Field(description="Needs first claimed in the period")
    confirmed: int
    expired: int
    whistled: int
    cancelled: int
    median_seconds_to_claim: float | None = None
    median_seconds_to_confirm: float | None = None
    claims: int = Field(description="Claims made in the period")
    release_rate: Rate
    no_show_rate: Rate
    satisfaction_rate: Rate


class HoursBySource(_Out):
    need: float
    activity: float
    granted: float


class TeamHours(_Out):
    team: str = Field(description="The team's id (its name is not published)")
    kind: Literal["red_armband", "red_cap", "red_vest", "other"]
    kind_name: str
    kind_name_en: str
    hours: float
    members: int = Field(description="Members with hours in the period")


class HoursFigures(_Out):
    total: float
    entries: int
    by_source: HoursBySource
    by_team: list[TeamHours] = Field(
        default_factory=list,
        description="Per team (志愿服务队): the period's hours of the members it had on each entry's day; an entry "
        "of a member of two teams counts for both",
    )


class MemberFigures(_Out):
    registered: int
    reporting_in: int
    active_share: Rate
    party_members: int
    on_track_share: Rate


class UnitAnswers(_Out):
    unit: str = Field(description="The co-building unit's code")
    asks: int = Field(description="Orders posted in the period that asked this unit")
    answered: int = Field(description="Of those, answered (committing or declining)")
    committed: int
    response_rate: Rate
    median_seconds_to_respond: float | None = None


class OrderFigures(_Out):
    posted: int = Field(description="Community orders (社区点单) posted in the period")
    asks: int = Field(description="(order, unit asked) pairs of those orders")
    response_rate: Rate = Field(description="answered asks / asks")
    units: list[UnitAnswers]


class ProjectFigures(_Out):
    active: int = Field(description="Projects active now (created before the period's end)")
    done: int = Field(description="Projects done in the period")
    people_served: int = Field(description="People served by those active and done projects")


class TopicSteps(_Out):
    collect: int
    topic: int
    deliberate: int
    implement: int
    review: int
    closed: int


class DeliberationFigures(_Out):
    meetings_held: int
    meetings_quorate: int = Field(description="Meetings with all four parties present")
    topics_by_step: TopicSteps = Field(description="Topics collected before the period's end, by their step now")
    median_days_topic_to_decision: float | None = None
    median_days_decision_to_actions_done: float | None = None
    actions_done_by_due: Rate = Field(description="Actions due in the period done by their due date / decided ones")


class CommunityFigures(_Out):
    community: str
    community_name: str
    community_name_en: str
    needs: NeedFigures
    hours: HoursFigures
    members: MemberFigures
    orders: OrderFigures
    projects: ProjectFigures
    deliberation: DeliberationFigures


class HoursTarget(_Out):
    yearly: float
    due_by_period_end: float = Field(description="yearly × year_share")
    year_share: float = Field(description="The share of the local calendar year gone by at the period's end")


class NotYet(_Out):
    figure: str
    note: str


class CommunityFiguresPage(_Out):
    from_: str = Field(alias="from")
    to: str
    as_of: str
    timezone: str
    hours_target: HoursTarget
    items: list[CommunityFigures]
    not_yet: list[NotYet] = Field(description="Figures of COMMUNITY.md §5 published as null, and why")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, json_schema_extra={"examples": [_FIGURES]})
