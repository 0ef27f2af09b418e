from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hours_entry import HoursEntry


T = TypeVar("T", bound="HoursRead")


@_attrs_define
class HoursRead:
    """
    Attributes:
        entries (list[HoursEntry]):
        member_id (str):
        total_hours (float):
    """

    entries: list[HoursEntry]
    member_id: str
    total_hours: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        member_id = self.member_id

        total_hours = self.total_hours

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entries": entries,
                "member_id": member_id,
                "total_hours": total_hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hours_entry import HoursEntry

        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = HoursEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        member_id = d.pop("member_id")

        total_hours = d.pop("total_hours")

        hours_read = cls(
            entries=entries,
            member_id=member_id,
            total_hours=total_hours,
        )

        hours_read.additional_properties = d
        return hours_read

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
