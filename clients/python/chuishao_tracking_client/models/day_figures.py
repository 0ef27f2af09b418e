from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DayFigures")


@_attrs_define
class DayFigures:
    """
    Attributes:
        closed (int):
        date (str):
        opened (int):
        resolved (int):
    """

    closed: int
    date: str
    opened: int
    resolved: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed = self.closed

        date = self.date

        opened = self.opened

        resolved = self.resolved

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed": closed,
                "date": date,
                "opened": opened,
                "resolved": resolved,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        closed = d.pop("closed")

        date = d.pop("date")

        opened = d.pop("opened")

        resolved = d.pop("resolved")

        day_figures = cls(
            closed=closed,
            date=date,
            opened=opened,
            resolved=resolved,
        )

        day_figures.additional_properties = d
        return day_figures

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
