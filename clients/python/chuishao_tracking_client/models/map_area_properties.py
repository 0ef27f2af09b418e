from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MapAreaProperties")


@_attrs_define
class MapAreaProperties:
    """
    Attributes:
        blue (int): Open matters at escalation level 1 (蓝色督办)
        code (str):
        grade (None | str): The highest escalation grade among the open matters (red, yellow, blue)
        name (str):
        name_en (str):
        open_ (int): Open matters (not yet resolved)
        overdue (int): Overdue: the case is at work (dispatched, acknowledged, in_progress or reopened) and the earliest
            deadline its departments still owe has passed: the acknowledge deadline of a department that has not reported in
            (报到), or the case's resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are never overdue; the
            escalation level does not count, so a case whose owed deadlines are met again is no longer overdue.
        red (int): … at level 3 (红色督办)
        yellow (int): … at level 2 (黄色督办)
    """

    blue: int
    code: str
    grade: None | str
    name: str
    name_en: str
    open_: int
    overdue: int
    red: int
    yellow: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        blue = self.blue

        code = self.code

        grade: None | str
        grade = self.grade

        name = self.name

        name_en = self.name_en

        open_ = self.open_

        overdue = self.overdue

        red = self.red

        yellow = self.yellow

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "blue": blue,
                "code": code,
                "grade": grade,
                "name": name,
                "name_en": name_en,
                "open": open_,
                "overdue": overdue,
                "red": red,
                "yellow": yellow,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        blue = d.pop("blue")

        code = d.pop("code")

        def _parse_grade(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        grade = _parse_grade(d.pop("grade"))

        name = d.pop("name")

        name_en = d.pop("name_en")

        open_ = d.pop("open")

        overdue = d.pop("overdue")

        red = d.pop("red")

        yellow = d.pop("yellow")

        map_area_properties = cls(
            blue=blue,
            code=code,
            grade=grade,
            name=name,
            name_en=name_en,
            open_=open_,
            overdue=overdue,
            red=red,
            yellow=yellow,
        )

        map_area_properties.additional_properties = d
        return map_area_properties

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
