from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.community_figures import CommunityFigures
    from ..models.hours_target import HoursTarget
    from ..models.not_yet import NotYet


T = TypeVar("T", bound="CommunityFiguresPage")


@_attrs_define
class CommunityFiguresPage:
    """
    Attributes:
        as_of (str):
        from_ (str):
        hours_target (HoursTarget):
        items (list[CommunityFigures]):
        not_yet (list[NotYet]): Figures of COMMUNITY.md §5 published as null, and why
        timezone (str):
        to (str):
    """

    as_of: str
    from_: str
    hours_target: HoursTarget
    items: list[CommunityFigures]
    not_yet: list[NotYet]
    timezone: str
    to: str

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        from_ = self.from_

        hours_target = self.hours_target.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        not_yet = []
        for not_yet_item_data in self.not_yet:
            not_yet_item = not_yet_item_data.to_dict()
            not_yet.append(not_yet_item)

        timezone = self.timezone

        to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "from": from_,
                "hours_target": hours_target,
                "items": items,
                "not_yet": not_yet,
                "timezone": timezone,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.community_figures import CommunityFigures
        from ..models.hours_target import HoursTarget
        from ..models.not_yet import NotYet

        d = dict(src_dict)
        as_of = d.pop("as_of")

        from_ = d.pop("from")

        hours_target = HoursTarget.from_dict(d.pop("hours_target"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CommunityFigures.from_dict(items_item_data)

            items.append(items_item)

        not_yet = []
        _not_yet = d.pop("not_yet")
        for not_yet_item_data in _not_yet:
            not_yet_item = NotYet.from_dict(not_yet_item_data)

            not_yet.append(not_yet_item)

        timezone = d.pop("timezone")

        to = d.pop("to")

        community_figures_page = cls(
            as_of=as_of,
            from_=from_,
            hours_target=hours_target,
            items=items,
            not_yet=not_yet,
            timezone=timezone,
            to=to,
        )

        return community_figures_page
