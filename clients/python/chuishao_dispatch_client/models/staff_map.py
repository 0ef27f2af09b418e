from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.collection import Collection


T = TypeVar("T", bound="StaffMap")


@_attrs_define
class StaffMap:
    """
    Attributes:
        bbox (list[float] | None): [west, south, east, north] of the grids drawn
        buildings (Collection):
        cases (Collection):
        communities (list[str]): The communities drawn
        grids (Collection):
        state (str): The state filter applied: open, overdue, all or a case status
    """

    bbox: list[float] | None
    buildings: Collection
    cases: Collection
    communities: list[str]
    grids: Collection
    state: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bbox: list[float] | None
        if isinstance(self.bbox, list):
            bbox = self.bbox

        else:
            bbox = self.bbox

        buildings = self.buildings.to_dict()

        cases = self.cases.to_dict()

        communities = self.communities

        grids = self.grids.to_dict()

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bbox": bbox,
                "buildings": buildings,
                "cases": cases,
                "communities": communities,
                "grids": grids,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.collection import Collection

        d = dict(src_dict)

        def _parse_bbox(data: object) -> list[float] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                bbox_type_0 = cast(list[float], data)

                return bbox_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None, data)

        bbox = _parse_bbox(d.pop("bbox"))

        buildings = Collection.from_dict(d.pop("buildings"))

        cases = Collection.from_dict(d.pop("cases"))

        communities = cast(list[str], d.pop("communities"))

        grids = Collection.from_dict(d.pop("grids"))

        state = d.pop("state")

        staff_map = cls(
            bbox=bbox,
            buildings=buildings,
            cases=cases,
            communities=communities,
            grids=grids,
            state=state,
        )

        staff_map.additional_properties = d
        return staff_map

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
