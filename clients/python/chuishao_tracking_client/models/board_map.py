from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.board_map_layers import BoardMapLayers
    from ..models.map_area_collection import MapAreaCollection
    from ..models.map_counts import MapCounts


T = TypeVar("T", bound="BoardMap")


@_attrs_define
class BoardMap:
    """
    Attributes:
        as_of (str):
        bbox (list[float] | None): [west, south, east, north] of the grids drawn
        communities (MapAreaCollection):
        community (None | str):
        grids (MapAreaCollection):
        layers (BoardMapLayers): The community side's public layers by name, each a GeoJSON FeatureCollection: `needs`
            (the wish wall's open needs counted per grid, one Point per grid at its centre — never a need's place) and
            `resources` (co-building resources on offer as Points with kind, provider, life_circle and radius_m)
        totals (MapCounts):
    """

    as_of: str
    bbox: list[float] | None
    communities: MapAreaCollection
    community: None | str
    grids: MapAreaCollection
    layers: BoardMapLayers
    totals: MapCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        bbox: list[float] | None
        if isinstance(self.bbox, list):
            bbox = self.bbox

        else:
            bbox = self.bbox

        communities = self.communities.to_dict()

        community: None | str
        community = self.community

        grids = self.grids.to_dict()

        layers = self.layers.to_dict()

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "bbox": bbox,
                "communities": communities,
                "community": community,
                "grids": grids,
                "layers": layers,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.board_map_layers import BoardMapLayers
        from ..models.map_area_collection import MapAreaCollection
        from ..models.map_counts import MapCounts

        d = dict(src_dict)
        as_of = d.pop("as_of")

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

        communities = MapAreaCollection.from_dict(d.pop("communities"))

        def _parse_community(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        community = _parse_community(d.pop("community"))

        grids = MapAreaCollection.from_dict(d.pop("grids"))

        layers = BoardMapLayers.from_dict(d.pop("layers"))

        totals = MapCounts.from_dict(d.pop("totals"))

        board_map = cls(
            as_of=as_of,
            bbox=bbox,
            communities=communities,
            community=community,
            grids=grids,
            layers=layers,
            totals=totals,
        )

        board_map.additional_properties = d
        return board_map

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
