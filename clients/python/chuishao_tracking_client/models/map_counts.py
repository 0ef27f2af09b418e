from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MapCounts")


@_attrs_define
class MapCounts:
    """
    Attributes:
        blue (int): Open matters at escalation level 1 (蓝色督办)
        open_ (int): Open matters (not yet resolved)
        overdue (int): Overdue: the case is at work (dispatched, acknowledged, in_progress or reopened) and the earliest
            deadline its departments still owe has passed: the acknowledge deadline of a department that has not reported in
            (报到), or the case's resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are never overdue; the
            escalation level does not count, so a case whose owed deadlines are met again is no longer overdue.
        red (int): … at level 3 (红色督办)
        yellow (int): … at level 2 (黄色督办)
    """

    blue: int
    open_: int
    overdue: int
    red: int
    yellow: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        blue = self.blue

        open_ = self.open_

        overdue = self.overdue

        red = self.red

        yellow = self.yellow

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "blue": blue,
                "open": open_,
                "overdue": overdue,
                "red": red,
                "yellow": yellow,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        blue = d.pop("blue")

        open_ = d.pop("open")

        overdue = d.pop("overdue")

        red = d.pop("red")

        yellow = d.pop("yellow")

        map_counts = cls(
            blue=blue,
            open_=open_,
            overdue=overdue,
            red=red,
            yellow=yellow,
        )

        map_counts.additional_properties = d
        return map_counts

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
