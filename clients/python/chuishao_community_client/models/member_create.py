from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberCreate")


@_attrs_define
class MemberCreate:
    """
    Attributes:
        community (str):
        grid (str):
        name (str):
        phone (str):
        availability (list[str] | Unset): Weekly availability, e.g. `sat-am`, `weekday-evening`
        branch (None | str | Unset): The party branch (党支部), for party members
        party_member (bool | Unset):  Default: False.
        skills (list[str] | Unset):
        sub (None | str | Unset): Staff registering someone: the person's account subject, when known
        work_unit (str | Unset):  Default: ''.
    """

    community: str
    grid: str
    name: str
    phone: str
    availability: list[str] | Unset = UNSET
    branch: None | str | Unset = UNSET
    party_member: bool | Unset = False
    skills: list[str] | Unset = UNSET
    sub: None | str | Unset = UNSET
    work_unit: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        grid = self.grid

        name = self.name

        phone = self.phone

        availability: list[str] | Unset = UNSET
        if not isinstance(self.availability, Unset):
            availability = self.availability

        branch: None | str | Unset
        if isinstance(self.branch, Unset):
            branch = UNSET
        else:
            branch = self.branch

        party_member = self.party_member

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        sub: None | str | Unset
        if isinstance(self.sub, Unset):
            sub = UNSET
        else:
            sub = self.sub

        work_unit = self.work_unit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "community": community,
                "grid": grid,
                "name": name,
                "phone": phone,
            }
        )
        if availability is not UNSET:
            field_dict["availability"] = availability
        if branch is not UNSET:
            field_dict["branch"] = branch
        if party_member is not UNSET:
            field_dict["party_member"] = party_member
        if skills is not UNSET:
            field_dict["skills"] = skills
        if sub is not UNSET:
            field_dict["sub"] = sub
        if work_unit is not UNSET:
            field_dict["work_unit"] = work_unit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        community = d.pop("community")

        grid = d.pop("grid")

        name = d.pop("name")

        phone = d.pop("phone")

        availability = cast(list[str], d.pop("availability", UNSET))

        def _parse_branch(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        branch = _parse_branch(d.pop("branch", UNSET))

        party_member = d.pop("party_member", UNSET)

        skills = cast(list[str], d.pop("skills", UNSET))

        def _parse_sub(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sub = _parse_sub(d.pop("sub", UNSET))

        work_unit = d.pop("work_unit", UNSET)

        member_create = cls(
            community=community,
            grid=grid,
            name=name,
            phone=phone,
            availability=availability,
            branch=branch,
            party_member=party_member,
            skills=skills,
            sub=sub,
            work_unit=work_unit,
        )

        return member_create
