from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.layer_read import LayerRead
    from ..models.override_read import OverrideRead
    from ..models.person_read import PersonRead


T = TypeVar("T", bound="RosterRead")


@_attrs_define
class RosterRead:
    """
    Attributes:
        layers (list[LayerRead]):
        overrides (list[OverrideRead]):
        owner (str):
        people (list[PersonRead]):
    """

    layers: list[LayerRead]
    overrides: list[OverrideRead]
    owner: str
    people: list[PersonRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        layers = []
        for layers_item_data in self.layers:
            layers_item = layers_item_data.to_dict()
            layers.append(layers_item)

        overrides = []
        for overrides_item_data in self.overrides:
            overrides_item = overrides_item_data.to_dict()
            overrides.append(overrides_item)

        owner = self.owner

        people = []
        for people_item_data in self.people:
            people_item = people_item_data.to_dict()
            people.append(people_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "layers": layers,
                "overrides": overrides,
                "owner": owner,
                "people": people,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.layer_read import LayerRead
        from ..models.override_read import OverrideRead
        from ..models.person_read import PersonRead

        d = dict(src_dict)
        layers = []
        _layers = d.pop("layers")
        for layers_item_data in _layers:
            layers_item = LayerRead.from_dict(layers_item_data)

            layers.append(layers_item)

        overrides = []
        _overrides = d.pop("overrides")
        for overrides_item_data in _overrides:
            overrides_item = OverrideRead.from_dict(overrides_item_data)

            overrides.append(overrides_item)

        owner = d.pop("owner")

        people = []
        _people = d.pop("people")
        for people_item_data in _people:
            people_item = PersonRead.from_dict(people_item_data)

            people.append(people_item)

        roster_read = cls(
            layers=layers,
            overrides=overrides,
            owner=owner,
            people=people,
        )

        roster_read.additional_properties = d
        return roster_read

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
