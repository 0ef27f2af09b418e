from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.team_hours_kind import TeamHoursKind

T = TypeVar("T", bound="TeamHours")


@_attrs_define
class TeamHours:
    """
    Attributes:
        hours (float):
        kind (TeamHoursKind):
        kind_name (str):
        kind_name_en (str):
        members (int): Members with hours in the period
        team (str): The team's id (its name is not published)
    """

    hours: float
    kind: TeamHoursKind
    kind_name: str
    kind_name_en: str
    members: int
    team: str

    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        kind = self.kind.value

        kind_name = self.kind_name

        kind_name_en = self.kind_name_en

        members = self.members

        team = self.team

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hours": hours,
                "kind": kind,
                "kind_name": kind_name,
                "kind_name_en": kind_name_en,
                "members": members,
                "team": team,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        hours = d.pop("hours")

        kind = TeamHoursKind(d.pop("kind"))

        kind_name = d.pop("kind_name")

        kind_name_en = d.pop("kind_name_en")

        members = d.pop("members")

        team = d.pop("team")

        team_hours = cls(
            hours=hours,
            kind=kind,
            kind_name=kind_name,
            kind_name_en=kind_name_en,
            members=members,
            team=team,
        )

        return team_hours
