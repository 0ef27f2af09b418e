from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_read_status import MemberReadStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberRead")


@_attrs_define
class MemberRead:
    """
    Attributes:
        availability (list[str]):
        community (str):
        grid (str):
        id (str):
        name (str):
        party_member (bool):
        phone (str):
        skills (list[str]):
        status (MemberReadStatus):
        work_unit (str):
        branch (None | str | Unset):
        confirmed_at (datetime.datetime | None | Unset):
        hours_this_year (float | None | Unset):
        registered_at (datetime.datetime | None | Unset):
    """

    availability: list[str]
    community: str
    grid: str
    id: str
    name: str
    party_member: bool
    phone: str
    skills: list[str]
    status: MemberReadStatus
    work_unit: str
    branch: None | str | Unset = UNSET
    confirmed_at: datetime.datetime | None | Unset = UNSET
    hours_this_year: float | None | Unset = UNSET
    registered_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        availability = self.availability

        community = self.community

        grid = self.grid

        id = self.id

        name = self.name

        party_member = self.party_member

        phone = self.phone

        skills = self.skills

        status = self.status.value

        work_unit = self.work_unit

        branch: None | str | Unset
        if isinstance(self.branch, Unset):
            branch = UNSET
        else:
            branch = self.branch

        confirmed_at: None | str | Unset
        if isinstance(self.confirmed_at, Unset):
            confirmed_at = UNSET
        elif isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        hours_this_year: float | None | Unset
        if isinstance(self.hours_this_year, Unset):
            hours_this_year = UNSET
        else:
            hours_this_year = self.hours_this_year

        registered_at: None | str | Unset
        if isinstance(self.registered_at, Unset):
            registered_at = UNSET
        elif isinstance(self.registered_at, datetime.datetime):
            registered_at = self.registered_at.isoformat()
        else:
            registered_at = self.registered_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "availability": availability,
                "community": community,
                "grid": grid,
                "id": id,
                "name": name,
                "party_member": party_member,
                "phone": phone,
                "skills": skills,
                "status": status,
                "work_unit": work_unit,
            }
        )
        if branch is not UNSET:
            field_dict["branch"] = branch
        if confirmed_at is not UNSET:
            field_dict["confirmed_at"] = confirmed_at
        if hours_this_year is not UNSET:
            field_dict["hours_this_year"] = hours_this_year
        if registered_at is not UNSET:
            field_dict["registered_at"] = registered_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        availability = cast(list[str], d.pop("availability"))

        community = d.pop("community")

        grid = d.pop("grid")

        id = d.pop("id")

        name = d.pop("name")

        party_member = d.pop("party_member")

        phone = d.pop("phone")

        skills = cast(list[str], d.pop("skills"))

        status = MemberReadStatus(d.pop("status"))

        work_unit = d.pop("work_unit")

        def _parse_branch(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        branch = _parse_branch(d.pop("branch", UNSET))

        def _parse_confirmed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at", UNSET))

        def _parse_hours_this_year(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hours_this_year = _parse_hours_this_year(d.pop("hours_this_year", UNSET))

        def _parse_registered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registered_at_type_0 = datetime.datetime.fromisoformat(data)

                return registered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        registered_at = _parse_registered_at(d.pop("registered_at", UNSET))

        member_read = cls(
            availability=availability,
            community=community,
            grid=grid,
            id=id,
            name=name,
            party_member=party_member,
            phone=phone,
            skills=skills,
            status=status,
            work_unit=work_unit,
            branch=branch,
            confirmed_at=confirmed_at,
            hours_this_year=hours_this_year,
            registered_at=registered_at,
        )

        member_read.additional_properties = d
        return member_read

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
