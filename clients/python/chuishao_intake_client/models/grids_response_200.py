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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grids_response_200_features_item import GridsResponse200FeaturesItem


T = TypeVar("T", bound="GridsResponse200")


@_attrs_define
class GridsResponse200:
    """
    Attributes:
        features (list[GridsResponse200FeaturesItem]):
        type_ (Literal['FeatureCollection']):
        bbox (list[float] | Unset):
    """

    features: list[GridsResponse200FeaturesItem]
    type_: Literal["FeatureCollection"]
    bbox: list[float] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        features = []
        for features_item_data in self.features:
            features_item = features_item_data.to_dict()
            features.append(features_item)

        type_ = self.type_

        bbox: list[float] | Unset = UNSET
        if not isinstance(self.bbox, Unset):
            bbox = self.bbox

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "features": features,
                "type": type_,
            }
        )
        if bbox is not UNSET:
            field_dict["bbox"] = bbox

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grids_response_200_features_item import (
            GridsResponse200FeaturesItem,
        )

        d = dict(src_dict)
        features = []
        _features = d.pop("features")
        for features_item_data in _features:
            features_item = GridsResponse200FeaturesItem.from_dict(features_item_data)

            features.append(features_item)

        type_ = cast(Literal["FeatureCollection"], d.pop("type"))
        if type_ != "FeatureCollection":
            raise ValueError(
                f"type must match const 'FeatureCollection', got '{type_}'"
            )

        bbox = cast(list[float], d.pop("bbox", UNSET))

        grids_response_200 = cls(
            features=features,
            type_=type_,
            bbox=bbox,
        )

        grids_response_200.additional_properties = d
        return grids_response_200

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
