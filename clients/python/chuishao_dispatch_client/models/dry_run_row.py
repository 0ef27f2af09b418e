from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DryRunRow")


@_attrs_define
class DryRunRow:
    """
    Attributes:
        cases_after (int):
        cases_before (int):
        department (str): A department code, or `triage` (派遣员分拨: no rule)
        gained (int):
        led_after (int):
        led_before (int):
        lost (int):
        name (None | str | Unset):
        on_time_rate_after (float | None | Unset):
        on_time_rate_before (float | None | Unset): 按时办结率: resolved in time, of those with an outcome
        response_rate_after (float | None | Unset):
        response_rate_before (float | None | Unset): 响应率: acknowledged in time, of those with an outcome
    """

    cases_after: int
    cases_before: int
    department: str
    gained: int
    led_after: int
    led_before: int
    lost: int
    name: None | str | Unset = UNSET
    on_time_rate_after: float | None | Unset = UNSET
    on_time_rate_before: float | None | Unset = UNSET
    response_rate_after: float | None | Unset = UNSET
    response_rate_before: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cases_after = self.cases_after

        cases_before = self.cases_before

        department = self.department

        gained = self.gained

        led_after = self.led_after

        led_before = self.led_before

        lost = self.lost

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        on_time_rate_after: float | None | Unset
        if isinstance(self.on_time_rate_after, Unset):
            on_time_rate_after = UNSET
        else:
            on_time_rate_after = self.on_time_rate_after

        on_time_rate_before: float | None | Unset
        if isinstance(self.on_time_rate_before, Unset):
            on_time_rate_before = UNSET
        else:
            on_time_rate_before = self.on_time_rate_before

        response_rate_after: float | None | Unset
        if isinstance(self.response_rate_after, Unset):
            response_rate_after = UNSET
        else:
            response_rate_after = self.response_rate_after

        response_rate_before: float | None | Unset
        if isinstance(self.response_rate_before, Unset):
            response_rate_before = UNSET
        else:
            response_rate_before = self.response_rate_before

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cases_after": cases_after,
                "cases_before": cases_before,
                "department": department,
                "gained": gained,
                "led_after": led_after,
                "led_before": led_before,
                "lost": lost,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if on_time_rate_after is not UNSET:
            field_dict["on_time_rate_after"] = on_time_rate_after
        if on_time_rate_before is not UNSET:
            field_dict["on_time_rate_before"] = on_time_rate_before
        if response_rate_after is not UNSET:
            field_dict["response_rate_after"] = response_rate_after
        if response_rate_before is not UNSET:
            field_dict["response_rate_before"] = response_rate_before

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cases_after = d.pop("cases_after")

        cases_before = d.pop("cases_before")

        department = d.pop("department")

        gained = d.pop("gained")

        led_after = d.pop("led_after")

        led_before = d.pop("led_before")

        lost = d.pop("lost")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_on_time_rate_after(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        on_time_rate_after = _parse_on_time_rate_after(
            d.pop("on_time_rate_after", UNSET)
        )

        def _parse_on_time_rate_before(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        on_time_rate_before = _parse_on_time_rate_before(
            d.pop("on_time_rate_before", UNSET)
        )

        def _parse_response_rate_after(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        response_rate_after = _parse_response_rate_after(
            d.pop("response_rate_after", UNSET)
        )

        def _parse_response_rate_before(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        response_rate_before = _parse_response_rate_before(
            d.pop("response_rate_before", UNSET)
        )

        dry_run_row = cls(
            cases_after=cases_after,
            cases_before=cases_before,
            department=department,
            gained=gained,
            led_after=led_after,
            led_before=led_before,
            lost=lost,
            name=name,
            on_time_rate_after=on_time_rate_after,
            on_time_rate_before=on_time_rate_before,
            response_rate_after=response_rate_after,
            response_rate_before=response_rate_before,
        )

        dry_run_row.additional_properties = d
        return dry_run_row

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
