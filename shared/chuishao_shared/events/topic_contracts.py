"""议事 (COMMUNITY.md §3) on chuishao.community.v1: topic.*, meeting.*, action.*, all keyed by the topic id
so one topic's history stays in order.

Public-safe by construction, like the other community events: ids, codes, steps, counts and times. No
title, question, decision text, attendee's or owner's name (those may name a resident); the owner's
directory subject (`owner_person`) only, so notify can tell the owner of an overdue action."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.events.types import EventType

TopicStep = Literal["collect", "topic", "deliberate", "implement", "review", "closed"]
Party = Literal["committee", "party_member", "resident", "stakeholder"]


class _TopicEvent(BaseModel):
    model_config = ConfigDict(extra="allow")

    topic_id: str
    community: str
    step: TopicStep = Field(description="The topic's step after the event")
    progress: float = Field(ge=0, le=1, description="Done actions / all actions (0 without actions)")
    at: datetime


class EvidenceRef(BaseModel):
    type: Literal["case", "need", "report"]
    id: str


class TopicCollected(_TopicEvent):
    origin: Literal["staff", "hotspot", "returned_case", "expired_need"]
    evidence: list[EvidenceRef] = Field(default_factory=list)


class TopicSet(_TopicEvent):
    invited: dict[Party, int] = Field(description="Participants invited per party (counts, never names)")
    evidence: list[EvidenceRef] = Field(default_factory=list)


class TopicMoved(_TopicEvent):
    from_step: TopicStep
    to_step: TopicStep


class TopicReviewed(_TopicEvent):
    result: Literal["resolved", "partly", "not"]
    satisfaction: Literal["satisfied", "basically_satisfied", "unsatisfied"] | None = None


class MeetingHeld(_TopicEvent):
    meeting_id: str
    meeting_at: datetime
    quorate: bool = Field(description="Every one of the four parties present")
    missing: list[Party] = Field(default_factory=list)
    present: dict[Party, int] = Field(description="Attendees per party (counts)")
    agenda_items: int
    options: int = 0


class MeetingDecided(_TopicEvent):
    meeting_id: str
    decision_id: str
    due: datetime
    review_at: datetime | None = None
    dissent: bool = Field(False, description="Dissent was noted in the minutes")


class _ActionEvent(_TopicEvent):
    action_id: str
    decision_id: str
    kind: Literal["case", "need", "task"]
    status: Literal["open", "done"]
    due: datetime
    owner_person: str | None = Field(None, description="The owner's directory subject, when the owner is one")
    report_id: str | None = Field(None, description="A case action: intake's report, once filed")
    case_id: str | None = None
    need_id: str | None = Field(None, description="A need action: the need in this service")
    overdue: bool = False
    done_by: Literal["case.closed", "need.confirmed", "owner"] | None = None


class ActionCreated(_ActionEvent):
    pass


class ActionFiled(_ActionEvent):
    pass


class ActionDone(_ActionEvent):
    on_time: bool


class ActionOverdue(_ActionEvent):
    pass


TOPIC_EVENT_MODELS: dict[str, type[BaseModel]] = {
    EventType.TOPIC_COLLECTED: TopicCollected,
    EventType.TOPIC_SET: TopicSet,
    EventType.TOPIC_MOVED: TopicMoved,
    EventType.TOPIC_REVIEWED: TopicReviewed,
    EventType.MEETING_HELD: MeetingHeld,
    EventType.MEETING_DECIDED: MeetingDecided,
    EventType.ACTION_CREATED: ActionCreated,
    EventType.ACTION_FILED: ActionFiled,
    EventType.ACTION_DONE: ActionDone,
    EventType.ACTION_OVERDUE: ActionOverdue,
}
