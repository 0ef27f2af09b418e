from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.report_create_severity import ReportCreateSeverity
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.place_in import PlaceIn
    from ..models.resident_in import ResidentIn


T = TypeVar("T", bound="ReportCreate")


@_attrs_define
class ReportCreate:
    """
    Attributes:
        category (str): 小类 code
        description (str):
        grid (str): grid code, one of the token's grids
        handled_on_site (bool | Unset):  Default: False.
        photos (list[str] | Unset):
        place (PlaceIn | Unset):
        resident (None | ResidentIn | Unset):
        severity (ReportCreateSeverity | Unset):  Default: ReportCreateSeverity.MINOR.
        topic_id (None | str | Unset): The 议事 topic whose decision this report carries out (set by the community
            service); the case carries it on its timeline
    """

    category: str
    description: str
    grid: str
    handled_on_site: bool | Unset = False
    photos: list[str] | Unset = UNSET
    place: PlaceIn | Unset = UNSET
    resident: None | ResidentIn | Unset = UNSET
    severity: ReportCreateSeverity | Unset = ReportCreateSeverity.MINOR
    topic_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.resident_in import ResidentIn

        category = self.category

        description = self.description

        grid = self.grid

        handled_on_site = self.handled_on_site

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        place: dict[str, Any] | Unset = UNSET
        if not isinstance(self.place, Unset):
            place = self.place.to_dict()

        resident: dict[str, Any] | None | Unset
        if isinstance(self.resident, Unset):
            resident = UNSET
        elif isinstance(self.resident, ResidentIn):
            resident = self.resident.to_dict()
        else:
            resident = self.resident

        severity: str | Unset = UNSET
        if not isinstance(self.severity, Unset):
            severity = self.severity.value

        topic_id: None | str | Unset
        if isinstance(self.topic_id, Unset):
            topic_id = UNSET
        else:
            topic_id = self.topic_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "description": description,
                "grid": grid,
            }
        )
        if handled_on_site is not UNSET:
            field_dict["handled_on_site"] = handled_on_site
        if photos is not UNSET:
            field_dict["photos"] = photos
        if place is not UNSET:
            field_dict["place"] = place
        if resident is not UNSET:
            field_dict["resident"] = resident
        if severity is not UNSET:
            field_dict["severity"] = severity
        if topic_id is not UNSET:
            field_dict["topic_id"] = topic_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.place_in import PlaceIn
        from ..models.resident_in import ResidentIn

        d = dict(src_dict)
        category = d.pop("category")

        description = d.pop("description")

        grid = d.pop("grid")

        handled_on_site = d.pop("handled_on_site", UNSET)

        photos = cast(list[str], d.pop("photos", UNSET))

        _place = d.pop("place", UNSET)
        place: PlaceIn | Unset
        if isinstance(_place, Unset):
            place = UNSET
        else:
            place = PlaceIn.from_dict(_place)

        def _parse_resident(data: object) -> None | ResidentIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resident_type_0 = ResidentIn.from_dict(data)

                return resident_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResidentIn | Unset, data)

        resident = _parse_resident(d.pop("resident", UNSET))

        _severity = d.pop("severity", UNSET)
        severity: ReportCreateSeverity | Unset
        if isinstance(_severity, Unset):
            severity = UNSET
        else:
            severity = ReportCreateSeverity(_severity)

        def _parse_topic_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        topic_id = _parse_topic_id(d.pop("topic_id", UNSET))

        report_create = cls(
            category=category,
            description=description,
            grid=grid,
            handled_on_site=handled_on_site,
            photos=photos,
            place=place,
            resident=resident,
            severity=severity,
            topic_id=topic_id,
        )

        return report_create
