from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApprovalRead")


@_attrs_define
class ApprovalRead:
    """
    Attributes:
        changeset_id (str):
        effective_at (datetime.datetime):
        status (str):
        version (int):
        rule_version (int | None | Unset): The rule set version new cases record (once in force)
    """

    changeset_id: str
    effective_at: datetime.datetime
    status: str
    version: int
    rule_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changeset_id = self.changeset_id

        effective_at = self.effective_at.isoformat()

        status = self.status

        version = self.version

        rule_version: int | None | Unset
        if isinstance(self.rule_version, Unset):
            rule_version = UNSET
        else:
            rule_version = self.rule_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changeset_id": changeset_id,
                "effective_at": effective_at,
                "status": status,
                "version": version,
            }
        )
        if rule_version is not UNSET:
            field_dict["rule_version"] = rule_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        changeset_id = d.pop("changeset_id")

        effective_at = datetime.datetime.fromisoformat(d.pop("effective_at"))

        status = d.pop("status")

        version = d.pop("version")

        def _parse_rule_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rule_version = _parse_rule_version(d.pop("rule_version", UNSET))

        approval_read = cls(
            changeset_id=changeset_id,
            effective_at=effective_at,
            status=status,
            version=version,
            rule_version=rule_version,
        )

        approval_read.additional_properties = d
        return approval_read

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
