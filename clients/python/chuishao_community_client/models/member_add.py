from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.member_add_role import MemberAddRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberAdd")


@_attrs_define
class MemberAdd:
    """
    Attributes:
        member (str): An active member of the community (id)
        role (MemberAddRole | Unset):  Default: MemberAddRole.MEMBER.
        start_date (datetime.date | None | Unset): Default today; never in the future
    """

    member: str
    role: MemberAddRole | Unset = MemberAddRole.MEMBER
    start_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        member = self.member

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "member": member,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role
        if start_date is not UNSET:
            field_dict["start_date"] = start_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        member = d.pop("member")

        _role = d.pop("role", UNSET)
        role: MemberAddRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = MemberAddRole(_role)

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        member_add = cls(
            member=member,
            role=role,
            start_date=start_date,
        )

        return member_add
