from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StepTaken")


@_attrs_define
class StepTaken:
    """
    Attributes:
        kind (str): level, head or desk
        notices (list[str]): Each person notice's state: pending, sent, failed, unreachable
        owner (str): Whose roster the person came from (the department or a duty desk)
        position (int):
        skipped (bool):
        taken_at (str):
        told (list[str]): Member ids told; empty when the step was skipped (nobody on duty)
        level (int | None | Unset):
    """

    kind: str
    notices: list[str]
    owner: str
    position: int
    skipped: bool
    taken_at: str
    told: list[str]
    level: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        notices = self.notices

        owner = self.owner

        position = self.position

        skipped = self.skipped

        taken_at = self.taken_at

        told = self.told

        level: int | None | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "notices": notices,
                "owner": owner,
                "position": position,
                "skipped": skipped,
                "taken_at": taken_at,
                "told": told,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = d.pop("kind")

        notices = cast(list[str], d.pop("notices"))

        owner = d.pop("owner")

        position = d.pop("position")

        skipped = d.pop("skipped")

        taken_at = d.pop("taken_at")

        told = cast(list[str], d.pop("told"))

        def _parse_level(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        step_taken = cls(
            kind=kind,
            notices=notices,
            owner=owner,
            position=position,
            skipped=skipped,
            taken_at=taken_at,
            told=told,
            level=level,
        )

        step_taken.additional_properties = d
        return step_taken

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
