from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.duty_person import DutyPerson


T = TypeVar("T", bound="DutyPeople")


@_attrs_define
class DutyPeople:
    """
    Attributes:
        owner (str):
        available (bool | Unset): false when notify could not be asked (then `reason` and `cause`) Default: True.
        cause (None | str | Unset): unreachable (notify) or sign_in (this sign-in cannot be passed on)
        people (list[DutyPerson] | Unset): Names only: a member's mobile never leaves notify this way
        reason (None | str | Unset):
    """

    owner: str
    available: bool | Unset = True
    cause: None | str | Unset = UNSET
    people: list[DutyPerson] | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner = self.owner

        available = self.available

        cause: None | str | Unset
        if isinstance(self.cause, Unset):
            cause = UNSET
        else:
            cause = self.cause

        people: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.people, Unset):
            people = []
            for people_item_data in self.people:
                people_item = people_item_data.to_dict()
                people.append(people_item)

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
        if available is not UNSET:
            field_dict["available"] = available
        if cause is not UNSET:
            field_dict["cause"] = cause
        if people is not UNSET:
            field_dict["people"] = people
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.duty_person import DutyPerson

        d = dict(src_dict)
        owner = d.pop("owner")

        available = d.pop("available", UNSET)

        def _parse_cause(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cause = _parse_cause(d.pop("cause", UNSET))

        _people = d.pop("people", UNSET)
        people: list[DutyPerson] | Unset = UNSET
        if _people is not UNSET:
            people = []
            for people_item_data in _people:
                people_item = DutyPerson.from_dict(people_item_data)

                people.append(people_item)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        duty_people = cls(
            owner=owner,
            available=available,
            cause=cause,
            people=people,
            reason=reason,
        )

        duty_people.additional_properties = d
        return duty_people

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
