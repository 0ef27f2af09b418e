from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LayerWrite")


@_attrs_define
class LayerWrite:
    """
    Attributes:
        level (int): 1 is told first, then 2, …
        members (list[str]): Member ids in rotation order
        name (str):
        rrule (str): An iCalendar RRULE, no 'RRULE:' prefix
        shift_minutes (int):
        starts (datetime.datetime): The first shift's start, e.g. 2026-12-01T08:00:00+08:00
    """

    level: int
    members: list[str]
    name: str
    rrule: str
    shift_minutes: int
    starts: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        members = self.members

        name = self.name

        rrule = self.rrule

        shift_minutes = self.shift_minutes

        starts = self.starts.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "level": level,
                "members": members,
                "name": name,
                "rrule": rrule,
                "shift_minutes": shift_minutes,
                "starts": starts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        level = d.pop("level")

        members = cast(list[str], d.pop("members"))

        name = d.pop("name")

        rrule = d.pop("rrule")

        shift_minutes = d.pop("shift_minutes")

        starts = datetime.datetime.fromisoformat(d.pop("starts"))

        layer_write = cls(
            level=level,
            members=members,
            name=name,
            rrule=rrule,
            shift_minutes=shift_minutes,
            starts=starts,
        )

        return layer_write
