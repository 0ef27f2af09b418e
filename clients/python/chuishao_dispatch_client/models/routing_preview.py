from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.routing_decision_read import RoutingDecisionRead


T = TypeVar("T", bound="RoutingPreview")


@_attrs_define
class RoutingPreview:
    """`triage`: no rule covers the report, so a dispatcher would route it by hand.

    Attributes:
        candidates (list[RoutingDecisionRead]):
        triage (bool):
        decision (None | RoutingDecisionRead | Unset):
        rule_version (int | None | Unset):
    """

    candidates: list[RoutingDecisionRead]
    triage: bool
    decision: None | RoutingDecisionRead | Unset = UNSET
    rule_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.routing_decision_read import RoutingDecisionRead

        candidates = []
        for candidates_item_data in self.candidates:
            candidates_item = candidates_item_data.to_dict()
            candidates.append(candidates_item)

        triage = self.triage

        decision: dict[str, Any] | None | Unset
        if isinstance(self.decision, Unset):
            decision = UNSET
        elif isinstance(self.decision, RoutingDecisionRead):
            decision = self.decision.to_dict()
        else:
            decision = self.decision

        rule_version: int | None | Unset
        if isinstance(self.rule_version, Unset):
            rule_version = UNSET
        else:
            rule_version = self.rule_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "candidates": candidates,
                "triage": triage,
            }
        )
        if decision is not UNSET:
            field_dict["decision"] = decision
        if rule_version is not UNSET:
            field_dict["rule_version"] = rule_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.routing_decision_read import RoutingDecisionRead

        d = dict(src_dict)
        candidates = []
        _candidates = d.pop("candidates")
        for candidates_item_data in _candidates:
            candidates_item = RoutingDecisionRead.from_dict(candidates_item_data)

            candidates.append(candidates_item)

        triage = d.pop("triage")

        def _parse_decision(data: object) -> None | RoutingDecisionRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                decision_type_0 = RoutingDecisionRead.from_dict(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoutingDecisionRead | Unset, data)

        decision = _parse_decision(d.pop("decision", UNSET))

        def _parse_rule_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rule_version = _parse_rule_version(d.pop("rule_version", UNSET))

        routing_preview = cls(
            candidates=candidates,
            triage=triage,
            decision=decision,
            rule_version=rule_version,
        )

        routing_preview.additional_properties = d
        return routing_preview

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
