from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AssignmentView")


@_attrs_define
class AssignmentView:
    """
    Attributes:
        department (str):
        role (str):
        status (str):
        ack_due_at (datetime.datetime | None | Unset):
        acknowledged_at (datetime.datetime | None | Unset):
    """

    department: str
    role: str
    status: str
    ack_due_at: datetime.datetime | None | Unset = UNSET
    acknowledged_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department = self.department

        role = self.role

        status = self.status

        ack_due_at: None | str | Unset
        if isinstance(self.ack_due_at, Unset):
            ack_due_at = UNSET
        elif isinstance(self.ack_due_at, datetime.datetime):
            ack_due_at = self.ack_due_at.isoformat()
        else:
            ack_due_at = self.ack_due_at

        acknowledged_at: None | str | Unset
        if isinstance(self.acknowledged_at, Unset):
            acknowledged_at = UNSET
        elif isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        department = d.pop("department")

        role = d.pop("role")

        status = d.pop("status")

        def _parse_ack_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ack_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return ack_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ack_due_at = _parse_ack_due_at(d.pop("ack_due_at", UNSET))

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at", UNSET))

        assignment_view = cls(
            department=department,
            role=role,
            status=status,
            ack_due_at=ack_due_at,
            acknowledged_at=acknowledged_at,
        )

        assignment_view.additional_properties = d
        return assignment_view

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
