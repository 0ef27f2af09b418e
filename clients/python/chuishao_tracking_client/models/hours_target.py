from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HoursTarget")


@_attrs_define
class HoursTarget:
    """
    Attributes:
        due_by_period_end (float): yearly × year_share
        year_share (float): The share of the local calendar year gone by at the period's end
        yearly (float):
    """

    due_by_period_end: float
    year_share: float
    yearly: float

    def to_dict(self) -> dict[str, Any]:
        due_by_period_end = self.due_by_period_end

        year_share = self.year_share

        yearly = self.yearly

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "due_by_period_end": due_by_period_end,
                "year_share": year_share,
                "yearly": yearly,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        due_by_period_end = d.pop("due_by_period_end")

        year_share = d.pop("year_share")

        yearly = d.pop("yearly")

        hours_target = cls(
            due_by_period_end=due_by_period_end,
            year_share=year_share,
            yearly=yearly,
        )

        return hours_target
