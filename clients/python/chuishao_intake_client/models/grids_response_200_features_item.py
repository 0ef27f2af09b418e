from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.grids_response_200_features_item_geometry_type_0 import (
        GridsResponse200FeaturesItemGeometryType0,
    )
    from ..models.grids_response_200_features_item_properties import (
        GridsResponse200FeaturesItemProperties,
    )


T = TypeVar("T", bound="GridsResponse200FeaturesItem")


@_attrs_define
class GridsResponse200FeaturesItem:
    """
    Attributes:
        geometry (GridsResponse200FeaturesItemGeometryType0 | None): The grid's polygon (WGS84 lon/lat); null where the
            data set has no geometry
        id (str):
        properties (GridsResponse200FeaturesItemProperties):
        type_ (Literal['Feature']):
    """

    geometry: GridsResponse200FeaturesItemGeometryType0 | None
    id: str
    properties: GridsResponse200FeaturesItemProperties
    type_: Literal["Feature"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.grids_response_200_features_item_geometry_type_0 import (
            GridsResponse200FeaturesItemGeometryType0,
        )

        geometry: dict[str, Any] | None
        if isinstance(self.geometry, GridsResponse200FeaturesItemGeometryType0):
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
        from ..models.grids_response_200_features_item_geometry_type_0 import (
            GridsResponse200FeaturesItemGeometryType0,
        )
        from ..models.grids_response_200_features_item_properties import (
            GridsResponse200FeaturesItemProperties,
        )

        d = dict(src_dict)

        def _parse_geometry(
            data: object,
        ) -> GridsResponse200FeaturesItemGeometryType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                geometry_type_0 = GridsResponse200FeaturesItemGeometryType0.from_dict(
                    data
                )

                return geometry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GridsResponse200FeaturesItemGeometryType0 | None, data)

        geometry = _parse_geometry(d.pop("geometry"))

        id = d.pop("id")

        properties = GridsResponse200FeaturesItemProperties.from_dict(
            d.pop("properties")
        )

        type_ = cast(Literal["Feature"], d.pop("type"))
        if type_ != "Feature":
            raise ValueError(f"type must match const 'Feature', got '{type_}'")

        grids_response_200_features_item = cls(
            geometry=geometry,
            id=id,
            properties=properties,
            type_=type_,
        )

        grids_response_200_features_item.additional_properties = d
        return grids_response_200_features_item

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
