from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hours_by_source import HoursBySource
    from ..models.team_hours import TeamHours


T = TypeVar("T", bound="HoursFigures")


@_attrs_define
class HoursFigures:
    """
    Attributes:
        by_source (HoursBySource):
        entries (int):
        total (float):
        by_team (list[TeamHours] | Unset): Per team (志愿服务队): the period's hours of the members it had on each entry's
            day; an entry of a member of two teams counts for both
    """

    by_source: HoursBySource
    entries: int
    total: float
    by_team: list[TeamHours] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        by_source = self.by_source.to_dict()

        entries = self.entries

        total = self.total

        by_team: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.by_team, Unset):
            by_team = []
            for by_team_item_data in self.by_team:
                by_team_item = by_team_item_data.to_dict()
                by_team.append(by_team_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "by_source": by_source,
                "entries": entries,
                "total": total,
            }
        )
        if by_team is not UNSET:
            field_dict["by_team"] = by_team

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hours_by_source import HoursBySource
        from ..models.team_hours import TeamHours

        d = dict(src_dict)
        by_source = HoursBySource.from_dict(d.pop("by_source"))

        entries = d.pop("entries")

        total = d.pop("total")

        _by_team = d.pop("by_team", UNSET)
        by_team: list[TeamHours] | Unset = UNSET
        if _by_team is not UNSET:
            by_team = []
            for by_team_item_data in _by_team:
                by_team_item = TeamHours.from_dict(by_team_item_data)

                by_team.append(by_team_item)

        hours_figures = cls(
            by_source=by_source,
            entries=entries,
            total=total,
            by_team=by_team,
        )

        return hours_figures
