from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DryRunIn")


@_attrs_define
class DryRunIn:
    """
    Attributes:
        days (int | Unset): How many past days of cases to replay (1–366) Default: 30.
    """

    days: int | Unset = 30

    def to_dict(self) -> dict[str, Any]:
        days = self.days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if days is not UNSET:
            field_dict["days"] = days

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        days = d.pop("days", UNSET)

        dry_run_in = cls(
            days=days,
        )

        return dry_run_in
