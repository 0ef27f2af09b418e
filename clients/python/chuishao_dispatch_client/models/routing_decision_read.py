from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoutingDecisionRead")


@_attrs_define
class RoutingDecisionRead:
    """
    Attributes:
        explanation (str):
        lead (str):
        rule_id (str):
        rule_version (int):
        assist (list[str] | Unset):
    """

    explanation: str
    lead: str
    rule_id: str
    rule_version: int
    assist: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        explanation = self.explanation

        lead = self.lead

        rule_id = self.rule_id

        rule_version = self.rule_version

        assist: list[str] | Unset = UNSET
        if not isinstance(self.assist, Unset):
            assist = self.assist

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "explanation": explanation,
                "lead": lead,
                "rule_id": rule_id,
                "rule_version": rule_version,
            }
        )
        if assist is not UNSET:
            field_dict["assist"] = assist

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        explanation = d.pop("explanation")

        lead = d.pop("lead")

        rule_id = d.pop("rule_id")

        rule_version = d.pop("rule_version")

        assist = cast(list[str], d.pop("assist", UNSET))

        routing_decision_read = cls(
            explanation=explanation,
            lead=lead,
            rule_id=rule_id,
            rule_version=rule_version,
            assist=assist,
        )

        routing_decision_read.additional_properties = d
        return routing_decision_read

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
