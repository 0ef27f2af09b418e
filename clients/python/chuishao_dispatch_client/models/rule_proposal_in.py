from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleProposalIn")


@_attrs_define
class RuleProposalIn:
    """
    Attributes:
        lead (str): The department that leads (a code)
        reason (str): Why this 小类 in this community should go there (audited)
        assist (list[str] | Unset): The departments that assist (codes), in order
    """

    lead: str
    reason: str
    assist: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        lead = self.lead

        reason = self.reason

        assist: list[str] | Unset = UNSET
        if not isinstance(self.assist, Unset):
            assist = self.assist

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lead": lead,
                "reason": reason,
            }
        )
        if assist is not UNSET:
            field_dict["assist"] = assist

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        lead = d.pop("lead")

        reason = d.pop("reason")

        assist = cast(list[str], d.pop("assist", UNSET))

        rule_proposal_in = cls(
            lead=lead,
            reason=reason,
            assist=assist,
        )

        return rule_proposal_in
