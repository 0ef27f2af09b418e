from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OverrideWrite")


@_attrs_define
class OverrideWrite:
    """
    Attributes:
        ends (datetime.datetime):
        level (int):
        member (str):
        starts (datetime.datetime):
        reason (str | Unset):  Default: ''.
    """

    ends: datetime.datetime
    level: int
    member: str
    starts: datetime.datetime
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        ends = self.ends.isoformat()

        level = self.level

        member = self.member

        starts = self.starts.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ends": ends,
                "level": level,
                "member": member,
                "starts": starts,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ends = datetime.datetime.fromisoformat(d.pop("ends"))

        level = d.pop("level")

        member = d.pop("member")

        starts = datetime.datetime.fromisoformat(d.pop("starts"))

        reason = d.pop("reason", UNSET)

        override_write = cls(
            ends=ends,
            level=level,
            member=member,
            starts=starts,
            reason=reason,
        )

        return override_write
