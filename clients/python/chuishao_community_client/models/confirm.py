from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.confirm_satisfaction import ConfirmSatisfaction
from ..types import UNSET, Unset

T = TypeVar("T", bound="Confirm")


@_attrs_define
class Confirm:
    """
    Attributes:
        satisfaction (ConfirmSatisfaction):
        note (str | Unset):  Default: ''.
    """

    satisfaction: ConfirmSatisfaction
    note: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        satisfaction = self.satisfaction.value

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "satisfaction": satisfaction,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        satisfaction = ConfirmSatisfaction(d.pop("satisfaction"))

        note = d.pop("note", UNSET)

        confirm = cls(
            satisfaction=satisfaction,
            note=note,
        )

        return confirm
