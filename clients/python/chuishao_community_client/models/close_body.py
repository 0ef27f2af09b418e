from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CloseBody")


@_attrs_define
class CloseBody:
    """
    Attributes:
        people_served (int):
    """

    people_served: int

    def to_dict(self) -> dict[str, Any]:
        people_served = self.people_served

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "people_served": people_served,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        people_served = d.pop("people_served")

        close_body = cls(
            people_served=people_served,
        )

        return close_body
