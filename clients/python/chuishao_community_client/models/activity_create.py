from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activity_place_body import ActivityPlaceBody
    from ..models.slot_body import SlotBody


T = TypeVar("T", bound="ActivityCreate")


@_attrs_define
class ActivityCreate:
    """
    Attributes:
        ends_at (datetime.datetime):
        place (ActivityPlaceBody):
        slots (list[SlotBody]):
        starts_at (datetime.datetime):
        title (str):
        description (str | Unset):  Default: ''.
        organiser (None | str | Unset): The organiser's account subject
        team (None | str | Unset):
    """

    ends_at: datetime.datetime
    place: ActivityPlaceBody
    slots: list[SlotBody]
    starts_at: datetime.datetime
    title: str
    description: str | Unset = ""
    organiser: None | str | Unset = UNSET
    team: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ends_at = self.ends_at.isoformat()

        place = self.place.to_dict()

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        starts_at = self.starts_at.isoformat()

        title = self.title

        description = self.description

        organiser: None | str | Unset
        if isinstance(self.organiser, Unset):
            organiser = UNSET
        else:
            organiser = self.organiser

        team: None | str | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        else:
            team = self.team

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ends_at": ends_at,
                "place": place,
                "slots": slots,
                "starts_at": starts_at,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if organiser is not UNSET:
            field_dict["organiser"] = organiser
        if team is not UNSET:
            field_dict["team"] = team

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.activity_place_body import ActivityPlaceBody
        from ..models.slot_body import SlotBody

        d = dict(src_dict)
        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        place = ActivityPlaceBody.from_dict(d.pop("place"))

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = SlotBody.from_dict(slots_item_data)

            slots.append(slots_item)

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        title = d.pop("title")

        description = d.pop("description", UNSET)

        def _parse_organiser(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organiser = _parse_organiser(d.pop("organiser", UNSET))

        def _parse_team(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team = _parse_team(d.pop("team", UNSET))

        activity_create = cls(
            ends_at=ends_at,
            place=place,
            slots=slots,
            starts_at=starts_at,
            title=title,
            description=description,
            organiser=organiser,
            team=team,
        )

        return activity_create
