from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rate import Rate
    from ..models.topic_steps import TopicSteps


T = TypeVar("T", bound="TopicFigures")


@_attrs_define
class TopicFigures:
    """
    Attributes:
        actions_done_by_due (Rate):
        community (str):
        community_name (str):
        community_name_en (str):
        meetings_held (int):
        meetings_quorate (int): Meetings with all four parties present
        topics_by_step (TopicSteps):
        median_days_decision_to_actions_done (float | None | Unset):
        median_days_topic_to_decision (float | None | Unset):
    """

    actions_done_by_due: Rate
    community: str
    community_name: str
    community_name_en: str
    meetings_held: int
    meetings_quorate: int
    topics_by_step: TopicSteps
    median_days_decision_to_actions_done: float | None | Unset = UNSET
    median_days_topic_to_decision: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        actions_done_by_due = self.actions_done_by_due.to_dict()

        community = self.community

        community_name = self.community_name

        community_name_en = self.community_name_en

        meetings_held = self.meetings_held

        meetings_quorate = self.meetings_quorate

        topics_by_step = self.topics_by_step.to_dict()

        median_days_decision_to_actions_done: float | None | Unset
        if isinstance(self.median_days_decision_to_actions_done, Unset):
            median_days_decision_to_actions_done = UNSET
        else:
            median_days_decision_to_actions_done = (
                self.median_days_decision_to_actions_done
            )

        median_days_topic_to_decision: float | None | Unset
        if isinstance(self.median_days_topic_to_decision, Unset):
            median_days_topic_to_decision = UNSET
        else:
            median_days_topic_to_decision = self.median_days_topic_to_decision

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actions_done_by_due": actions_done_by_due,
                "community": community,
                "community_name": community_name,
                "community_name_en": community_name_en,
                "meetings_held": meetings_held,
                "meetings_quorate": meetings_quorate,
                "topics_by_step": topics_by_step,
            }
        )
        if median_days_decision_to_actions_done is not UNSET:
            field_dict["median_days_decision_to_actions_done"] = (
                median_days_decision_to_actions_done
            )
        if median_days_topic_to_decision is not UNSET:
            field_dict["median_days_topic_to_decision"] = median_days_topic_to_decision

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rate import Rate
        from ..models.topic_steps import TopicSteps

        d = dict(src_dict)
        actions_done_by_due = Rate.from_dict(d.pop("actions_done_by_due"))

        community = d.pop("community")

        community_name = d.pop("community_name")

        community_name_en = d.pop("community_name_en")

        meetings_held = d.pop("meetings_held")

        meetings_quorate = d.pop("meetings_quorate")

        topics_by_step = TopicSteps.from_dict(d.pop("topics_by_step"))

        def _parse_median_days_decision_to_actions_done(
            data: object,
        ) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_days_decision_to_actions_done = (
            _parse_median_days_decision_to_actions_done(
                d.pop("median_days_decision_to_actions_done", UNSET)
            )
        )

        def _parse_median_days_topic_to_decision(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_days_topic_to_decision = _parse_median_days_topic_to_decision(
            d.pop("median_days_topic_to_decision", UNSET)
        )

        topic_figures = cls(
            actions_done_by_due=actions_done_by_due,
            community=community,
            community_name=community_name,
            community_name_en=community_name_en,
            meetings_held=meetings_held,
            meetings_quorate=meetings_quorate,
            topics_by_step=topics_by_step,
            median_days_decision_to_actions_done=median_days_decision_to_actions_done,
            median_days_topic_to_decision=median_days_topic_to_decision,
        )

        return topic_figures
