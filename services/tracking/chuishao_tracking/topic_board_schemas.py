"""The 议事公开栏's answer (`GET /v1/board/topics`): no title, question, decision text or name, by
construction (service_layer/topic_board.py says why)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_tracking.community_schemas import DeliberationFigures

_EXAMPLE = {
    "as_of": "2026-12-01T02:00:00Z",
    "figures_from": "2025-12-01T02:00:00Z",
    "figures_to": "2026-12-01T02:00:00Z",
    "items": [
        {
            "id": "5b0c7a3e-2f1d-4e6a-9b8c-7d6e5f4a3b2c",
            "ref": "YS-5B0C7A",
            "community": "TN-CS-FQXC",
            "community_name": "富强新村社区",
            "community_name_en": "Fuqiang Xincun Community",
            "step": "implement",
            "step_name": "分流落实",
            "step_name_en": "Implementing",
            "set_at": "2026-11-02T01:00:00Z",
            "decided_at": "2026-11-09T07:00:00Z",
            "meetings": {"held": 1, "quorate": 1, "last_at": "2026-11-09T06:00:00Z"},
            "decision": {
                "count": 2,
                "summary": "2026-11-09 议定 2 项决定",
                "summary_en": "2 decisions taken on 2026-11-09",
            },
            "progress": 0.5,
            "actions_done": 1,
            "actions_overdue": 0,
            "actions": [
                {
                    "id": "a1",
                    "status": "done",
                    "result": "done_on_time",
                    "result_name": "按期完成",
                    "result_name_en": "Done on time",
                    "due": "2026-11-20T00:00:00Z",
                    "done_at": "2026-11-18T03:00:00Z",
                },
                {
                    "id": "a2",
                    "status": "open",
                    "result": "in_progress",
                    "result_name": "落实中",
                    "result_name_en": "Under way",
                    "due": "2026-12-20T00:00:00Z",
                    "done_at": None,
                },
            ],
        }
    ],
    "figures": [
        {
            "community": "TN-CS-FQXC",
            "community_name": "富强新村社区",
            "community_name_en": "Fuqiang Xincun Community",
            "meetings_held": 31,
            "meetings_quorate": 30,
            "topics_by_step": {"collect": 2, "topic": 1, "deliberate": 1, "implement": 3, "review": 1, "closed": 24},
            "median_days_topic_to_decision": 6.5,
            "median_days_decision_to_actions_done": 12.0,
            "actions_done_by_due": {"value": 0.8, "numerator": 40, "denominator": 50},
        }
    ],
}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TopicMeetings(_Out):
    held: int
    quorate: int = Field(description="Meetings with all four parties present")
    last_at: str | None = None


class TopicDecision(_Out):
    count: int
    summary: str = Field(description="How many items were decided when — never the decision's own words")
    summary_en: str


class TopicAction(_Out):
    id: str
    status: Literal["open", "done"]
    result: Literal["done_on_time", "done_late", "overdue", "in_progress"] = Field(
        description="From the action's real events (case closed, need confirmed, task done) and its due date"
    )
    result_name: str
    result_name_en: str
    due: str | None = None
    done_at: str | None = None


class BoardTopic(_Out):
    id: str
    ref: str = Field(description="A short public reference (the topic has no public title)")
    community: str
    community_name: str
    community_name_en: str
    step: Literal["topic", "deliberate", "implement", "review", "closed"]
    step_name: str
    step_name_en: str
    set_at: str | None = None
    decided_at: str | None = None
    meetings: TopicMeetings
    decision: TopicDecision
    progress: float = Field(ge=0, le=1, description="Actions done / all actions (0 without actions)")
    actions_done: int
    actions_overdue: int
    actions: list[TopicAction]


class TopicFigures(DeliberationFigures):
    community: str
    community_name: str
    community_name_en: str


class TopicBoardPage(_Out):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    as_of: str
    figures_from: str = Field(description="The figures cover the last 365 days")
    figures_to: str
    items: list[BoardTopic]
    figures: list[TopicFigures] = Field(description="COMMUNITY.md §5's 议事 figures per community")
