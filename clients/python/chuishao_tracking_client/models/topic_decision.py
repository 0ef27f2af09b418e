from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TopicDecision")


@_attrs_define
class TopicDecision:
    """
    Attributes:
        count (int):
        summary (str): How many items were decided when — never the decision's own words
        summary_en (str):
    """

    count: int
    summary: str
    summary_en: str

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        summary = self.summary

        summary_en = self.summary_en

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "summary": summary,
                "summary_en": summary_en,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        count = d.pop("count")

        summary = d.pop("summary")

        summary_en = d.pop("summary_en")

        topic_decision = cls(
            count=count,
            summary=summary,
            summary_en=summary_en,
        )

        return topic_decision
