from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeSetSummary")


@_attrs_define
class ChangeSetSummary:
    """
    Attributes:
        author (str):
        base_version (int):
        created_at (datetime.datetime):
        id (str):
        reason (str):
        status (str):
        version (int | None | Unset):
    """

    author: str
    base_version: int
    created_at: datetime.datetime
    id: str
    reason: str
    status: str
    version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author

        base_version = self.base_version

        created_at = self.created_at.isoformat()

        id = self.id

        reason = self.reason

        status = self.status

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author": author,
                "base_version": base_version,
                "created_at": created_at,
                "id": id,
                "reason": reason,
                "status": status,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        author = d.pop("author")

        base_version = d.pop("base_version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        reason = d.pop("reason")

        status = d.pop("status")

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        change_set_summary = cls(
            author=author,
            base_version=base_version,
            created_at=created_at,
            id=id,
            reason=reason,
            status=status,
            version=version,
        )

        change_set_summary.additional_properties = d
        return change_set_summary

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
