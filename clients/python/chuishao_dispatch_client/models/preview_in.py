from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PreviewIn")


@_attrs_define
class PreviewIn:
    """
    Attributes:
        category (str):
        grid (str):
    """

    category: str
    grid: str

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        grid = self.grid

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "grid": grid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = d.pop("category")

        grid = d.pop("grid")

        preview_in = cls(
            category=category,
            grid=grid,
        )

        return preview_in
