from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_set_summary import ChangeSetSummary


T = TypeVar("T", bound="ChangeSetList")


@_attrs_define
class ChangeSetList:
    """
    Attributes:
        items (list[ChangeSetSummary]):
        in_force_version (int | None | Unset):
    """

    items: list[ChangeSetSummary]
    in_force_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        in_force_version: int | None | Unset
        if isinstance(self.in_force_version, Unset):
            in_force_version = UNSET
        else:
            in_force_version = self.in_force_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if in_force_version is not UNSET:
            field_dict["in_force_version"] = in_force_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_set_summary import ChangeSetSummary

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ChangeSetSummary.from_dict(items_item_data)

            items.append(items_item)

        def _parse_in_force_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        in_force_version = _parse_in_force_version(d.pop("in_force_version", UNSET))

        change_set_list = cls(
            items=items,
            in_force_version=in_force_version,
        )

        change_set_list.additional_properties = d
        return change_set_list

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
