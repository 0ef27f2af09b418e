from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleIn")


@_attrs_define
class RuleIn:
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

        rule_in = cls(
            category=category,
            id=id,
            lead=lead,
            scope=scope,
            assist=assist,
            note=note,
        )

        return rule_in
