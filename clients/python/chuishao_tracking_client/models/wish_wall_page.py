from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wish_wall_counts import WishWallCounts
    from ..models.wish_wall_need import WishWallNeed


T = TypeVar("T", bound="WishWallPage")


@_attrs_define
class WishWallPage:
    """
    Attributes:
        communities (list[WishWallCounts]): Counts per community under the same filter, status aside
        items (list[WishWallNeed]):
        next_cursor (None | str | Unset):
    """

    communities: list[WishWallCounts]
    items: list[WishWallNeed]
    next_cursor: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        communities = []
        for communities_item_data in self.communities:
            communities_item = communities_item_data.to_dict()
            communities.append(communities_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "communities": communities,
                "items": items,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.wish_wall_counts import WishWallCounts
        from ..models.wish_wall_need import WishWallNeed

        d = dict(src_dict)
        communities = []
        _communities = d.pop("communities")
        for communities_item_data in _communities:
            communities_item = WishWallCounts.from_dict(communities_item_data)

            communities.append(communities_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = WishWallNeed.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        wish_wall_page = cls(
            communities=communities,
            items=items,
            next_cursor=next_cursor,
        )

        return wish_wall_page
