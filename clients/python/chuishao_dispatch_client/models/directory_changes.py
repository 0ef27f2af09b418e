from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.directory_entry import DirectoryEntry


T = TypeVar("T", bound="DirectoryChanges")


@_attrs_define
class DirectoryChanges:
    """People changed after `since`, oldest first; `cursor` is the `since` of the next call, `latest`
    the newest revision there is (a cursor beyond it means the directory was reset: start again at 0).

        Attributes:
            cursor (int):
            items (list[DirectoryEntry]):
            latest (int):
            more (bool):
    """

    cursor: int
    items: list[DirectoryEntry]
    latest: int
    more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cursor = self.cursor

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        latest = self.latest

        more = self.more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cursor": cursor,
                "items": items,
                "latest": latest,
                "more": more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.directory_entry import DirectoryEntry

        d = dict(src_dict)
        cursor = d.pop("cursor")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = DirectoryEntry.from_dict(items_item_data)

            items.append(items_item)

        latest = d.pop("latest")

        more = d.pop("more")

        directory_changes = cls(
            cursor=cursor,
            items=items,
            latest=latest,
            more=more,
        )

        directory_changes.additional_properties = d
        return directory_changes

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
