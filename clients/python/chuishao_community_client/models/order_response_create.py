from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_body import ItemBody


T = TypeVar("T", bound="OrderResponseCreate")


@_attrs_define
class OrderResponseCreate:
    """
    Attributes:
        unit (str): The unit answering (the token's `unit`)
        declined (bool | Unset):  Default: False.
        items (list[ItemBody] | Unset):
        note (str | Unset):  Default: ''.
    """

    unit: str
    declined: bool | Unset = False
    items: list[ItemBody] | Unset = UNSET
    note: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        unit = self.unit

        declined = self.declined

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "unit": unit,
            }
        )
        if declined is not UNSET:
            field_dict["declined"] = declined
        if items is not UNSET:
            field_dict["items"] = items
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.item_body import ItemBody

        d = dict(src_dict)
        unit = d.pop("unit")

        declined = d.pop("declined", UNSET)

        _items = d.pop("items", UNSET)
        items: list[ItemBody] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = ItemBody.from_dict(items_item_data)

                items.append(items_item)

        note = d.pop("note", UNSET)

        order_response_create = cls(
            unit=unit,
            declined=declined,
            items=items,
            note=note,
        )

        return order_response_create
