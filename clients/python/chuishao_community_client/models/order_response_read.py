from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.order_response_read_items_item import OrderResponseReadItemsItem


T = TypeVar("T", bound="OrderResponseRead")


@_attrs_define
class OrderResponseRead:
    """
    Attributes:
        at (datetime.datetime):
        declined (bool):
        id (str):
        items (list[OrderResponseReadItemsItem]):
        note (str):
        response_hours (float):
        unit (str):
    """

    at: datetime.datetime
    declined: bool
    id: str
    items: list[OrderResponseReadItemsItem]
    note: str
    response_hours: float
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        declined = self.declined

        id = self.id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        note = self.note

        response_hours = self.response_hours

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "declined": declined,
                "id": id,
                "items": items,
                "note": note,
                "response_hours": response_hours,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_response_read_items_item import OrderResponseReadItemsItem

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        declined = d.pop("declined")

        id = d.pop("id")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = OrderResponseReadItemsItem.from_dict(items_item_data)

            items.append(items_item)

        note = d.pop("note")

        response_hours = d.pop("response_hours")

        unit = d.pop("unit")

        order_response_read = cls(
            at=at,
            declined=declined,
            id=id,
            items=items,
            note=note,
            response_hours=response_hours,
            unit=unit,
        )

        order_response_read.additional_properties = d
        return order_response_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
