from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoleIn")


@_attrs_define
class RoleIn:
    """
    Attributes:
        role (str): grid_worker, liaison, dispatcher, admin, ops, community_staff, volunteer or unit_contact
        community (None | str | Unset): community_staff, volunteer
        department (None | str | Unset): liaison: their department
        grids (list[str] | None | Unset): grid_worker: the grids they patrol
        jurisdiction (None | str | Unset): dispatcher: their duty desk's area
        unit (None | str | Unset): unit_contact: the co-building unit
    """

    role: str
    community: None | str | Unset = UNSET
    department: None | str | Unset = UNSET
    grids: list[str] | None | Unset = UNSET
    jurisdiction: None | str | Unset = UNSET
    unit: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        community: None | str | Unset
        if isinstance(self.community, Unset):
            community = UNSET
        else:
            community = self.community

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

        grids: list[str] | None | Unset
        if isinstance(self.grids, Unset):
            grids = UNSET
        elif isinstance(self.grids, list):
            grids = self.grids

        else:
            grids = self.grids

        jurisdiction: None | str | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        else:
            jurisdiction = self.jurisdiction

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )
        if community is not UNSET:
            field_dict["community"] = community
        if department is not UNSET:
            field_dict["department"] = department
        if grids is not UNSET:
            field_dict["grids"] = grids
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = d.pop("role")

        def _parse_community(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        community = _parse_community(d.pop("community", UNSET))

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

        def _parse_grids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                grids_type_0 = cast(list[str], data)

                return grids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        grids = _parse_grids(d.pop("grids", UNSET))

        def _parse_jurisdiction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        role_in = cls(
            role=role,
            community=community,
            department=department,
            grids=grids,
            jurisdiction=jurisdiction,
            unit=unit,
        )

        return role_in
