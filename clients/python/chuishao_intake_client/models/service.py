from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Service")


@_attrs_define
class Service:
    """
    Attributes:
        description (str):
        group (str):
        keywords (str):
        metadata (bool):
        service_code (str):
        service_name (str):
        type_ (str):
    """

    description: str
    group: str
    keywords: str
    metadata: bool
    service_code: str
    service_name: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        group = self.group

        keywords = self.keywords

        metadata = self.metadata

        service_code = self.service_code

        service_name = self.service_name

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "group": group,
                "keywords": keywords,
                "metadata": metadata,
                "service_code": service_code,
                "service_name": service_name,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        description = d.pop("description")

        group = d.pop("group")

        keywords = d.pop("keywords")

        metadata = d.pop("metadata")

        service_code = d.pop("service_code")

        service_name = d.pop("service_name")

        type_ = d.pop("type")

        service = cls(
            description=description,
            group=group,
            keywords=keywords,
            metadata=metadata,
            service_code=service_code,
            service_name=service_name,
            type_=type_,
        )

        service.additional_properties = d
        return service

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
