from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HandOver")


@_attrs_define
class HandOver:
    """
    Attributes:
        community (str): The case's community (a jurisdiction code)
        reason (str):
    """

    community: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "community": community,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        community = d.pop("community")

        reason = d.pop("reason")

        hand_over = cls(
            community=community,
            reason=reason,
        )

        return hand_over
