from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.version_read_content_type_0 import VersionReadContentType0


T = TypeVar("T", bound="VersionRead")


@_attrs_define
class VersionRead:
    """
    Attributes:
        created_at (datetime.datetime):
        created_by (str):
        effective_at (datetime.datetime):
        reason (str):
        version (int):
        changeset_id (None | str | Unset):
        content (None | Unset | VersionReadContentType0): The five documents (left out when `known`)
        rule_version (int | None | Unset):
    """

    created_at: datetime.datetime
    created_by: str
    effective_at: datetime.datetime
    reason: str
    version: int
    changeset_id: None | str | Unset = UNSET
    content: None | Unset | VersionReadContentType0 = UNSET
    rule_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.version_read_content_type_0 import VersionReadContentType0

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        effective_at = self.effective_at.isoformat()

        reason = self.reason

        version = self.version

        changeset_id: None | str | Unset
        if isinstance(self.changeset_id, Unset):
            changeset_id = UNSET
        else:
            changeset_id = self.changeset_id

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, VersionReadContentType0):
            content = self.content.to_dict()
        else:
            content = self.content

        rule_version: int | None | Unset
        if isinstance(self.rule_version, Unset):
            rule_version = UNSET
        else:
            rule_version = self.rule_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "effective_at": effective_at,
                "reason": reason,
                "version": version,
            }
        )
        if changeset_id is not UNSET:
            field_dict["changeset_id"] = changeset_id
        if content is not UNSET:
            field_dict["content"] = content
        if rule_version is not UNSET:
            field_dict["rule_version"] = rule_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.version_read_content_type_0 import VersionReadContentType0

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        effective_at = datetime.datetime.fromisoformat(d.pop("effective_at"))

        reason = d.pop("reason")

        version = d.pop("version")

        def _parse_changeset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        changeset_id = _parse_changeset_id(d.pop("changeset_id", UNSET))

        def _parse_content(data: object) -> None | Unset | VersionReadContentType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_type_0 = VersionReadContentType0.from_dict(data)

                return content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VersionReadContentType0, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_rule_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rule_version = _parse_rule_version(d.pop("rule_version", UNSET))

        version_read = cls(
            created_at=created_at,
            created_by=created_by,
            effective_at=effective_at,
            reason=reason,
            version=version,
            changeset_id=changeset_id,
            content=content,
            rule_version=rule_version,
        )

        version_read.additional_properties = d
        return version_read

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
