from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SkillName")


@_attrs_define
class SkillName:
    """
    Attributes:
        code (str):
        name (str):
        name_en (str):
    """

    code: str
    name: str
    name_en: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        name_en = self.name_en

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name": name,
                "name_en": name_en,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        name_en = d.pop("name_en")

        skill_name = cls(
            code=code,
            name=name,
            name_en=name_en,
        )

        return skill_name
