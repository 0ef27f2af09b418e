from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_taken import StepTaken


T = TypeVar("T", bound="Chain")


@_attrs_define
class Chain:
    """
    Attributes:
        department (str):
        policy_version (int):
        started_at (str):
        status (str): running, acknowledged (签收 stopped it), stopped, exhausted
        steps (list[StepTaken]):
        next_at (None | str | Unset):
        stopped_at (None | str | Unset):
    """

    department: str
    policy_version: int
    started_at: str
    status: str
    steps: list[StepTaken]
    next_at: None | str | Unset = UNSET
    stopped_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department = self.department

        policy_version = self.policy_version

        started_at = self.started_at

        status = self.status

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        next_at: None | str | Unset
        if isinstance(self.next_at, Unset):
            next_at = UNSET
        else:
            next_at = self.next_at

        stopped_at: None | str | Unset
        if isinstance(self.stopped_at, Unset):
            stopped_at = UNSET
        else:
            stopped_at = self.stopped_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department": department,
                "policy_version": policy_version,
                "started_at": started_at,
                "status": status,
                "steps": steps,
            }
        )
        if next_at is not UNSET:
            field_dict["next_at"] = next_at
        if stopped_at is not UNSET:
            field_dict["stopped_at"] = stopped_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_taken import StepTaken

        d = dict(src_dict)
        department = d.pop("department")

        policy_version = d.pop("policy_version")

        started_at = d.pop("started_at")

        status = d.pop("status")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = StepTaken.from_dict(steps_item_data)

            steps.append(steps_item)

        def _parse_next_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_at = _parse_next_at(d.pop("next_at", UNSET))

        def _parse_stopped_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stopped_at = _parse_stopped_at(d.pop("stopped_at", UNSET))

        chain = cls(
            department=department,
            policy_version=policy_version,
            started_at=started_at,
            status=status,
            steps=steps,
            next_at=next_at,
            stopped_at=stopped_at,
        )

        chain.additional_properties = d
        return chain

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
