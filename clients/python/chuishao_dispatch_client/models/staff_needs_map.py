from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.collection import Collection


T = TypeVar("T", bound="StaffNeedsMap")


@_attrs_define
class StaffNeedsMap:
    """
    Attributes:
        available (bool): false when the community service could not be asked (then `reason`)
        communities (list[str]):
        gaps (int): Needs with no available resource of a serving kind within radius_m
        needs (Collection):
        radius_m (int): The 15-minute circle, metres (GB 50180-2018)
        resources (Collection):
        reason (None | str | Unset):
    """

    available: bool
    communities: list[str]
    gaps: int
    needs: Collection
    radius_m: int
    resources: Collection
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        communities = self.communities

        gaps = self.gaps

        needs = self.needs.to_dict()

        radius_m = self.radius_m

        resources = self.resources.to_dict()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "communities": communities,
                "gaps": gaps,
                "needs": needs,
                "radius_m": radius_m,
                "resources": resources,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.collection import Collection

        d = dict(src_dict)
        available = d.pop("available")

        communities = cast(list[str], d.pop("communities"))

        gaps = d.pop("gaps")

        needs = Collection.from_dict(d.pop("needs"))

        radius_m = d.pop("radius_m")

        resources = Collection.from_dict(d.pop("resources"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        staff_needs_map = cls(
            available=available,
            communities=communities,
            gaps=gaps,
            needs=needs,
            radius_m=radius_m,
            resources=resources,
            reason=reason,
        )

        staff_needs_map.additional_properties = d
        return staff_needs_map

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
