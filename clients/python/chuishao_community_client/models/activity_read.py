from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activity_read_grants_item import ActivityReadGrantsItem
    from ..models.activity_read_place import ActivityReadPlace
    from ..models.activity_read_signups_item import ActivityReadSignupsItem
    from ..models.activity_read_slots_item import ActivityReadSlotsItem


T = TypeVar("T", bound="ActivityRead")


@_attrs_define
class ActivityRead:
    """
    Attributes:
        community (str):
        description (str):
        ends_at (datetime.datetime):
        grants (list[ActivityReadGrantsItem]):
        id (str):
        length_hours (float):
        no_show_count (int):
        no_shows (list[str]):
        people_served (int):
        place (ActivityReadPlace):
        signed_up (int):
        signups (list[ActivityReadSignupsItem]):
        slots (list[ActivityReadSlotsItem]):
        starts_at (datetime.datetime):
        title (str):
        closed_at (datetime.datetime | None | Unset):
        organiser (None | str | Unset):
        team (None | str | Unset):
    """

    community: str
    description: str
    ends_at: datetime.datetime
    grants: list[ActivityReadGrantsItem]
    id: str
    length_hours: float
    no_show_count: int
    no_shows: list[str]
    people_served: int
    place: ActivityReadPlace
    signed_up: int
    signups: list[ActivityReadSignupsItem]
    slots: list[ActivityReadSlotsItem]
    starts_at: datetime.datetime
    title: str
    closed_at: datetime.datetime | None | Unset = UNSET
    organiser: None | str | Unset = UNSET
    team: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        description = self.description

        ends_at = self.ends_at.isoformat()

        grants = []
        for grants_item_data in self.grants:
            grants_item = grants_item_data.to_dict()
            grants.append(grants_item)

        id = self.id

        length_hours = self.length_hours

        no_show_count = self.no_show_count

        no_shows = self.no_shows

        people_served = self.people_served

        place = self.place.to_dict()

        signed_up = self.signed_up

        signups = []
        for signups_item_data in self.signups:
            signups_item = signups_item_data.to_dict()
            signups.append(signups_item)

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        starts_at = self.starts_at.isoformat()

        title = self.title

        closed_at: None | str | Unset
        if isinstance(self.closed_at, Unset):
            closed_at = UNSET
        elif isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "community": community,
                "description": description,
                "ends_at": ends_at,
                "grants": grants,
                "id": id,
                "length_hours": length_hours,
                "no_show_count": no_show_count,
                "no_shows": no_shows,
                "people_served": people_served,
                "place": place,
                "signed_up": signed_up,
                "signups": signups,
                "slots": slots,
                "starts_at": starts_at,
                "title": title,
            }
        )
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at
        if organiser is not UNSET:
            field_dict["organiser"] = organiser
        if team is not UNSET:
            field_dict["team"] = team

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.activity_read_grants_item import ActivityReadGrantsItem
        from ..models.activity_read_place import ActivityReadPlace
        from ..models.activity_read_signups_item import ActivityReadSignupsItem
        from ..models.activity_read_slots_item import ActivityReadSlotsItem

        d = dict(src_dict)
        community = d.pop("community")

        description = d.pop("description")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        grants = []
        _grants = d.pop("grants")
        for grants_item_data in _grants:
            grants_item = ActivityReadGrantsItem.from_dict(grants_item_data)

            grants.append(grants_item)

        id = d.pop("id")

        length_hours = d.pop("length_hours")

        no_show_count = d.pop("no_show_count")

        no_shows = cast(list[str], d.pop("no_shows"))

        people_served = d.pop("people_served")

        place = ActivityReadPlace.from_dict(d.pop("place"))

        signed_up = d.pop("signed_up")

        signups = []
        _signups = d.pop("signups")
        for signups_item_data in _signups:
            signups_item = ActivityReadSignupsItem.from_dict(signups_item_data)

            signups.append(signups_item)

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = ActivityReadSlotsItem.from_dict(slots_item_data)

            slots.append(slots_item)

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        title = d.pop("title")

        def _parse_closed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        closed_at = _parse_closed_at(d.pop("closed_at", UNSET))

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

        activity_read = cls(
            community=community,
            description=description,
            ends_at=ends_at,
            grants=grants,
            id=id,
            length_hours=length_hours,
            no_show_count=no_show_count,
            no_shows=no_shows,
            people_served=people_served,
            place=place,
            signed_up=signed_up,
            signups=signups,
            slots=slots,
            starts_at=starts_at,
            title=title,
            closed_at=closed_at,
            organiser=organiser,
            team=team,
        )

        activity_read.additional_properties = d
        return activity_read

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
