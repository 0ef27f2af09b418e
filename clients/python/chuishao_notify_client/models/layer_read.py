from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LayerRead")


@_attrs_define
class LayerRead:
    """
    Attributes:
        id (str):
        level (int):
        members (list[str]):
        name (str):
        rrule (str):
        shift_minutes (int):
        starts (str):
        valid_from (str):
        valid_until (None | str | Unset):
    """

    id: str
    level: int
    members: list[str]
    name: str
    rrule: str
    shift_minutes: int
    starts: str
    valid_from: str
    valid_until: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        level = self.level

        members = self.members

        name = self.name

        rrule = self.rrule

        shift_minutes = self.shift_minutes

        starts = self.starts

        valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        else:
            valid_until = self.valid_until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "level": level,
                "members": members,
                "name": name,
                "rrule": rrule,
                "shift_minutes": shift_minutes,
                "starts": starts,
                "valid_from": valid_from,
            }
        )
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        level = d.pop("level")

        members = cast(list[str], d.pop("members"))

        name = d.pop("name")

        rrule = d.pop("rrule")

        shift_minutes = d.pop("shift_minutes")

        starts = d.pop("starts")

        valid_from = d.pop("valid_from")

        def _parse_valid_until(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        layer_read = cls(
            id=id,
            level=level,
            members=members,
            name=name,
            rrule=rrule,
            shift_minutes=shift_minutes,
            starts=starts,
            valid_from=valid_from,
            valid_until=valid_until,
        )

        layer_read.additional_properties = d
        return layer_read

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
