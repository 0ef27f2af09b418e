from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Extension")


@_attrs_define
class Extension:
    """
    Attributes:
        reason (str):
        until (datetime.datetime):
    """

    reason: str
    until: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        until = self.until.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "until": until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason")

        until = datetime.datetime.fromisoformat(d.pop("until"))

        extension = cls(
            reason=reason,
            until=until,
        )

        return extension
