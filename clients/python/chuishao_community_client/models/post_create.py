from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PostCreate")


@_attrs_define
class PostCreate:
    """
    Attributes:
        name (str): The duty: 楼栋长, 文明劝导岗 …
        building (None | str | Unset):
        description (str | Unset):  Default: ''.
        grid (None | str | Unset):
        seats (int | Unset): How many people may hold it at once Default: 1.
        team_id (None | str | Unset): The team that staffs it, if any
    """

    name: str
    building: None | str | Unset = UNSET
    description: str | Unset = ""
    grid: None | str | Unset = UNSET
    seats: int | Unset = 1
    team_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        description = self.description

        grid: None | str | Unset
        if isinstance(self.grid, Unset):
            grid = UNSET
        else:
            grid = self.grid

        seats = self.seats

        team_id: None | str | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if building is not UNSET:
            field_dict["building"] = building
        if description is not UNSET:
            field_dict["description"] = description
        if grid is not UNSET:
            field_dict["grid"] = grid
        if seats is not UNSET:
            field_dict["seats"] = seats
        if team_id is not UNSET:
            field_dict["team_id"] = team_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        description = d.pop("description", UNSET)

        def _parse_grid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        grid = _parse_grid(d.pop("grid", UNSET))

        seats = d.pop("seats", UNSET)

        def _parse_team_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))

        post_create = cls(
            name=name,
            building=building,
            description=description,
            grid=grid,
            seats=seats,
            team_id=team_id,
        )

        return post_create
