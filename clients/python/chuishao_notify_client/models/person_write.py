from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonWrite")


@_attrs_define
class PersonWrite:
    """
    Attributes:
        name (str):
        mobile (str | Unset): For the group robot's @mention; never shown whole Default: ''.
    """

    name: str
    mobile: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        mobile = self.mobile

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if mobile is not UNSET:
            field_dict["mobile"] = mobile

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        mobile = d.pop("mobile", UNSET)

        person_write = cls(
            name=name,
            mobile=mobile,
        )

        return person_write
