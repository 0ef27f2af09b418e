from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_read_status import OrderReadStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_read_items_item import OrderReadItemsItem
    from ..models.order_response_read import OrderResponseRead


T = TypeVar("T", bound="OrderRead")


@_attrs_define
class OrderRead:
    """
    Attributes:
        community (str):
        description (str):
        id (str):
        items (list[OrderReadItemsItem]):
        needed_by (datetime.datetime):
        posted_at (datetime.datetime):
        response_count (int):
        responses (list[OrderResponseRead]):
        status (OrderReadStatus):
        title (str):
        units (list[str]):
        closed_at (datetime.datetime | None | Unset):
    """

    community: str
    description: str
    id: str
    items: list[OrderReadItemsItem]
    needed_by: datetime.datetime
    posted_at: datetime.datetime
    response_count: int
    responses: list[OrderResponseRead]
    status: OrderReadStatus
    title: str
    units: list[str]
    closed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        description = self.description

        id = self.id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        needed_by = self.needed_by.isoformat()

        posted_at = self.posted_at.isoformat()

        response_count = self.response_count

        responses = []
        for responses_item_data in self.responses:
            responses_item = responses_item_data.to_dict()
            responses.append(responses_item)

        status = self.status.value

        title = self.title

        units = self.units

        closed_at: None | str | Unset
        if isinstance(self.closed_at, Unset):
            closed_at = UNSET
        elif isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "community": community,
                "description": description,
                "id": id,
                "items": items,
                "needed_by": needed_by,
                "posted_at": posted_at,
                "response_count": response_count,
                "responses": responses,
                "status": status,
                "title": title,
                "units": units,
            }
        )
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_read_items_item import OrderReadItemsItem
        from ..models.order_response_read import OrderResponseRead

        d = dict(src_dict)
        community = d.pop("community")

        description = d.pop("description")

        id = d.pop("id")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = OrderReadItemsItem.from_dict(items_item_data)

            items.append(items_item)

        needed_by = datetime.datetime.fromisoformat(d.pop("needed_by"))

        posted_at = datetime.datetime.fromisoformat(d.pop("posted_at"))

        response_count = d.pop("response_count")

        responses = []
        _responses = d.pop("responses")
        for responses_item_data in _responses:
            responses_item = OrderResponseRead.from_dict(responses_item_data)

            responses.append(responses_item)

        status = OrderReadStatus(d.pop("status"))

        title = d.pop("title")

        units = cast(list[str], d.pop("units"))

        def _parse_closed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        closed_at = _parse_closed_at(d.pop("closed_at", UNSET))

        order_read = cls(
            community=community,
            description=description,
            id=id,
            items=items,
            needed_by=needed_by,
            posted_at=posted_at,
            response_count=response_count,
            responses=responses,
            status=status,
            title=title,
            units=units,
            closed_at=closed_at,
        )

        order_read.additional_properties = d
        return order_read

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
