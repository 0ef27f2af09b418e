from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rate import Rate


T = TypeVar("T", bound="UnitAnswers")


@_attrs_define
class UnitAnswers:
    """
    Attributes:
        answered (int): Of those, answered (committing or declining)
        asks (int): Orders posted in the period that asked this unit
        committed (int):
        response_rate (Rate):
        unit (str): The co-building unit's code
        median_seconds_to_respond (float | None | Unset):
    """

    answered: int
    asks: int
    committed: int
    response_rate: Rate
    unit: str
    median_seconds_to_respond: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answered = self.answered

        asks = self.asks

        committed = self.committed

        response_rate = self.response_rate.to_dict()

        unit = self.unit

        median_seconds_to_respond: float | None | Unset
        if isinstance(self.median_seconds_to_respond, Unset):
            median_seconds_to_respond = UNSET
        else:
            median_seconds_to_respond = self.median_seconds_to_respond

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answered": answered,
                "asks": asks,
                "committed": committed,
                "response_rate": response_rate,
                "unit": unit,
            }
        )
        if median_seconds_to_respond is not UNSET:
            field_dict["median_seconds_to_respond"] = median_seconds_to_respond

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rate import Rate

        d = dict(src_dict)
        answered = d.pop("answered")

        asks = d.pop("asks")

        committed = d.pop("committed")

        response_rate = Rate.from_dict(d.pop("response_rate"))

        unit = d.pop("unit")

        def _parse_median_seconds_to_respond(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_seconds_to_respond = _parse_median_seconds_to_respond(
            d.pop("median_seconds_to_respond", UNSET)
        )

        unit_answers = cls(
            answered=answered,
            asks=asks,
            committed=committed,
            response_rate=response_rate,
            unit=unit,
            median_seconds_to_respond=median_seconds_to_respond,
        )

        return unit_answers
