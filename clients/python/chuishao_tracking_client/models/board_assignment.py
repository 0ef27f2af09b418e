from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.board_assignment_role import BoardAssignmentRole

T = TypeVar("T", bound="BoardAssignment")


@_attrs_define
class BoardAssignment:
    """
    Attributes:
        ack_due_at (None | str):
        acknowledged_at (None | str):
        department (str):
        department_name (str):
        department_name_en (str):
        role (BoardAssignmentRole):
        status (str):
    """

    ack_due_at: None | str
    acknowledged_at: None | str
    department: str
    department_name: str
    department_name_en: str
    role: BoardAssignmentRole
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ack_due_at: None | str
        ack_due_at = self.ack_due_at

        acknowledged_at: None | str
        acknowledged_at = self.acknowledged_at

        department = self.department

        department_name = self.department_name

        department_name_en = self.department_name_en

        role = self.role.value

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ack_due_at": ack_due_at,
                "acknowledged_at": acknowledged_at,
                "department": department,
                "department_name": department_name,
                "department_name_en": department_name_en,
                "role": role,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_ack_due_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ack_due_at = _parse_ack_due_at(d.pop("ack_due_at"))

        def _parse_acknowledged_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        department = d.pop("department")

        department_name = d.pop("department_name")

        department_name_en = d.pop("department_name_en")

        role = BoardAssignmentRole(d.pop("role"))

        status = d.pop("status")

        board_assignment = cls(
            ack_due_at=ack_due_at,
            acknowledged_at=acknowledged_at,
            department=department,
            department_name=department_name,
            department_name_en=department_name_en,
            role=role,
            status=status,
        )

        board_assignment.additional_properties = d
        return board_assignment

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
