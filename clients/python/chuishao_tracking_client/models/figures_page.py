from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.figures_page_dimension import FiguresPageDimension
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.figures import Figures
    from ..models.month_top import MonthTop


T = TypeVar("T", bound="FiguresPage")


@_attrs_define
class FiguresPage:
    """
    Attributes:
        as_of (str):
        dimension (FiguresPageDimension):
        from_ (str):
        items (list[Figures]):
        timezone (str):
        to (str):
        monthly_top (list[MonthTop] | None | Unset): 每月一题 candidates (categories only)
    """

    as_of: str
    dimension: FiguresPageDimension
    from_: str
    items: list[Figures]
    timezone: str
    to: str
    monthly_top: list[MonthTop] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        dimension = self.dimension.value

        from_ = self.from_

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        timezone = self.timezone

        to = self.to

        monthly_top: list[dict[str, Any]] | None | Unset
        if isinstance(self.monthly_top, Unset):
            monthly_top = UNSET
        elif isinstance(self.monthly_top, list):
            monthly_top = []
            for monthly_top_type_0_item_data in self.monthly_top:
                monthly_top_type_0_item = monthly_top_type_0_item_data.to_dict()
                monthly_top.append(monthly_top_type_0_item)

        else:
            monthly_top = self.monthly_top

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "dimension": dimension,
                "from": from_,
                "items": items,
                "timezone": timezone,
                "to": to,
            }
        )
        if monthly_top is not UNSET:
            field_dict["monthly_top"] = monthly_top

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.figures import Figures
        from ..models.month_top import MonthTop

        d = dict(src_dict)
        as_of = d.pop("as_of")

        dimension = FiguresPageDimension(d.pop("dimension"))

        from_ = d.pop("from")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Figures.from_dict(items_item_data)

            items.append(items_item)

        timezone = d.pop("timezone")

        to = d.pop("to")

        def _parse_monthly_top(data: object) -> list[MonthTop] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                monthly_top_type_0 = []
                _monthly_top_type_0 = data
                for monthly_top_type_0_item_data in _monthly_top_type_0:
                    monthly_top_type_0_item = MonthTop.from_dict(
                        monthly_top_type_0_item_data
                    )

                    monthly_top_type_0.append(monthly_top_type_0_item)

                return monthly_top_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[MonthTop] | None | Unset, data)

        monthly_top = _parse_monthly_top(d.pop("monthly_top", UNSET))

        figures_page = cls(
            as_of=as_of,
            dimension=dimension,
            from_=from_,
            items=items,
            timezone=timezone,
            to=to,
            monthly_top=monthly_top,
        )

        figures_page.additional_properties = d
        return figures_page

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
