from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assignment_view import AssignmentView


T = TypeVar("T", bound="CaseView")


@_attrs_define
class CaseView:
    """
    Attributes:
        status (str):
        assignments (list[AssignmentView] | Unset):
        closed_at (datetime.datetime | None | Unset):
        escalation_level (int | Unset):  Default: 0.
        resolve_due_at (datetime.datetime | None | Unset):
        resolved_at (datetime.datetime | None | Unset):
        rework_count (int | Unset):  Default: 0.
        whistle_count (int | Unset):  Default: 1.
    """

    status: str
    assignments: list[AssignmentView] | Unset = UNSET
    closed_at: datetime.datetime | None | Unset = UNSET
    escalation_level: int | Unset = 0
    resolve_due_at: datetime.datetime | None | Unset = UNSET
    resolved_at: datetime.datetime | None | Unset = UNSET
    rework_count: int | Unset = 0
    whistle_count: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        assignments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.assignments, Unset):
            assignments = []
            for assignments_item_data in self.assignments:
                assignments_item = assignments_item_data.to_dict()
                assignments.append(assignments_item)

        closed_at: None | str | Unset
        if isinstance(self.closed_at, Unset):
            closed_at = UNSET
        elif isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        escalation_level = self.escalation_level

        resolve_due_at: None | str | Unset
        if isinstance(self.resolve_due_at, Unset):
            resolve_due_at = UNSET
        elif isinstance(self.resolve_due_at, datetime.datetime):
            resolve_due_at = self.resolve_due_at.isoformat()
        else:
            resolve_due_at = self.resolve_due_at

        resolved_at: None | str | Unset
        if isinstance(self.resolved_at, Unset):
            resolved_at = UNSET
        elif isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        rework_count = self.rework_count

        whistle_count = self.whistle_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if assignments is not UNSET:
            field_dict["assignments"] = assignments
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at
        if escalation_level is not UNSET:
            field_dict["escalation_level"] = escalation_level
        if resolve_due_at is not UNSET:
            field_dict["resolve_due_at"] = resolve_due_at
        if resolved_at is not UNSET:
            field_dict["resolved_at"] = resolved_at
        if rework_count is not UNSET:
            field_dict["rework_count"] = rework_count
        if whistle_count is not UNSET:
            field_dict["whistle_count"] = whistle_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assignment_view import AssignmentView

        d = dict(src_dict)
        status = d.pop("status")

        _assignments = d.pop("assignments", UNSET)
        assignments: list[AssignmentView] | Unset = UNSET
        if _assignments is not UNSET:
            assignments = []
            for assignments_item_data in _assignments:
                assignments_item = AssignmentView.from_dict(assignments_item_data)

                assignments.append(assignments_item)

        def _parse_closed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        closed_at = _parse_closed_at(d.pop("closed_at", UNSET))

        escalation_level = d.pop("escalation_level", UNSET)

        def _parse_resolve_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolve_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolve_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        resolve_due_at = _parse_resolve_due_at(d.pop("resolve_due_at", UNSET))

        def _parse_resolved_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at", UNSET))

        rework_count = d.pop("rework_count", UNSET)

        whistle_count = d.pop("whistle_count", UNSET)

        case_view = cls(
            status=status,
            assignments=assignments,
            closed_at=closed_at,
            escalation_level=escalation_level,
            resolve_due_at=resolve_due_at,
            resolved_at=resolved_at,
            rework_count=rework_count,
            whistle_count=whistle_count,
        )

        case_view.additional_properties = d
        return case_view

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
