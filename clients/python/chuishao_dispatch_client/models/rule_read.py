from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleRead")


@_attrs_define
class RuleRead:
    """
    Attributes:
        category (str):
        id (str):
        lead (str):
        scope (str):
        assist (list[str] | Unset):
        note (None | str | Unset):
    """

    category: str
    id: str
    lead: str
    scope: str
    assist: list[str] | Unset = UNSET
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        id = self.id

        lead = self.lead

        scope = self.scope

        assist: list[str] | Unset = UNSET
        if not isinstance(self.assist, Unset):
            assist = self.assist

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "id": id,
                "lead": lead,
                "scope": scope,
            }
        )
        if assist is not UNSET:
            field_dict["assist"] = assist
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = d.pop("category")

        id = d.pop("id")

        lead = d.pop("lead")

        scope = d.pop("scope")

        assist = cast(list[str], d.pop("assist", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        rule_read = cls(
            category=category,
            id=id,
            lead=lead,
            scope=scope,
            assist=assist,
            note=note,
        )

        rule_read.additional_properties = d
        return rule_read

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
