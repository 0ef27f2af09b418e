from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.feedback_create_satisfaction import FeedbackCreateSatisfaction
from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedbackCreate")


@_attrs_define
class FeedbackCreate:
    """
    Attributes:
        satisfaction (FeedbackCreateSatisfaction):
        comment (str | Unset):  Default: ''.
    """

    satisfaction: FeedbackCreateSatisfaction
    comment: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        satisfaction = self.satisfaction.value

        comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "satisfaction": satisfaction,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        satisfaction = FeedbackCreateSatisfaction(d.pop("satisfaction"))

        comment = d.pop("comment", UNSET)

        feedback_create = cls(
            satisfaction=satisfaction,
            comment=comment,
        )

        return feedback_create
