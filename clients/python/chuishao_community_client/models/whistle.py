from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Whistle")


@_attrs_define
class Whistle:
    """
    Attributes:
        category (str): The 小类 code of the report to file
        description (str):
    """

    category: str
    description: str

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = d.pop("category")

        description = d.pop("description")

        whistle = cls(
            category=category,
            description=description,
        )

        return whistle
