from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.point_collection import PointCollection


T = TypeVar("T", bound="NeedsMap")


@_attrs_define
class NeedsMap:
    """
    Attributes:
        communities (list[str]):
        gaps (int): Needs with no available resource of a serving kind within radius_m
        needs (PointCollection):
        radius_m (int): The 15-minute circle (GB 50180-2018), metres
        resources (PointCollection):
    """

    communities: list[str]
    gaps: int
    needs: PointCollection
    radius_m: int
    resources: PointCollection
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        communities = self.communities

        gaps = self.gaps

        needs = self.needs.to_dict()

        radius_m = self.radius_m

        resources = self.resources.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "communities": communities,
                "gaps": gaps,
                "needs": needs,
                "radius_m": radius_m,
                "resources": resources,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.point_collection import PointCollection

        d = dict(src_dict)
        communities = cast(list[str], d.pop("communities"))

        gaps = d.pop("gaps")

        needs = PointCollection.from_dict(d.pop("needs"))

        radius_m = d.pop("radius_m")

        resources = PointCollection.from_dict(d.pop("resources"))

        needs_map = cls(
            communities=communities,
            gaps=gaps,
            needs=needs,
            radius_m=radius_m,
            resources=resources,
        )

        needs_map.additional_properties = d
        return needs_map

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
