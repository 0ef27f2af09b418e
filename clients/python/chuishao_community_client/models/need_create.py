from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.need_create_privacy import NeedCreatePrivacy
from ..models.need_create_urgency import NeedCreateUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resident import Resident


T = TypeVar("T", bound="NeedCreate")


@_attrs_define
class NeedCreate:
    """
    Attributes:
        grid (str):
        kind (str):
        resident (Resident):
        title (str):
        wanted_by (datetime.datetime):
        building (None | str | Unset):
        description (str | Unset):  Default: ''.
        helpers (int | Unset):  Default: 1.
        hours_wanted (float | None | Unset):
        privacy (NeedCreatePrivacy | Unset):  Default: NeedCreatePrivacy.STAFF_CONFIRMS.
        skills (list[str] | Unset):
        urgency (NeedCreateUrgency | Unset):  Default: NeedCreateUrgency.NORMAL.
    """

    grid: str
    kind: str
    resident: Resident
    title: str
    wanted_by: datetime.datetime
    building: None | str | Unset = UNSET
    description: str | Unset = ""
    helpers: int | Unset = 1
    hours_wanted: float | None | Unset = UNSET
    privacy: NeedCreatePrivacy | Unset = NeedCreatePrivacy.STAFF_CONFIRMS
    skills: list[str] | Unset = UNSET
    urgency: NeedCreateUrgency | Unset = NeedCreateUrgency.NORMAL

    def to_dict(self) -> dict[str, Any]:
        grid = self.grid

        kind = self.kind

        resident = self.resident.to_dict()

        title = self.title

        wanted_by = self.wanted_by.isoformat()

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        description = self.description

        helpers = self.helpers

        hours_wanted: float | None | Unset
        if isinstance(self.hours_wanted, Unset):
            hours_wanted = UNSET
        else:
            hours_wanted = self.hours_wanted

        privacy: str | Unset = UNSET
        if not isinstance(self.privacy, Unset):
            privacy = self.privacy.value

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grid": grid,
                "kind": kind,
                "resident": resident,
                "title": title,
                "wanted_by": wanted_by,
            }
        )
        if building is not UNSET:
            field_dict["building"] = building
        if description is not UNSET:
            field_dict["description"] = description
        if helpers is not UNSET:
            field_dict["helpers"] = helpers
        if hours_wanted is not UNSET:
            field_dict["hours_wanted"] = hours_wanted
        if privacy is not UNSET:
            field_dict["privacy"] = privacy
        if skills is not UNSET:
            field_dict["skills"] = skills
        if urgency is not UNSET:
            field_dict["urgency"] = urgency

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.resident import Resident

        d = dict(src_dict)
        grid = d.pop("grid")

        kind = d.pop("kind")

        resident = Resident.from_dict(d.pop("resident"))

        title = d.pop("title")

        wanted_by = datetime.datetime.fromisoformat(d.pop("wanted_by"))

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        description = d.pop("description", UNSET)

        helpers = d.pop("helpers", UNSET)

        def _parse_hours_wanted(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hours_wanted = _parse_hours_wanted(d.pop("hours_wanted", UNSET))

        _privacy = d.pop("privacy", UNSET)
        privacy: NeedCreatePrivacy | Unset
        if isinstance(_privacy, Unset):
            privacy = UNSET
        else:
            privacy = NeedCreatePrivacy(_privacy)

        skills = cast(list[str], d.pop("skills", UNSET))

        _urgency = d.pop("urgency", UNSET)
        urgency: NeedCreateUrgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = NeedCreateUrgency(_urgency)

        need_create = cls(
            grid=grid,
            kind=kind,
            resident=resident,
            title=title,
            wanted_by=wanted_by,
            building=building,
            description=description,
            helpers=helpers,
            hours_wanted=hours_wanted,
            privacy=privacy,
            skills=skills,
            urgency=urgency,
        )

        return need_create
