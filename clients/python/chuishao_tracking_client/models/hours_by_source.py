from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HoursBySource")


@_attrs_define
class HoursBySource:
    """
    Attributes:
        activity (float):
        granted (float):
        need (float):
    """

    activity: float
    granted: float
    need: float

    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        granted = self.granted

        need = self.need

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "activity": activity,
                "granted": granted,
                "need": need,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        activity = d.pop("activity")

        granted = d.pop("granted")

        need = d.pop("need")

        hours_by_source = cls(
            activity=activity,
            granted=granted,
            need=need,
        )

        return hours_by_source
