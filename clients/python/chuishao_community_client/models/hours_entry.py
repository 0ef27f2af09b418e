from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hours_entry_source import HoursEntrySource

T = TypeVar("T", bound="HoursEntry")


@_attrs_define
class HoursEntry:
    """
    Attributes:
        at (datetime.datetime):
        hours (float):
        id (str):
        ref (str):
        source (HoursEntrySource):
    """

    at: datetime.datetime
    hours: float
    id: str
    ref: str
    source: HoursEntrySource
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        hours = self.hours

        id = self.id

        ref = self.ref

        source = self.source.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "hours": hours,
                "id": id,
                "ref": ref,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        hours = d.pop("hours")

        id = d.pop("id")

        ref = d.pop("ref")

        source = HoursEntrySource(d.pop("source"))

        hours_entry = cls(
            at=at,
            hours=hours,
            id=id,
            ref=ref,
            source=source,
        )

        hours_entry.additional_properties = d
        return hours_entry

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
