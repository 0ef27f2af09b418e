from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category_read_default_severity import CategoryReadDefaultSeverity
from ..types import UNSET, Unset

T = TypeVar("T", bound="CategoryRead")


@_attrs_define
class CategoryRead:
    """
    Attributes:
        code (str):
        default_severity (CategoryReadDefaultSeverity):
        kind (str):
        major (str):
        major_name (str):
        name (str):
        major_name_en (None | str | Unset):
        name_en (None | str | Unset):
    """

    code: str
    default_severity: CategoryReadDefaultSeverity
    kind: str
    major: str
    major_name: str
    name: str
    major_name_en: None | str | Unset = UNSET
    name_en: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        default_severity = self.default_severity.value

        kind = self.kind

        major = self.major

        major_name = self.major_name

        name = self.name

        major_name_en: None | str | Unset
        if isinstance(self.major_name_en, Unset):
            major_name_en = UNSET
        else:
            major_name_en = self.major_name_en

        name_en: None | str | Unset
        if isinstance(self.name_en, Unset):
            name_en = UNSET
        else:
            name_en = self.name_en

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "default_severity": default_severity,
                "kind": kind,
                "major": major,
                "major_name": major_name,
                "name": name,
            }
        )
        if major_name_en is not UNSET:
            field_dict["major_name_en"] = major_name_en
        if name_en is not UNSET:
            field_dict["name_en"] = name_en

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        default_severity = CategoryReadDefaultSeverity(d.pop("default_severity"))

        kind = d.pop("kind")

        major = d.pop("major")

        major_name = d.pop("major_name")

        name = d.pop("name")

        def _parse_major_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        major_name_en = _parse_major_name_en(d.pop("major_name_en", UNSET))

        def _parse_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_en = _parse_name_en(d.pop("name_en", UNSET))

        category_read = cls(
            code=code,
            default_severity=default_severity,
            kind=kind,
            major=major,
            major_name=major_name,
            name=name,
            major_name_en=major_name_en,
            name_en=name_en,
        )

        category_read.additional_properties = d
        return category_read

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
