from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.option_in import OptionIn
    from ..models.person_in import PersonIn


T = TypeVar("T", bound="MeetingCreate")


@_attrs_define
class MeetingCreate:
    """
    Attributes:
        agenda (list[str]):
        at (datetime.datetime):
        place (str):
        attendance (list[PersonIn] | Unset):
        options (list[OptionIn] | Unset):
    """

    agenda: list[str]
    at: datetime.datetime
    place: str
    attendance: list[PersonIn] | Unset = UNSET
    options: list[OptionIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agenda = self.agenda

        at = self.at.isoformat()

        place = self.place

        attendance: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attendance, Unset):
            attendance = []
            for attendance_item_data in self.attendance:
                attendance_item = attendance_item_data.to_dict()
                attendance.append(attendance_item)

        options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = []
            for options_item_data in self.options:
                options_item = options_item_data.to_dict()
                options.append(options_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agenda": agenda,
                "at": at,
                "place": place,
            }
        )
        if attendance is not UNSET:
            field_dict["attendance"] = attendance
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.option_in import OptionIn
        from ..models.person_in import PersonIn

        d = dict(src_dict)
        agenda = cast(list[str], d.pop("agenda"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        place = d.pop("place")

        _attendance = d.pop("attendance", UNSET)
        attendance: list[PersonIn] | Unset = UNSET
        if _attendance is not UNSET:
            attendance = []
            for attendance_item_data in _attendance:
                attendance_item = PersonIn.from_dict(attendance_item_data)

                attendance.append(attendance_item)

        _options = d.pop("options", UNSET)
        options: list[OptionIn] | Unset = UNSET
        if _options is not UNSET:
            options = []
            for options_item_data in _options:
                options_item = OptionIn.from_dict(options_item_data)

                options.append(options_item)

        meeting_create = cls(
            agenda=agenda,
            at=at,
            place=place,
            attendance=attendance,
            options=options,
        )

        return meeting_create
