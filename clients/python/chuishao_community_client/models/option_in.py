from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OptionIn")


@_attrs_define
class OptionIn:
    """
    Attributes:
        option (str):
        item (None | str | Unset): The agenda item it answers
        votes (int | Unset):  Default: 0.
    """

    option: str
    item: None | str | Unset = UNSET
    votes: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        option = self.option

        item: None | str | Unset
        if isinstance(self.item, Unset):
            item = UNSET
        else:
            item = self.item

        votes = self.votes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "option": option,
            }
        )
        if item is not UNSET:
            field_dict["item"] = item
        if votes is not UNSET:
            field_dict["votes"] = votes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        option = d.pop("option")

        def _parse_item(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        item = _parse_item(d.pop("item", UNSET))

        votes = d.pop("votes", UNSET)

        option_in = cls(
            option=option,
            item=item,
            votes=votes,
        )

        return option_in
