from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Departments")


@_attrs_define
class Departments:
    """
    Attributes:
        departments (list[str]):
        reason (str):
    """

    departments: list[str]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        departments = self.departments

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "departments": departments,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        departments = cast(list[str], d.pop("departments"))

        reason = d.pop("reason")

        departments = cls(
            departments=departments,
            reason=reason,
        )

        return departments
