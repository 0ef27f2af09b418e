from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.change_set_in_content import ChangeSetInContent


T = TypeVar("T", bound="ChangeSetIn")


@_attrs_define
class ChangeSetIn:
    """
    Attributes:
        content (ChangeSetInContent): The documents it changes, each as its YAML file holds it: jurisdictions,
            departments, sla_policies (with holidays and makeup_workdays), categories, routing_rules. The others stay as in
            force.
        reason (str): Why (kept in the audit)
    """

    content: ChangeSetInContent
    reason: str

    def to_dict(self) -> dict[str, Any]:
        content = self.content.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_set_in_content import ChangeSetInContent

        d = dict(src_dict)
        content = ChangeSetInContent.from_dict(d.pop("content"))

        reason = d.pop("reason")

        change_set_in = cls(
            content=content,
            reason=reason,
        )

        return change_set_in
