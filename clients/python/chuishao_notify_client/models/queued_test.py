from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QueuedTest")


@_attrs_define
class QueuedTest:
    """A test message is queued for delivery: follow it in the delivery log.

    Attributes:
        event_id (str):
        subscription (str):
        delivery_id (int | None | str | Unset):
    """

    event_id: str
    subscription: str
    delivery_id: int | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        subscription = self.subscription

        delivery_id: int | None | str | Unset
        if isinstance(self.delivery_id, Unset):
            delivery_id = UNSET
        else:
            delivery_id = self.delivery_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "subscription": subscription,
            }
        )
        if delivery_id is not UNSET:
            field_dict["delivery_id"] = delivery_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        subscription = d.pop("subscription")

        def _parse_delivery_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        delivery_id = _parse_delivery_id(d.pop("delivery_id", UNSET))

        queued_test = cls(
            event_id=event_id,
            subscription=subscription,
            delivery_id=delivery_id,
        )

        queued_test.additional_properties = d
        return queued_test

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
