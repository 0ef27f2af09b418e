from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderStats")


@_attrs_define
class OrderStats:
    """
    Attributes:
        asked (int):
        responded (int):
        settled (int):
        median_response_hours (float | None | Unset):
        response_rate (float | None | Unset): Answered / asks no longer awaited (answered, closed or due)
    """

    asked: int
    responded: int
    settled: int
    median_response_hours: float | None | Unset = UNSET
    response_rate: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asked = self.asked

        responded = self.responded

        settled = self.settled

        median_response_hours: float | None | Unset
        if isinstance(self.median_response_hours, Unset):
            median_response_hours = UNSET
        else:
            median_response_hours = self.median_response_hours

        response_rate: float | None | Unset
        if isinstance(self.response_rate, Unset):
            response_rate = UNSET
        else:
            response_rate = self.response_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asked": asked,
                "responded": responded,
                "settled": settled,
            }
        )
        if median_response_hours is not UNSET:
            field_dict["median_response_hours"] = median_response_hours
        if response_rate is not UNSET:
            field_dict["response_rate"] = response_rate

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        asked = d.pop("asked")

        responded = d.pop("responded")

        settled = d.pop("settled")

        def _parse_median_response_hours(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_response_hours = _parse_median_response_hours(
            d.pop("median_response_hours", UNSET)
        )

        def _parse_response_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        response_rate = _parse_response_rate(d.pop("response_rate", UNSET))

        order_stats = cls(
            asked=asked,
            responded=responded,
            settled=settled,
            median_response_hours=median_response_hours,
            response_rate=response_rate,
        )

        order_stats.additional_properties = d
        return order_stats

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
