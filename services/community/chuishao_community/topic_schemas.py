"""Request and response bodies of the 议事 API (field names as in COMMUNITY.md's Appendix)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chuishao_community.schemas import NeedCreate
from chuishao_shared.vocabulary import Satisfaction

Step = Literal["collect", "topic", "deliberate", "implement", "review", "closed"]
Party = Literal["committee", "party_member", "resident", "stakeholder"]
Text = Field(min_length=1, max_length=2000)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Read(BaseModel):
    model_config = ConfigDict(extra="allow")


class EvidenceIn(_Strict):
    type: Literal["case", "need", "report"]
    id: str = Field(min_length=1, max_length=100)


class PersonIn(_Strict):
    """A directory subject (`person`) or a named resident (`name`), and the party they come for."""

    party: Party
    name: str | None = Field(None, min_length=1, max_length=100)
    person: str | None = Field(None, min_length=1, max_length=200, description="A directory subject")

    @model_validator(mode="after")
    def _someone(self) -> PersonIn:
        if not (self.name or self.person):
            raise ValueError("a person (directory subject) or a name")
        return self


class TopicCreate(_Strict):
    title: str = Field(min_length=1, max_length=200)
    question: str = Text
    community: str = Field(min_length=1, max_length=64)
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=100)


class TopicSet(_Strict):
    question: str = Text
    title: str | None = Field(None, min_length=1, max_length=200)
    evidence: list[EvidenceIn] | None = Field(None, max_length=100)
    participants: list[PersonIn] = Field(default_factory=list, max_length=200)


class OptionIn(_Strict):
    item: str | None = Field(None, max_length=500, description="The agenda item it answers")
    option: str = Field(min_length=1, max_length=500)
    votes: int = Field(0, ge=0, le=100000)


class MeetingCreate(_Strict):
    at: datetime
    place: str = Field(min_length=1, max_length=200)
    agenda: list[str] = Field(min_length=1, max_length=50)
    attendance: list[PersonIn] = Field(default_factory=list, max_length=500)
    options: list[OptionIn] = Field(default_factory=list, max_length=100)


class DecisionCreate(_Strict):
    item: str = Field(min_length=1, max_length=500)
    decision: str = Text
    owner: str = Field(min_length=1, max_length=200)
    owner_person: str | None = Field(None, max_length=200, description="The owner's directory subject, if any")
    due: datetime
    review_at: datetime | None = None
    dissent: str = Field("", max_length=2000)
    meeting: str | None = Field(
        None, max_length=100, description="The meeting it was taken at (default: the latest quorate one)"
    )


class CaseActionIn(_Strict):
    category: str = Field(min_length=1, max_length=64)
    grid: str = Field(min_length=1, max_length=64)
    description: str = Text
    building: str | None = Field(None, max_length=100)


class ActionCreate(_Strict):
    kind: Literal["case", "need", "task"]
    decision: str | None = Field(None, max_length=100, description="The decision it carries out (default: the latest)")
    # a case: category, grid, description (flat, as in the Appendix, or nested under `case`)
    category: str | None = Field(None, min_length=1, max_length=64)
    grid: str | None = Field(None, min_length=1, max_length=64)
    description: str | None = Field(None, min_length=1, max_length=2000)
    building: str | None = Field(None, max_length=100)
    # a need: a need create body
    need: NeedCreate | None = None
    # a task: owner and due
    owner: str | None = Field(None, min_length=1, max_length=200)
    owner_person: str | None = Field(None, max_length=200)
    due: datetime | None = None

    def case_body(self) -> dict[str, Any] | None:
        if self.kind != "case":
            return None
        return {
            "category": self.category,
            "grid": self.grid,
            "description": self.description,
            "building": self.building,
        }

    @model_validator(mode="after")
    def _complete(self) -> ActionCreate:
        if self.kind == "case":
            for name in ("category", "grid", "description"):
                if getattr(self, name) is None:
                    raise ValueError(f"a case action needs `{name}`")
        if self.kind == "need" and self.need is None:
            raise ValueError("a need action needs `need` (a need create body)")
        if self.kind == "task" and (self.owner is None or self.due is None):
            raise ValueError("a task needs `owner` and `due`")
        return self


class ReviewCreate(_Strict):
    result: Literal["resolved", "partly", "not"]
    satisfaction: Satisfaction | None = None
    note: str = Field("", max_length=2000)


class EmptyBody(_Strict):
    pass


class MeetingRead(_Read):
    id: str
    topic_id: str
    step: Step
    at: datetime
    place: str
    agenda: list[str]
    attendance: list[dict[str, Any]]
    options: list[dict[str, Any]]
    present: dict[str, int]
    quorate: bool
    missing: list[Party]


class ActionRead(_Read):
    id: str
    decision_id: str
    kind: Literal["case", "need", "task"]
    status: Literal["open", "done"]
    owner: str
    due: datetime
    overdue: bool
    report_id: str | None = None
    case_id: str | None = None
    need_id: str | None = None
    done_at: datetime | None = None
    done_by: str | None = None


class TopicRead(_Read):
    id: str
    title: str
    question: str
    community: str
    evidence: list[dict[str, Any]]
    origin: str
    step: Step
    progress: float = Field(ge=0, le=1)
    participants: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    actions: list[ActionRead]
    review: dict[str, Any] | None = None
    timeline: list[dict[str, Any]]
    created_at: datetime | None = None
    closed_at: datetime | None = None


class TopicPage(_Read):
    items: list[TopicRead]
    next_cursor: str | None = None
