from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_write import StepWrite


T = TypeVar("T", bound="PolicyWrite")


@_attrs_define
class PolicyWrite:
    """
    Attributes:
        steps (list[StepWrite]):
        head (None | str | Unset): The department head's member id
        reason (str | Unset):  Default: ''.
        repeats (int | Unset): How many more times the steps are gone through Default: 0.
    """

    steps: list[StepWrite]
    head: None | str | Unset = UNSET
    reason: str | Unset = ""
    repeats: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        head: None | str | Unset
        if isinstance(self.head, Unset):
            head = UNSET
        else:
            head = self.head

        reason = self.reason

        repeats = self.repeats

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "steps": steps,
            }
        )
        if head is not UNSET:
            field_dict["head"] = head
        if reason is not UNSET:
            field_dict["reason"] = reason
        if repeats is not UNSET:
            field_dict["repeats"] = repeats

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_write import StepWrite

        d = dict(src_dict)
        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = StepWrite.from_dict(steps_item_data)

            steps.append(steps_item)

        def _parse_head(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        head = _parse_head(d.pop("head", UNSET))

        reason = d.pop("reason", UNSET)

        repeats = d.pop("repeats", UNSET)

        policy_write = cls(
            steps=steps,
            head=head,
            reason=reason,
            repeats=repeats,
        )

        return policy_write
