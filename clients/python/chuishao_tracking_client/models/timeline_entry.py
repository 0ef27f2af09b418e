from __future__ import annotations

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
        actor_role (str): Role only: who acted is never published
        at (str):
        note (str): Written by tracking from the event's facts (zh); staff's free text is never shown
        note_en (str):
        type_ (str):
        department (None | str | Unset):
    """

    actor_role: str
    at: str
    note: str
    note_en: str
    type_: str
    department: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_role = self.actor_role

        at = self.at

        note = self.note

        note_en = self.note_en

        type_ = self.type_

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_role": actor_role,
                "at": at,
                "note": note,
                "note_en": note_en,
                "type": type_,
            }
        )
        if department is not UNSET:
            field_dict["department"] = department

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        actor_role = d.pop("actor_role")

        at = d.pop("at")

        note = d.pop("note")

        note_en = d.pop("note_en")

        type_ = d.pop("type")

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

        timeline_entry = cls(
            actor_role=actor_role,
            at=at,
            note=note,
            note_en=note_en,
            type_=type_,
            department=department,
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
