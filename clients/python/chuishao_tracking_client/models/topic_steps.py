from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TopicSteps")


@_attrs_define
class TopicSteps:
    """
    Attributes:
        closed (int):
        collect (int):
        deliberate (int):
        implement (int):
        review (int):
        topic (int):
    """

    closed: int
    collect: int
    deliberate: int
    implement: int
    review: int
    topic: int

    def to_dict(self) -> dict[str, Any]:
        closed = self.closed

        collect = self.collect

        deliberate = self.deliberate

        implement = self.implement

        review = self.review

        topic = self.topic

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closed": closed,
                "collect": collect,
                "deliberate": deliberate,
                "implement": implement,
                "review": review,
                "topic": topic,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        closed = d.pop("closed")

        collect = d.pop("collect")

        deliberate = d.pop("deliberate")

        implement = d.pop("implement")

        review = d.pop("review")

        topic = d.pop("topic")

        topic_steps = cls(
            closed=closed,
            collect=collect,
            deliberate=deliberate,
            implement=implement,
            review=review,
            topic=topic,
        )

        return topic_steps
