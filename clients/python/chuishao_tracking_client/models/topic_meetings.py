from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TopicMeetings")


@_attrs_define
class TopicMeetings:
    """
    Attributes:
        held (int):
        quorate (int): Meetings with all four parties present
        last_at (None | str | Unset):
    """

    held: int
    quorate: int
    last_at: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        held = self.held

        quorate = self.quorate

        last_at: None | str | Unset
        if isinstance(self.last_at, Unset):
            last_at = UNSET
        else:
            last_at = self.last_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "held": held,
                "quorate": quorate,
            }
        )
        if last_at is not UNSET:
            field_dict["last_at"] = last_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        held = d.pop("held")

        quorate = d.pop("quorate")

        def _parse_last_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_at = _parse_last_at(d.pop("last_at", UNSET))

        topic_meetings = cls(
            held=held,
            quorate=quorate,
            last_at=last_at,
        )

        return topic_meetings
