from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EscalationLevel")


@_attrs_define
class EscalationLevel:
    """
    Attributes:
        alerted_en (str):
        alerted_zh (str): Who is alerted at this level
        colour (str):
        en (str):
        grade (str):
        level (int):
        zh (str):
    """

    alerted_en: str
    alerted_zh: str
    colour: str
    en: str
    grade: str
    level: int
    zh: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alerted_en = self.alerted_en

        alerted_zh = self.alerted_zh

        colour = self.colour

        en = self.en

        grade = self.grade

        level = self.level

        zh = self.zh

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alerted_en": alerted_en,
                "alerted_zh": alerted_zh,
                "colour": colour,
                "en": en,
                "grade": grade,
                "level": level,
                "zh": zh,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        alerted_en = d.pop("alerted_en")

        alerted_zh = d.pop("alerted_zh")

        colour = d.pop("colour")

        en = d.pop("en")

        grade = d.pop("grade")

        level = d.pop("level")

        zh = d.pop("zh")

        escalation_level = cls(
            alerted_en=alerted_en,
            alerted_zh=alerted_zh,
            colour=colour,
            en=en,
            grade=grade,
            level=level,
            zh=zh,
        )

        escalation_level.additional_properties = d
        return escalation_level

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
