from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OverrideRead")


@_attrs_define
class OverrideRead:
    """
    Attributes:
        ends (str):
        id (str):
        level (int):
        member (str):
        starts (str):
    """

    ends: str
    id: str
    level: int
    member: str
    starts: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ends = self.ends

        id = self.id

        level = self.level

        member = self.member

        starts = self.starts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ends": ends,
                "id": id,
                "level": level,
                "member": member,
                "starts": starts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ends = d.pop("ends")

        id = d.pop("id")

        level = d.pop("level")

        member = d.pop("member")

        starts = d.pop("starts")

        override_read = cls(
            ends=ends,
            id=id,
            level=level,
            member=member,
            starts=starts,
        )

        override_read.additional_properties = d
        return override_read

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
