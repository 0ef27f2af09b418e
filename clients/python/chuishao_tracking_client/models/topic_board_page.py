from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.board_topic import BoardTopic
    from ..models.topic_figures import TopicFigures


T = TypeVar("T", bound="TopicBoardPage")


@_attrs_define
class TopicBoardPage:
    """
    Attributes:
        as_of (str):
        figures (list[TopicFigures]): COMMUNITY.md §5's 议事 figures per community
        figures_from (str): The figures cover the last 365 days
        figures_to (str):
        items (list[BoardTopic]):
    """

    as_of: str
    figures: list[TopicFigures]
    figures_from: str
    figures_to: str
    items: list[BoardTopic]

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        figures = []
        for figures_item_data in self.figures:
            figures_item = figures_item_data.to_dict()
            figures.append(figures_item)

        figures_from = self.figures_from

        figures_to = self.figures_to

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "figures": figures,
                "figures_from": figures_from,
                "figures_to": figures_to,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.board_topic import BoardTopic
        from ..models.topic_figures import TopicFigures

        d = dict(src_dict)
        as_of = d.pop("as_of")

        figures = []
        _figures = d.pop("figures")
        for figures_item_data in _figures:
            figures_item = TopicFigures.from_dict(figures_item_data)

            figures.append(figures_item)

        figures_from = d.pop("figures_from")

        figures_to = d.pop("figures_to")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BoardTopic.from_dict(items_item_data)

            items.append(items_item)

        topic_board_page = cls(
            as_of=as_of,
            figures=figures,
            figures_from=figures_from,
            figures_to=figures_to,
            items=items,
        )

        return topic_board_page
