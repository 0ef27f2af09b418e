from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.on_duty_level import OnDutyLevel


T = TypeVar("T", bound="OnDuty")


@_attrs_define
class OnDuty:
    """
    Attributes:
        owner (str):
        at (None | str | Unset):
        available (bool | Unset): false when notify could not be asked (then `reason` and `cause`) Default: True.
        cause (None | str | Unset): unreachable (notify) or sign_in (this sign-in cannot be passed on)
        levels (list[OnDutyLevel] | Unset):
        reason (None | str | Unset):
    """

    owner: str
    at: None | str | Unset = UNSET
    available: bool | Unset = True
    cause: None | str | Unset = UNSET
    levels: list[OnDutyLevel] | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner = self.owner

        at: None | str | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        else:
            at = self.at

        available = self.available

        cause: None | str | Unset
        if isinstance(self.cause, Unset):
            cause = UNSET
        else:
            cause = self.cause

        levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.levels, Unset):
            levels = []
            for levels_item_data in self.levels:
                levels_item = levels_item_data.to_dict()
                levels.append(levels_item)

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "owner": owner,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if available is not UNSET:
            field_dict["available"] = available
        if cause is not UNSET:
            field_dict["cause"] = cause
        if levels is not UNSET:
            field_dict["levels"] = levels
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.on_duty_level import OnDutyLevel

        d = dict(src_dict)
        owner = d.pop("owner")

        def _parse_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        at = _parse_at(d.pop("at", UNSET))

        available = d.pop("available", UNSET)

        def _parse_cause(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cause = _parse_cause(d.pop("cause", UNSET))

        _levels = d.pop("levels", UNSET)
        levels: list[OnDutyLevel] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = OnDutyLevel.from_dict(levels_item_data)

                levels.append(levels_item)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        on_duty = cls(
            owner=owner,
            at=at,
            available=available,
            cause=cause,
            levels=levels,
            reason=reason,
        )

        on_duty.additional_properties = d
        return on_duty

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
