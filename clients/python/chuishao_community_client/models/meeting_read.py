from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_read_missing_item import MeetingReadMissingItem
from ..models.meeting_read_step import MeetingReadStep

if TYPE_CHECKING:
    from ..models.meeting_read_attendance_item import MeetingReadAttendanceItem
    from ..models.meeting_read_options_item import MeetingReadOptionsItem
    from ..models.meeting_read_present import MeetingReadPresent


T = TypeVar("T", bound="MeetingRead")


@_attrs_define
class MeetingRead:
    """
    Attributes:
        agenda (list[str]):
        at (datetime.datetime):
        attendance (list[MeetingReadAttendanceItem]):
        id (str):
        missing (list[MeetingReadMissingItem]):
        options (list[MeetingReadOptionsItem]):
        place (str):
        present (MeetingReadPresent):
        quorate (bool):
        step (MeetingReadStep):
        topic_id (str):
    """

    agenda: list[str]
    at: datetime.datetime
    attendance: list[MeetingReadAttendanceItem]
    id: str
    missing: list[MeetingReadMissingItem]
    options: list[MeetingReadOptionsItem]
    place: str
    present: MeetingReadPresent
    quorate: bool
    step: MeetingReadStep
    topic_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agenda = self.agenda

        at = self.at.isoformat()

        attendance = []
        for attendance_item_data in self.attendance:
            attendance_item = attendance_item_data.to_dict()
            attendance.append(attendance_item)

        id = self.id

        missing = []
        for missing_item_data in self.missing:
            missing_item = missing_item_data.value
            missing.append(missing_item)

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        place = self.place

        present = self.present.to_dict()

        quorate = self.quorate

        step = self.step.value

        topic_id = self.topic_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agenda": agenda,
                "at": at,
                "attendance": attendance,
                "id": id,
                "missing": missing,
                "options": options,
                "place": place,
                "present": present,
                "quorate": quorate,
                "step": step,
                "topic_id": topic_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meeting_read_attendance_item import MeetingReadAttendanceItem
        from ..models.meeting_read_options_item import MeetingReadOptionsItem
        from ..models.meeting_read_present import MeetingReadPresent

        d = dict(src_dict)
        agenda = cast(list[str], d.pop("agenda"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        attendance = []
        _attendance = d.pop("attendance")
        for attendance_item_data in _attendance:
            attendance_item = MeetingReadAttendanceItem.from_dict(attendance_item_data)

            attendance.append(attendance_item)

        id = d.pop("id")

        missing = []
        _missing = d.pop("missing")
        for missing_item_data in _missing:
            missing_item = MeetingReadMissingItem(missing_item_data)

            missing.append(missing_item)

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = MeetingReadOptionsItem.from_dict(options_item_data)

            options.append(options_item)

        place = d.pop("place")

        present = MeetingReadPresent.from_dict(d.pop("present"))

        quorate = d.pop("quorate")

        step = MeetingReadStep(d.pop("step"))

        topic_id = d.pop("topic_id")

        meeting_read = cls(
            agenda=agenda,
            at=at,
            attendance=attendance,
            id=id,
            missing=missing,
            options=options,
            place=place,
            present=present,
            quorate=quorate,
            step=step,
            topic_id=topic_id,
        )

        meeting_read.additional_properties = d
        return meeting_read

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
