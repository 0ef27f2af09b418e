from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WishWallCounts")


@_attrs_define
class WishWallCounts:
    """
    Attributes:
        claimed (int): 认领中: claimed, in progress or reported done
        claimed_total (int): claimed + fulfilled
        community (str):
        community_name (str):
        community_name_en (str):
        fulfilled (int): 已实现: confirmed with the resident
        open_ (int): 待认领: waiting for someone
        total (int):
    """

    claimed: int
    claimed_total: int
    community: str
    community_name: str
    community_name_en: str
    fulfilled: int
    open_: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        claimed = self.claimed

        claimed_total = self.claimed_total

        community = self.community

        community_name = self.community_name

        community_name_en = self.community_name_en

        fulfilled = self.fulfilled

        open_ = self.open_

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claimed": claimed,
                "claimed_total": claimed_total,
                "community": community,
                "community_name": community_name,
                "community_name_en": community_name_en,
                "fulfilled": fulfilled,
                "open": open_,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        claimed = d.pop("claimed")

        claimed_total = d.pop("claimed_total")

        community = d.pop("community")

        community_name = d.pop("community_name")

        community_name_en = d.pop("community_name_en")

        fulfilled = d.pop("fulfilled")

        open_ = d.pop("open")

        total = d.pop("total")

        wish_wall_counts = cls(
            claimed=claimed,
            claimed_total=claimed_total,
            community=community,
            community_name=community_name,
            community_name_en=community_name_en,
            fulfilled=fulfilled,
            open_=open_,
            total=total,
        )

        return wish_wall_counts
