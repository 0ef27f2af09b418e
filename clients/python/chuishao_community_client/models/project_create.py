from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.project_create_status import ProjectCreateStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.links_body import LinksBody


T = TypeVar("T", bound="ProjectCreate")


@_attrs_define
class ProjectCreate:
    """
    Attributes:
        goal (str):
        period_from (datetime.date):
        title (str):
        links (LinksBody | Unset):
        period_to (datetime.date | None | Unset):
        status (ProjectCreateStatus | Unset):  Default: ProjectCreateStatus.PLANNED.
        units (list[str] | Unset):
    """

    goal: str
    period_from: datetime.date
    title: str
    links: LinksBody | Unset = UNSET
    period_to: datetime.date | None | Unset = UNSET
    status: ProjectCreateStatus | Unset = ProjectCreateStatus.PLANNED
    units: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        goal = self.goal

        period_from = self.period_from.isoformat()

        title = self.title

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        period_to: None | str | Unset
        if isinstance(self.period_to, Unset):
            period_to = UNSET
        elif isinstance(self.period_to, datetime.date):
            period_to = self.period_to.isoformat()
        else:
            period_to = self.period_to

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        units: list[str] | Unset = UNSET
        if not isinstance(self.units, Unset):
            units = self.units

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "goal": goal,
                "period_from": period_from,
                "title": title,
            }
        )
        if links is not UNSET:
            field_dict["links"] = links
        if period_to is not UNSET:
            field_dict["period_to"] = period_to
        if status is not UNSET:
            field_dict["status"] = status
        if units is not UNSET:
            field_dict["units"] = units

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.links_body import LinksBody

        d = dict(src_dict)
        goal = d.pop("goal")

        period_from = datetime.date.fromisoformat(d.pop("period_from"))

        title = d.pop("title")

        _links = d.pop("links", UNSET)
        links: LinksBody | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = LinksBody.from_dict(_links)

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

        _status = d.pop("status", UNSET)
        status: ProjectCreateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ProjectCreateStatus(_status)

        units = cast(list[str], d.pop("units", UNSET))

        project_create = cls(
            goal=goal,
            period_from=period_from,
            title=title,
            links=links,
            period_to=period_to,
            status=status,
            units=units,
        )

        return project_create
