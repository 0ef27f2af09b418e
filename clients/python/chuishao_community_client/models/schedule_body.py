from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduleBody")


@_attrs_define
class ScheduleBody:
    """
    Attributes:
        rrule (str): An RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA,SU
        closes (None | str | Unset):
        description (None | str | Unset):
        opens (None | str | Unset):
    """

    rrule: str
    closes: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    opens: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rrule = self.rrule

        closes: None | str | Unset
        if isinstance(self.closes, Unset):
            closes = UNSET
        else:
            closes = self.closes

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        opens: None | str | Unset
        if isinstance(self.opens, Unset):
            opens = UNSET
        else:
            opens = self.opens

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rrule": rrule,
            }
        )
        if closes is not UNSET:
            field_dict["closes"] = closes
        if description is not UNSET:
            field_dict["description"] = description
        if opens is not UNSET:
            field_dict["opens"] = opens

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rrule = d.pop("rrule")

        def _parse_closes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closes = _parse_closes(d.pop("closes", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_opens(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        opens = _parse_opens(d.pop("opens", UNSET))

        schedule_body = cls(
            rrule=rrule,
            closes=closes,
            description=description,
            opens=opens,
        )

        return schedule_body
