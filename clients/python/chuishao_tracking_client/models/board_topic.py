from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.board_topic_step import BoardTopicStep
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.topic_action import TopicAction
    from ..models.topic_decision import TopicDecision
    from ..models.topic_meetings import TopicMeetings


T = TypeVar("T", bound="BoardTopic")


@_attrs_define
class BoardTopic:
    """
    Attributes:
        actions (list[TopicAction]):
        actions_done (int):
        actions_overdue (int):
        community (str):
        community_name (str):
        community_name_en (str):
        decision (TopicDecision):
        id (str):
        meetings (TopicMeetings):
        progress (float): Actions done / all actions (0 without actions)
        ref (str): A short public reference (the topic has no public title)
        step (BoardTopicStep):
        step_name (str):
        step_name_en (str):
        decided_at (None | str | Unset):
        set_at (None | str | Unset):
    """

    actions: list[TopicAction]
    actions_done: int
    actions_overdue: int
    community: str
    community_name: str
    community_name_en: str
    decision: TopicDecision
    id: str
    meetings: TopicMeetings
    progress: float
    ref: str
    step: BoardTopicStep
    step_name: str
    step_name_en: str
    decided_at: None | str | Unset = UNSET
    set_at: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        actions_done = self.actions_done

        actions_overdue = self.actions_overdue

        community = self.community

        community_name = self.community_name

        community_name_en = self.community_name_en

        decision = self.decision.to_dict()

        id = self.id

        meetings = self.meetings.to_dict()

        progress = self.progress

        ref = self.ref

        step = self.step.value

        step_name = self.step_name

        step_name_en = self.step_name_en

        decided_at: None | str | Unset
        if isinstance(self.decided_at, Unset):
            decided_at = UNSET
        else:
            decided_at = self.decided_at

        set_at: None | str | Unset
        if isinstance(self.set_at, Unset):
            set_at = UNSET
        else:
            set_at = self.set_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actions": actions,
                "actions_done": actions_done,
                "actions_overdue": actions_overdue,
                "community": community,
                "community_name": community_name,
                "community_name_en": community_name_en,
                "decision": decision,
                "id": id,
                "meetings": meetings,
                "progress": progress,
                "ref": ref,
                "step": step,
                "step_name": step_name,
                "step_name_en": step_name_en,
            }
        )
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if set_at is not UNSET:
            field_dict["set_at"] = set_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.topic_action import TopicAction
        from ..models.topic_decision import TopicDecision
        from ..models.topic_meetings import TopicMeetings

        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = TopicAction.from_dict(actions_item_data)

            actions.append(actions_item)

        actions_done = d.pop("actions_done")

        actions_overdue = d.pop("actions_overdue")

        community = d.pop("community")

        community_name = d.pop("community_name")

        community_name_en = d.pop("community_name_en")

        decision = TopicDecision.from_dict(d.pop("decision"))

        id = d.pop("id")

        meetings = TopicMeetings.from_dict(d.pop("meetings"))

        progress = d.pop("progress")

        ref = d.pop("ref")

        step = BoardTopicStep(d.pop("step"))

        step_name = d.pop("step_name")

        step_name_en = d.pop("step_name_en")

        def _parse_decided_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decided_at = _parse_decided_at(d.pop("decided_at", UNSET))

        def _parse_set_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        set_at = _parse_set_at(d.pop("set_at", UNSET))

        board_topic = cls(
            actions=actions,
            actions_done=actions_done,
            actions_overdue=actions_overdue,
            community=community,
            community_name=community_name,
            community_name_en=community_name_en,
            decision=decision,
            id=id,
            meetings=meetings,
            progress=progress,
            ref=ref,
            step=step,
            step_name=step_name,
            step_name_en=step_name_en,
            decided_at=decided_at,
            set_at=set_at,
        )

        return board_topic
