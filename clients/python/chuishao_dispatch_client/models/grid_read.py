from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GridRead")


@_attrs_define
class GridRead:
    """
    Attributes:
        code (str):
        community (str):
        community_name (str):
        community_name_en (str):
        name (str):
        name_en (str):
    """

    code: str
    community: str
    community_name: str
    community_name_en: str
    name: str
    name_en: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        community = self.community

        community_name = self.community_name

        community_name_en = self.community_name_en

        name = self.name

        name_en = self.name_en

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "community": community,
                "community_name": community_name,
                "community_name_en": community_name_en,
                "name": name,
                "name_en": name_en,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        community = d.pop("community")

        community_name = d.pop("community_name")

        community_name_en = d.pop("community_name_en")

        name = d.pop("name")

        name_en = d.pop("name_en")

        grid_read = cls(
            code=code,
            community=community,
            community_name=community_name,
            community_name_en=community_name_en,
            name=name,
            name_en=name_en,
        )

        grid_read.additional_properties = d
        return grid_read

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
