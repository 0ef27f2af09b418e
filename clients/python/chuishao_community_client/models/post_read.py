from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tenure_read import TenureRead


T = TypeVar("T", bound="PostRead")


@_attrs_define
class PostRead:
    """
    Attributes:
        community (str):
        created_at (datetime.datetime):
        description (str):
        holder_count (int):
        holders (list[TenureRead]): Every holding, ended ones too (the history)
        id (str):
        name (str):
        seats (int):
        building (None | str | Unset):
        grid (None | str | Unset):
        team_id (None | str | Unset):
    """

    community: str
    created_at: datetime.datetime
    description: str
    holder_count: int
    holders: list[TenureRead]
    id: str
    name: str
    seats: int
    building: None | str | Unset = UNSET
    grid: None | str | Unset = UNSET
    team_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        created_at = self.created_at.isoformat()

        description = self.description

        holder_count = self.holder_count

        holders = []
        for holders_item_data in self.holders:
            holders_item = holders_item_data.to_dict()
            holders.append(holders_item)

        id = self.id

        name = self.name

        seats = self.seats

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        grid: None | str | Unset
        if isinstance(self.grid, Unset):
            grid = UNSET
        else:
            grid = self.grid

        team_id: None | str | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "community": community,
                "created_at": created_at,
                "description": description,
                "holder_count": holder_count,
                "holders": holders,
                "id": id,
                "name": name,
                "seats": seats,
            }
        )
        if building is not UNSET:
            field_dict["building"] = building
        if grid is not UNSET:
            field_dict["grid"] = grid
        if team_id is not UNSET:
            field_dict["team_id"] = team_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tenure_read import TenureRead

        d = dict(src_dict)
        community = d.pop("community")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        holder_count = d.pop("holder_count")

        holders = []
        _holders = d.pop("holders")
        for holders_item_data in _holders:
            holders_item = TenureRead.from_dict(holders_item_data)

            holders.append(holders_item)

        id = d.pop("id")

        name = d.pop("name")

        seats = d.pop("seats")

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        def _parse_grid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        grid = _parse_grid(d.pop("grid", UNSET))

        def _parse_team_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))

        post_read = cls(
            community=community,
            created_at=created_at,
            description=description,
            holder_count=holder_count,
            holders=holders,
            id=id,
            name=name,
            seats=seats,
            building=building,
            grid=grid,
            team_id=team_id,
        )

        post_read.additional_properties = d
        return post_read

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
