from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.project_read_status import ProjectReadStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_read_links import ProjectReadLinks
    from ..models.project_read_progress_item import ProjectReadProgressItem


T = TypeVar("T", bound="ProjectRead")


@_attrs_define
class ProjectRead:
    """
    Attributes:
        community (str):
        created_at (datetime.datetime):
        goal (str):
        id (str):
        links (ProjectReadLinks):
        people_served (int):
        period_from (datetime.date):
        progress (list[ProjectReadProgressItem]):
        status (ProjectReadStatus):
        title (str):
        units (list[str]):
        period_to (datetime.date | None | Unset):
    """

    community: str
    created_at: datetime.datetime
    goal: str
    id: str
    links: ProjectReadLinks
    people_served: int
    period_from: datetime.date
    progress: list[ProjectReadProgressItem]
    status: ProjectReadStatus
    title: str
    units: list[str]
    period_to: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        created_at = self.created_at.isoformat()

        goal = self.goal

        id = self.id

        links = self.links.to_dict()

        people_served = self.people_served

        period_from = self.period_from.isoformat()

        progress = []
        for progress_item_data in self.progress:
            progress_item = progress_item_data.to_dict()
            progress.append(progress_item)

        status = self.status.value

        title = self.title

        units = self.units

        period_to: None | str | Unset
        if isinstance(self.period_to, Unset):
            period_to = UNSET
        elif isinstance(self.period_to, datetime.date):
            period_to = self.period_to.isoformat()
        else:
            period_to = self.period_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "community": community,
                "created_at": created_at,
                "goal": goal,
                "id": id,
                "links": links,
                "people_served": people_served,
                "period_from": period_from,
                "progress": progress,
                "status": status,
                "title": title,
                "units": units,
            }
        )
        if period_to is not UNSET:
            field_dict["period_to"] = period_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.project_read_links import ProjectReadLinks
        from ..models.project_read_progress_item import ProjectReadProgressItem

        d = dict(src_dict)
        community = d.pop("community")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        goal = d.pop("goal")

        id = d.pop("id")

        links = ProjectReadLinks.from_dict(d.pop("links"))

        people_served = d.pop("people_served")

        period_from = datetime.date.fromisoformat(d.pop("period_from"))

        progress = []
        _progress = d.pop("progress")
        for progress_item_data in _progress:
            progress_item = ProjectReadProgressItem.from_dict(progress_item_data)

            progress.append(progress_item)

        status = ProjectReadStatus(d.pop("status"))

        title = d.pop("title")

        units = cast(list[str], d.pop("units"))

        def _parse_period_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_to_type_0 = datetime.date.fromisoformat(data)

                return period_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period_to = _parse_period_to(d.pop("period_to", UNSET))

        project_read = cls(
            community=community,
            created_at=created_at,
            goal=goal,
            id=id,
            links=links,
            people_served=people_served,
            period_from=period_from,
            progress=progress,
            status=status,
            title=title,
            units=units,
            period_to=period_to,
        )

        project_read.additional_properties = d
        return project_read

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
