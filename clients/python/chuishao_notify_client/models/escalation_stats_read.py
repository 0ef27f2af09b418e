from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.escalation_department_figures import EscalationDepartmentFigures
    from ..models.escalation_summary import EscalationSummary


T = TypeVar("T", bound="EscalationStatsRead")


@_attrs_define
class EscalationStatsRead:
    """
    Attributes:
        departments (list[EscalationDepartmentFigures]): Each department with chains in the period
        from_ (str): The period's start (chains started from then)
        to (str): The period's end (exclusive)
        total (EscalationSummary):
    """

    departments: list[EscalationDepartmentFigures]
    from_: str
    to: str
    total: EscalationSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        departments = []
        for departments_item_data in self.departments:
            departments_item = departments_item_data.to_dict()
            departments.append(departments_item)

        from_ = self.from_

        to = self.to

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "departments": departments,
                "from": from_,
                "to": to,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.escalation_department_figures import EscalationDepartmentFigures
        from ..models.escalation_summary import EscalationSummary

        d = dict(src_dict)
        departments = []
        _departments = d.pop("departments")
        for departments_item_data in _departments:
            departments_item = EscalationDepartmentFigures.from_dict(
                departments_item_data
            )

            departments.append(departments_item)

        from_ = d.pop("from")

        to = d.pop("to")

        total = EscalationSummary.from_dict(d.pop("total"))

        escalation_stats_read = cls(
            departments=departments,
            from_=from_,
            to=to,
            total=total,
        )

        escalation_stats_read.additional_properties = d
        return escalation_stats_read

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
