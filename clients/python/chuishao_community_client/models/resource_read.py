from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resource_read_place import ResourceReadPlace
    from ..models.resource_read_schedule_item import ResourceReadScheduleItem


T = TypeVar("T", bound="ResourceRead")


@_attrs_define
class ResourceRead:
    """
    Attributes:
        community (str):
        description (str):
        id (str):
        kind (str):
        life_circle (int):
        name (str):
        place (ResourceReadPlace):
        schedule (list[ResourceReadScheduleItem]):
        status (str):
        capacity (int | None | Unset):
        created_at (datetime.datetime | None | Unset):
        unit (None | str | Unset):
    """

    community: str
    description: str
    id: str
    kind: str
    life_circle: int
    name: str
    place: ResourceReadPlace
    schedule: list[ResourceReadScheduleItem]
    status: str
    capacity: int | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    unit: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        description = self.description

        id = self.id

        kind = self.kind

        life_circle = self.life_circle

        name = self.name

        place = self.place.to_dict()

        schedule = []
        for schedule_item_data in self.schedule:
            schedule_item = schedule_item_data.to_dict()
            schedule.append(schedule_item)

        status = self.status

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "community": community,
                "description": description,
                "id": id,
                "kind": kind,
                "life_circle": life_circle,
                "name": name,
                "place": place,
                "schedule": schedule,
                "status": status,
            }
        )
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.resource_read_place import ResourceReadPlace
        from ..models.resource_read_schedule_item import ResourceReadScheduleItem

        d = dict(src_dict)
        community = d.pop("community")

        description = d.pop("description")

        id = d.pop("id")

        kind = d.pop("kind")

        life_circle = d.pop("life_circle")

        name = d.pop("name")

        place = ResourceReadPlace.from_dict(d.pop("place"))

        schedule = []
        _schedule = d.pop("schedule")
        for schedule_item_data in _schedule:
            schedule_item = ResourceReadScheduleItem.from_dict(schedule_item_data)

            schedule.append(schedule_item)

        status = d.pop("status")

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        resource_read = cls(
            community=community,
            description=description,
            id=id,
            kind=kind,
            life_circle=life_circle,
            name=name,
            place=place,
            schedule=schedule,
            status=status,
            capacity=capacity,
            created_at=created_at,
            unit=unit,
        )

        resource_read.additional_properties = d
        return resource_read

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
