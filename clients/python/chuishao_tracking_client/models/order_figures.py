from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rate import Rate
    from ..models.unit_answers import UnitAnswers


T = TypeVar("T", bound="OrderFigures")


@_attrs_define
class OrderFigures:
    """
    Attributes:
        asks (int): (order, unit asked) pairs of those orders
        posted (int): Community orders (社区点单) posted in the period
        response_rate (Rate):
        units (list[UnitAnswers]):
    """

    asks: int
    posted: int
    response_rate: Rate
    units: list[UnitAnswers]

    def to_dict(self) -> dict[str, Any]:
        asks = self.asks

        posted = self.posted

        response_rate = self.response_rate.to_dict()

        units = []
        for units_item_data in self.units:
            units_item = units_item_data.to_dict()
            units.append(units_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "asks": asks,
                "posted": posted,
                "response_rate": response_rate,
                "units": units,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rate import Rate
        from ..models.unit_answers import UnitAnswers

        d = dict(src_dict)
        asks = d.pop("asks")

        posted = d.pop("posted")

        response_rate = Rate.from_dict(d.pop("response_rate"))

        units = []
        _units = d.pop("units")
        for units_item_data in _units:
            units_item = UnitAnswers.from_dict(units_item_data)

            units.append(units_item)

        order_figures = cls(
            asks=asks,
            posted=posted,
            response_rate=response_rate,
            units=units,
        )

        return order_figures
