from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DepartmentLoad")


@_attrs_define
class DepartmentLoad:
    """
    Attributes:
        department (str):
        name (str):
        open_ (int):
        overdue (int):
        name_en (None | str | Unset):
    """

    department: str
    name: str
    open_: int
    overdue: int
    name_en: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department = self.department

        name = self.name

        open_ = self.open_

        overdue = self.overdue

        name_en: None | str | Unset
        if isinstance(self.name_en, Unset):
            name_en = UNSET
        else:
            name_en = self.name_en

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department": department,
                "name": name,
                "open": open_,
                "overdue": overdue,
            }
        )
        if name_en is not UNSET:
            field_dict["name_en"] = name_en

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        department = d.pop("department")

        name = d.pop("name")

        open_ = d.pop("open")

        overdue = d.pop("overdue")

        def _parse_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_en = _parse_name_en(d.pop("name_en", UNSET))

        department_load = cls(
            department=department,
            name=name,
            open_=open_,
            overdue=overdue,
            name_en=name_en,
        )

        department_load.additional_properties = d
        return department_load

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
