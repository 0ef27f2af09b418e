from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rate import Rate


T = TypeVar("T", bound="NeedFigures")


@_attrs_define
class NeedFigures:
    """
    Attributes:
        cancelled (int):
        claimed (int): Needs first claimed in the period
        claims (int): Claims made in the period
        confirmed (int):
        expired (int):
        no_show_rate (Rate):
        recorded (int):
        release_rate (Rate):
        satisfaction_rate (Rate):
        whistled (int):
        median_seconds_to_claim (float | None | Unset):
        median_seconds_to_confirm (float | None | Unset):
    """

    cancelled: int
    claimed: int
    claims: int
    confirmed: int
    expired: int
    no_show_rate: Rate
    recorded: int
    release_rate: Rate
    satisfaction_rate: Rate
    whistled: int
    median_seconds_to_claim: float | None | Unset = UNSET
    median_seconds_to_confirm: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cancelled = self.cancelled

        claimed = self.claimed

        claims = self.claims

        confirmed = self.confirmed

        expired = self.expired

        no_show_rate = self.no_show_rate.to_dict()

        recorded = self.recorded

        release_rate = self.release_rate.to_dict()

        satisfaction_rate = self.satisfaction_rate.to_dict()

        whistled = self.whistled

        median_seconds_to_claim: float | None | Unset
        if isinstance(self.median_seconds_to_claim, Unset):
            median_seconds_to_claim = UNSET
        else:
            median_seconds_to_claim = self.median_seconds_to_claim

        median_seconds_to_confirm: float | None | Unset
        if isinstance(self.median_seconds_to_confirm, Unset):
            median_seconds_to_confirm = UNSET
        else:
            median_seconds_to_confirm = self.median_seconds_to_confirm

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cancelled": cancelled,
                "claimed": claimed,
                "claims": claims,
                "confirmed": confirmed,
                "expired": expired,
                "no_show_rate": no_show_rate,
                "recorded": recorded,
                "release_rate": release_rate,
                "satisfaction_rate": satisfaction_rate,
                "whistled": whistled,
            }
        )
        if median_seconds_to_claim is not UNSET:
            field_dict["median_seconds_to_claim"] = median_seconds_to_claim
        if median_seconds_to_confirm is not UNSET:
            field_dict["median_seconds_to_confirm"] = median_seconds_to_confirm

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rate import Rate

        d = dict(src_dict)
        cancelled = d.pop("cancelled")

        claimed = d.pop("claimed")

        claims = d.pop("claims")

        confirmed = d.pop("confirmed")

        expired = d.pop("expired")

        no_show_rate = Rate.from_dict(d.pop("no_show_rate"))

        recorded = d.pop("recorded")

        release_rate = Rate.from_dict(d.pop("release_rate"))

        satisfaction_rate = Rate.from_dict(d.pop("satisfaction_rate"))

        whistled = d.pop("whistled")

        def _parse_median_seconds_to_claim(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_seconds_to_claim = _parse_median_seconds_to_claim(
            d.pop("median_seconds_to_claim", UNSET)
        )

        def _parse_median_seconds_to_confirm(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_seconds_to_confirm = _parse_median_seconds_to_confirm(
            d.pop("median_seconds_to_confirm", UNSET)
        )

        need_figures = cls(
            cancelled=cancelled,
            claimed=claimed,
            claims=claims,
            confirmed=confirmed,
            expired=expired,
            no_show_rate=no_show_rate,
            recorded=recorded,
            release_rate=release_rate,
            satisfaction_rate=satisfaction_rate,
            whistled=whistled,
            median_seconds_to_claim=median_seconds_to_claim,
            median_seconds_to_confirm=median_seconds_to_confirm,
        )

        return need_figures
