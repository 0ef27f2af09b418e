from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Merge")


@_attrs_define
class Merge:
    """
    Attributes:
        into (str):
        reason (str | Unset):  Default: ''.
    """

    into: str
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        into = self.into

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "into": into,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        into = d.pop("into")

        reason = d.pop("reason", UNSET)

        merge = cls(
            into=into,
            reason=reason,
        )

        return merge
