from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SlotBody")


@_attrs_define
class SlotBody:
    """
    Attributes:
        capacity (int):
        code (str):
        skill (None | str | Unset):
    """

    capacity: int
    code: str
    skill: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        code = self.code

        skill: None | str | Unset
        if isinstance(self.skill, Unset):
            skill = UNSET
        else:
            skill = self.skill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capacity": capacity,
                "code": code,
            }
        )
        if skill is not UNSET:
            field_dict["skill"] = skill

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        capacity = d.pop("capacity")

        code = d.pop("code")

        def _parse_skill(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        skill = _parse_skill(d.pop("skill", UNSET))

        slot_body = cls(
            capacity=capacity,
            code=code,
            skill=skill,
        )

        return slot_body
