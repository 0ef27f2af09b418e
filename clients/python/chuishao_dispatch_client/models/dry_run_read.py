from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.dry_run_read_totals import DryRunReadTotals
    from ..models.dry_run_row import DryRunRow


T = TypeVar("T", bound="DryRunRead")


@_attrs_define
class DryRunRead:
    """The last `days` of cases replayed through the rules and SLA in force and through the change set.

    Attributes:
        cases (int):
        cases_moved (int):
        changeset_id (str):
        days (int):
        departments (list[DryRunRow]):
        in_force_version (int):
        totals (DryRunReadTotals):
    """

    cases: int
    cases_moved: int
    changeset_id: str
    days: int
    departments: list[DryRunRow]
    in_force_version: int
    totals: DryRunReadTotals
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cases = self.cases

        cases_moved = self.cases_moved

        changeset_id = self.changeset_id

        days = self.days

        departments = []
        for departments_item_data in self.departments:
            departments_item = departments_item_data.to_dict()
            departments.append(departments_item)

        in_force_version = self.in_force_version

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cases": cases,
                "cases_moved": cases_moved,
                "changeset_id": changeset_id,
                "days": days,
                "departments": departments,
                "in_force_version": in_force_version,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dry_run_read_totals import DryRunReadTotals
        from ..models.dry_run_row import DryRunRow

        d = dict(src_dict)
        cases = d.pop("cases")

        cases_moved = d.pop("cases_moved")

        changeset_id = d.pop("changeset_id")

        days = d.pop("days")

        departments = []
        _departments = d.pop("departments")
        for departments_item_data in _departments:
            departments_item = DryRunRow.from_dict(departments_item_data)

            departments.append(departments_item)

        in_force_version = d.pop("in_force_version")

        totals = DryRunReadTotals.from_dict(d.pop("totals"))

        dry_run_read = cls(
            cases=cases,
            cases_moved=cases_moved,
            changeset_id=changeset_id,
            days=days,
            departments=departments,
            in_force_version=in_force_version,
            totals=totals,
        )

        dry_run_read.additional_properties = d
        return dry_run_read

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
