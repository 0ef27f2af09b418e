from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """
    Attributes:
        at (datetime.datetime):
        type_ (str):
        actor_role (str | Unset):  Default: ''.
        departments (list[str] | Unset):
        note (str | Unset):  Default: ''.
        photos (list[str] | Unset):
    """

    at: datetime.datetime
    type_: str
    actor_role: str | Unset = ""
    departments: list[str] | Unset = UNSET
    note: str | Unset = ""
    photos: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        type_ = self.type_

        actor_role = self.actor_role

        departments: list[str] | Unset = UNSET
        if not isinstance(self.departments, Unset):
            departments = self.departments

        note = self.note

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "type": type_,
            }
        )
        if actor_role is not UNSET:
            field_dict["actor_role"] = actor_role
        if departments is not UNSET:
            field_dict["departments"] = departments
        if note is not UNSET:
            field_dict["note"] = note
        if photos is not UNSET:
            field_dict["photos"] = photos

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        type_ = d.pop("type")

        actor_role = d.pop("actor_role", UNSET)

        departments = cast(list[str], d.pop("departments", UNSET))

        note = d.pop("note", UNSET)

        photos = cast(list[str], d.pop("photos", UNSET))

        timeline_entry = cls(
            at=at,
            type_=type_,
            actor_role=actor_role,
            departments=departments,
            note=note,
            photos=photos,
        )

        timeline_entry.additional_properties = d
        return timeline_entry

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
