from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SignupCreate")


@_attrs_define
class SignupCreate:
    """
    Attributes:
        slot (str):
    """

    slot: str

    def to_dict(self) -> dict[str, Any]:
        slot = self.slot

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot": slot,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        slot = d.pop("slot")

        signup_create = cls(
            slot=slot,
        )

        return signup_create
