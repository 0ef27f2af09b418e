from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rule_in import RuleIn


T = TypeVar("T", bound="RuleSetIn")


@_attrs_define
class RuleSetIn:
    """
    Attributes:
        rules (list[RuleIn]):
    """

    rules: list[RuleIn]

    def to_dict(self) -> dict[str, Any]:
        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rules": rules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rule_in import RuleIn

        d = dict(src_dict)
        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = RuleIn.from_dict(rules_item_data)

            rules.append(rules_item)

        rule_set_in = cls(
            rules=rules,
        )

        return rule_set_in
