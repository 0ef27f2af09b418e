from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.resource_create_kind import ResourceCreateKind
from ..models.resource_create_life_circle import ResourceCreateLifeCircle
from ..models.resource_create_status import ResourceCreateStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.place_body import PlaceBody
    from ..models.schedule_body import ScheduleBody


T = TypeVar("T", bound="ResourceCreate")


@_attrs_define
class ResourceCreate:
    """
    Attributes:
        description (str):
        kind (ResourceCreateKind):
        name (str):
        place (PlaceBody):
        capacity (int | None | Unset):
        community (None | str | Unset): Default: the staff's community
        eligibility (None | str | Unset):
        life_circle (ResourceCreateLifeCircle | Unset): GB 50180-2018 life-circle tier (minutes' walk) Default:
            ResourceCreateLifeCircle.VALUE_15.
        maximum_age (int | None | Unset):
        minimum_age (int | None | Unset):
        schedule (list[ScheduleBody] | Unset):
        status (ResourceCreateStatus | Unset):  Default: ResourceCreateStatus.AVAILABLE.
        unit (None | str | Unset): The unit offering it; none: the community's own
        valid_from (datetime.date | None | Unset):
        valid_to (datetime.date | None | Unset):
    """

    description: str
    kind: ResourceCreateKind
    name: str
    place: PlaceBody
    capacity: int | None | Unset = UNSET
    community: None | str | Unset = UNSET
    eligibility: None | str | Unset = UNSET
    life_circle: ResourceCreateLifeCircle | Unset = ResourceCreateLifeCircle.VALUE_15
    maximum_age: int | None | Unset = UNSET
    minimum_age: int | None | Unset = UNSET
    schedule: list[ScheduleBody] | Unset = UNSET
    status: ResourceCreateStatus | Unset = ResourceCreateStatus.AVAILABLE
    unit: None | str | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET
    valid_to: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        kind = self.kind.value

        name = self.name

        place = self.place.to_dict()

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        community: None | str | Unset
        if isinstance(self.community, Unset):
            community = UNSET
        else:
            community = self.community

        eligibility: None | str | Unset
        if isinstance(self.eligibility, Unset):
            eligibility = UNSET
        else:
            eligibility = self.eligibility

        life_circle: int | Unset = UNSET
        if not isinstance(self.life_circle, Unset):
            life_circle = self.life_circle.value

        maximum_age: int | None | Unset
        if isinstance(self.maximum_age, Unset):
            maximum_age = UNSET
        else:
            maximum_age = self.maximum_age

        minimum_age: int | None | Unset
        if isinstance(self.minimum_age, Unset):
            minimum_age = UNSET
        else:
            minimum_age = self.minimum_age

        schedule: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = []
            for schedule_item_data in self.schedule:
                schedule_item = schedule_item_data.to_dict()
                schedule.append(schedule_item)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_to: None | str | Unset
        if isinstance(self.valid_to, Unset):
            valid_to = UNSET
        elif isinstance(self.valid_to, datetime.date):
            valid_to = self.valid_to.isoformat()
        else:
            valid_to = self.valid_to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "kind": kind,
                "name": name,
                "place": place,
            }
        )
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if community is not UNSET:
            field_dict["community"] = community
        if eligibility is not UNSET:
            field_dict["eligibility"] = eligibility
        if life_circle is not UNSET:
            field_dict["life_circle"] = life_circle
        if maximum_age is not UNSET:
            field_dict["maximum_age"] = maximum_age
        if minimum_age is not UNSET:
            field_dict["minimum_age"] = minimum_age
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if status is not UNSET:
            field_dict["status"] = status
        if unit is not UNSET:
            field_dict["unit"] = unit
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_to is not UNSET:
            field_dict["valid_to"] = valid_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.place_body import PlaceBody
        from ..models.schedule_body import ScheduleBody

        d = dict(src_dict)
        description = d.pop("description")

        kind = ResourceCreateKind(d.pop("kind"))

        name = d.pop("name")

        place = PlaceBody.from_dict(d.pop("place"))

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_community(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        community = _parse_community(d.pop("community", UNSET))

        def _parse_eligibility(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        eligibility = _parse_eligibility(d.pop("eligibility", UNSET))

        _life_circle = d.pop("life_circle", UNSET)
        life_circle: ResourceCreateLifeCircle | Unset
        if isinstance(_life_circle, Unset):
            life_circle = UNSET
        else:
            life_circle = ResourceCreateLifeCircle(_life_circle)

        def _parse_maximum_age(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        maximum_age = _parse_maximum_age(d.pop("maximum_age", UNSET))

        def _parse_minimum_age(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        minimum_age = _parse_minimum_age(d.pop("minimum_age", UNSET))

        _schedule = d.pop("schedule", UNSET)
        schedule: list[ScheduleBody] | Unset = UNSET
        if _schedule is not UNSET:
            schedule = []
            for schedule_item_data in _schedule:
                schedule_item = ScheduleBody.from_dict(schedule_item_data)

                schedule.append(schedule_item)

        _status = d.pop("status", UNSET)
        status: ResourceCreateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ResourceCreateStatus(_status)

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        def _parse_valid_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.date.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_to_type_0 = datetime.date.fromisoformat(data)

                return valid_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_to = _parse_valid_to(d.pop("valid_to", UNSET))

        resource_create = cls(
            description=description,
            kind=kind,
            name=name,
            place=place,
            capacity=capacity,
            community=community,
            eligibility=eligibility,
            life_circle=life_circle,
            maximum_age=maximum_age,
            minimum_age=minimum_age,
            schedule=schedule,
            status=status,
            unit=unit,
            valid_from=valid_from,
            valid_to=valid_to,
        )

        return resource_create
