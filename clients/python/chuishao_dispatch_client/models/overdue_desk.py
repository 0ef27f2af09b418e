from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.case_read import CaseRead
    from ..models.department_load import DepartmentLoad


T = TypeVar("T", bound="OverdueDesk")


@_attrs_define
class OverdueDesk:
    """
    Attributes:
        by_department (list[DepartmentLoad]):
        items (list[CaseRead]):
    """

    by_department: list[DepartmentLoad]
    items: list[CaseRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_department = []
        for by_department_item_data in self.by_department:
            by_department_item = by_department_item_data.to_dict()
            by_department.append(by_department_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_department": by_department,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.case_read import CaseRead
        from ..models.department_load import DepartmentLoad

        d = dict(src_dict)
        by_department = []
        _by_department = d.pop("by_department")
        for by_department_item_data in _by_department:
            by_department_item = DepartmentLoad.from_dict(by_department_item_data)

            by_department.append(by_department_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CaseRead.from_dict(items_item_data)

            items.append(items_item)

        overdue_desk = cls(
            by_department=by_department,
            items=items,
        )

        overdue_desk.additional_properties = d
        return overdue_desk

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
