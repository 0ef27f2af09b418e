from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NotYet")


@_attrs_define
class NotYet:
    """
    Attributes:
        figure (str):
        note (str):
    """

    figure: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        figure = self.figure

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "figure": figure,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        figure = d.pop("figure")

        note = d.pop("note")

        not_yet = cls(
            figure=figure,
            note=note,
        )

        return not_yet
