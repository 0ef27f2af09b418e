from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.map_area_feature_geometry_type_0 import MapAreaFeatureGeometryType0
    from ..models.map_area_properties import MapAreaProperties


T = TypeVar("T", bound="MapAreaFeature")


@_attrs_define
class MapAreaFeature:
    """
    Attributes:
        geometry (MapAreaFeatureGeometryType0 | None): GeoJSON Polygon (grid) or MultiPolygon (community), WGS84
        id (str):
        properties (MapAreaProperties):
        type_ (str):
    """

    geometry: MapAreaFeatureGeometryType0 | None
    id: str
    properties: MapAreaProperties
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.map_area_feature_geometry_type_0 import (
            MapAreaFeatureGeometryType0,
        )

        geometry: dict[str, Any] | None
        if isinstance(self.geometry, MapAreaFeatureGeometryType0):
            geometry = self.geometry.to_dict()
        else:
            geometry = self.geometry

        id = self.id

        properties = self.properties.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "geometry": geometry,
                "id": id,
                "properties": properties,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.map_area_feature_geometry_type_0 import (
            MapAreaFeatureGeometryType0,
        )
        from ..models.map_area_properties import MapAreaProperties

        d = dict(src_dict)

        def _parse_geometry(data: object) -> MapAreaFeatureGeometryType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                geometry_type_0 = MapAreaFeatureGeometryType0.from_dict(data)

                return geometry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MapAreaFeatureGeometryType0 | None, data)

        geometry = _parse_geometry(d.pop("geometry"))

        id = d.pop("id")

        properties = MapAreaProperties.from_dict(d.pop("properties"))

        type_ = d.pop("type")

        map_area_feature = cls(
            geometry=geometry,
            id=id,
            properties=properties,
            type_=type_,
        )

        map_area_feature.additional_properties = d
        return map_area_feature

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
