from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.topic_read_step import TopicReadStep
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.action_read import ActionRead
    from ..models.topic_read_decisions_item import TopicReadDecisionsItem
    from ..models.topic_read_evidence_item import TopicReadEvidenceItem
    from ..models.topic_read_meetings_item import TopicReadMeetingsItem
    from ..models.topic_read_participants_item import TopicReadParticipantsItem
    from ..models.topic_read_review_type_0 import TopicReadReviewType0
    from ..models.topic_read_timeline_item import TopicReadTimelineItem


T = TypeVar("T", bound="TopicRead")


@_attrs_define
class TopicRead:
    """
    Attributes:
        actions (list[ActionRead]):
        community (str):
        decisions (list[TopicReadDecisionsItem]):
        evidence (list[TopicReadEvidenceItem]):
        id (str):
        meetings (list[TopicReadMeetingsItem]):
        origin (str):
        participants (list[TopicReadParticipantsItem]):
        progress (float):
        question (str):
        step (TopicReadStep):
        timeline (list[TopicReadTimelineItem]):
        title (str):
        closed_at (datetime.datetime | None | Unset):
        created_at (datetime.datetime | None | Unset):
        review (None | TopicReadReviewType0 | Unset):
    """

    actions: list[ActionRead]
    community: str
    decisions: list[TopicReadDecisionsItem]
    evidence: list[TopicReadEvidenceItem]
    id: str
    meetings: list[TopicReadMeetingsItem]
    origin: str
    participants: list[TopicReadParticipantsItem]
    progress: float
    question: str
    step: TopicReadStep
    timeline: list[TopicReadTimelineItem]
    title: str
    closed_at: datetime.datetime | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    review: None | TopicReadReviewType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.topic_read_review_type_0 import TopicReadReviewType0

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        community = self.community

        decisions = []
        for decisions_item_data in self.decisions:
            decisions_item = decisions_item_data.to_dict()
            decisions.append(decisions_item)

        evidence = []
        for evidence_item_data in self.evidence:
            evidence_item = evidence_item_data.to_dict()
            evidence.append(evidence_item)

        id = self.id

        meetings = []
        for meetings_item_data in self.meetings:
            meetings_item = meetings_item_data.to_dict()
            meetings.append(meetings_item)

        origin = self.origin

        participants = []
        for participants_item_data in self.participants:
            participants_item = participants_item_data.to_dict()
            participants.append(participants_item)

        progress = self.progress

        question = self.question

        step = self.step.value

        timeline = []
        for timeline_item_data in self.timeline:
            timeline_item = timeline_item_data.to_dict()
            timeline.append(timeline_item)

        title = self.title

        closed_at: None | str | Unset
        if isinstance(self.closed_at, Unset):
            closed_at = UNSET
        elif isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        review: dict[str, Any] | None | Unset
        if isinstance(self.review, Unset):
            review = UNSET
        elif isinstance(self.review, TopicReadReviewType0):
            review = self.review.to_dict()
        else:
            review = self.review

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actions": actions,
                "community": community,
                "decisions": decisions,
                "evidence": evidence,
                "id": id,
                "meetings": meetings,
                "origin": origin,
                "participants": participants,
                "progress": progress,
                "question": question,
                "step": step,
                "timeline": timeline,
                "title": title,
            }
        )
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if review is not UNSET:
            field_dict["review"] = review

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.action_read import ActionRead
        from ..models.topic_read_decisions_item import TopicReadDecisionsItem
        from ..models.topic_read_evidence_item import TopicReadEvidenceItem
        from ..models.topic_read_meetings_item import TopicReadMeetingsItem
        from ..models.topic_read_participants_item import TopicReadParticipantsItem
        from ..models.topic_read_review_type_0 import TopicReadReviewType0
        from ..models.topic_read_timeline_item import TopicReadTimelineItem

        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = ActionRead.from_dict(actions_item_data)

            actions.append(actions_item)

        community = d.pop("community")

        decisions = []
        _decisions = d.pop("decisions")
        for decisions_item_data in _decisions:
            decisions_item = TopicReadDecisionsItem.from_dict(decisions_item_data)

            decisions.append(decisions_item)

        evidence = []
        _evidence = d.pop("evidence")
        for evidence_item_data in _evidence:
            evidence_item = TopicReadEvidenceItem.from_dict(evidence_item_data)

            evidence.append(evidence_item)

        id = d.pop("id")

        meetings = []
        _meetings = d.pop("meetings")
        for meetings_item_data in _meetings:
            meetings_item = TopicReadMeetingsItem.from_dict(meetings_item_data)

            meetings.append(meetings_item)

        origin = d.pop("origin")

        participants = []
        _participants = d.pop("participants")
        for participants_item_data in _participants:
            participants_item = TopicReadParticipantsItem.from_dict(
                participants_item_data
            )

            participants.append(participants_item)

        progress = d.pop("progress")

        question = d.pop("question")

        step = TopicReadStep(d.pop("step"))

        timeline = []
        _timeline = d.pop("timeline")
        for timeline_item_data in _timeline:
            timeline_item = TopicReadTimelineItem.from_dict(timeline_item_data)

            timeline.append(timeline_item)

        title = d.pop("title")

        def _parse_closed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        closed_at = _parse_closed_at(d.pop("closed_at", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_review(data: object) -> None | TopicReadReviewType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_0 = TopicReadReviewType0.from_dict(data)

                return review_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TopicReadReviewType0 | Unset, data)

        review = _parse_review(d.pop("review", UNSET))

        topic_read = cls(
            actions=actions,
            community=community,
            decisions=decisions,
            evidence=evidence,
            id=id,
            meetings=meetings,
            origin=origin,
            participants=participants,
            progress=progress,
            question=question,
            step=step,
            timeline=timeline,
            title=title,
            closed_at=closed_at,
            created_at=created_at,
            review=review,
        )

        topic_read.additional_properties = d
        return topic_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
