from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_read_role import AssignmentReadRole
from ..models.assignment_read_status import AssignmentReadStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="AssignmentRead")


@_attrs_define
class AssignmentRead:
    """
    Attributes:
        department (str):
        role (AssignmentReadRole):
        status (AssignmentReadStatus):
        ack_due_at (None | str | Unset):
        acknowledged_at (None | str | Unset):
        done_at (None | str | Unset):
        returned_reason (None | str | Unset):
    """

    department: str
    role: AssignmentReadRole
    status: AssignmentReadStatus
    ack_due_at: None | str | Unset = UNSET
    acknowledged_at: None | str | Unset = UNSET
    done_at: None | str | Unset = UNSET
    returned_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department = self.department

        role = self.role.value

        status = self.status.value

        ack_due_at: None | str | Unset
        if isinstance(self.ack_due_at, Unset):
            ack_due_at = UNSET
        else:
            ack_due_at = self.ack_due_at

        acknowledged_at: None | str | Unset
        if isinstance(self.acknowledged_at, Unset):
            acknowledged_at = UNSET
        else:
            acknowledged_at = self.acknowledged_at

        done_at: None | str | Unset
        if isinstance(self.done_at, Unset):
            done_at = UNSET
        else:
            done_at = self.done_at

        returned_reason: None | str | Unset
        if isinstance(self.returned_reason, Unset):
            returned_reason = UNSET
        else:
            returned_reason = self.returned_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department": department,
                "role": role,
                "status": status,
            }
        )
        if ack_due_at is not UNSET:
            field_dict["ack_due_at"] = ack_due_at
        if acknowledged_at is not UNSET:
            field_dict["acknowledged_at"] = acknowledged_at
        if done_at is not UNSET:
            field_dict["done_at"] = done_at
        if returned_reason is not UNSET:
            field_dict["returned_reason"] = returned_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        department = d.pop("department")

        role = AssignmentReadRole(d.pop("role"))

        status = AssignmentReadStatus(d.pop("status"))

        def _parse_ack_due_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ack_due_at = _parse_ack_due_at(d.pop("ack_due_at", UNSET))

        def _parse_acknowledged_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at", UNSET))

        def _parse_done_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_at = _parse_done_at(d.pop("done_at", UNSET))

        def _parse_returned_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        returned_reason = _parse_returned_reason(d.pop("returned_reason", UNSET))

        assignment_read = cls(
            department=department,
            role=role,
            status=status,
            ack_due_at=ack_due_at,
            acknowledged_at=acknowledged_at,
            done_at=done_at,
            returned_reason=returned_reason,
        )

        assignment_read.additional_properties = d
        return assignment_read

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
