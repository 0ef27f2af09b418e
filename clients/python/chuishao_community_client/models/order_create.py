from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_body import ItemBody


T = TypeVar("T", bound="OrderCreate")


@_attrs_define
class OrderCreate:
    """
    Attributes:
        items (list[ItemBody]):
        needed_by (datetime.datetime):
        title (str):
        description (str | Unset):  Default: ''.
        units (list[str] | None | Unset): The units asked; default every unit with an agreement in force
    """

    items: list[ItemBody]
    needed_by: datetime.datetime
    title: str
    description: str | Unset = ""
    units: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        needed_by = self.needed_by.isoformat()

        title = self.title

        description = self.description

        units: list[str] | None | Unset
        if isinstance(self.units, Unset):
            units = UNSET
        elif isinstance(self.units, list):
            units = self.units

        else:
            units = self.units

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "needed_by": needed_by,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if units is not UNSET:
            field_dict["units"] = units

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.item_body import ItemBody

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ItemBody.from_dict(items_item_data)

            items.append(items_item)

        needed_by = datetime.datetime.fromisoformat(d.pop("needed_by"))

        title = d.pop("title")

        description = d.pop("description", UNSET)

        def _parse_units(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                units_type_0 = cast(list[str], data)

                return units_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        units = _parse_units(d.pop("units", UNSET))

        order_create = cls(
            items=items,
            needed_by=needed_by,
            title=title,
            description=description,
            units=units,
        )

        return order_create
