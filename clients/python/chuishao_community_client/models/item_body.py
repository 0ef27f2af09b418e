from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemBody")


@_attrs_define
class ItemBody:
    """
    Attributes:
        name (str):
        quantity (float):
        measure (str | Unset): 人, 吨, 袋 … Default: ''.
    """

    name: str
    quantity: float
    measure: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        quantity = self.quantity

        measure = self.measure

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "quantity": quantity,
            }
        )
        if measure is not UNSET:
            field_dict["measure"] = measure

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        quantity = d.pop("quantity")

        measure = d.pop("measure", UNSET)

        item_body = cls(
            name=name,
            quantity=quantity,
            measure=measure,
        )

        return item_body
