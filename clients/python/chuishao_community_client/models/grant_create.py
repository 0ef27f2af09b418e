from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="GrantCreate")


@_attrs_define
class GrantCreate:
    """
    Attributes:
        hours (float):
        member (str):
        reason (str):
    """

    hours: float
    member: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        member = self.member

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hours": hours,
                "member": member,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        hours = d.pop("hours")

        member = d.pop("member")

        reason = d.pop("reason")

        grant_create = cls(
            hours=hours,
            member=member,
            reason=reason,
        )

        return grant_create
