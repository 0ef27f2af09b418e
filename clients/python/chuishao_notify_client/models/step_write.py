from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.step_write_kind import StepWriteKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="StepWrite")


@_attrs_define
class StepWrite:
    """
    Attributes:
        kind (StepWriteKind): level: the person on duty at a roster level; head: the department head; desk: the duty
            desk
        wait_minutes (float): Minutes to wait for 签收 before the next step
        level (int | None | Unset): For a level step only
    """

    kind: StepWriteKind
    wait_minutes: float
    level: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        wait_minutes = self.wait_minutes

        level: int | None | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "wait_minutes": wait_minutes,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = StepWriteKind(d.pop("kind"))

        wait_minutes = d.pop("wait_minutes")

        def _parse_level(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        step_write = cls(
            kind=kind,
            wait_minutes=wait_minutes,
            level=level,
        )

        return step_write
