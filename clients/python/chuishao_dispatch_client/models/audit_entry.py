from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_entry_after import AuditEntryAfter
    from ..models.audit_entry_before_type_0 import AuditEntryBeforeType0


T = TypeVar("T", bound="AuditEntry")


@_attrs_define
class AuditEntry:
    """
    Attributes:
        action (str):
        actor (str):
        after (AuditEntryAfter):
        at (str):
        reason (str):
        before (AuditEntryBeforeType0 | None | Unset):
    """

    action: str
    actor: str
    after: AuditEntryAfter
    at: str
    reason: str
    before: AuditEntryBeforeType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_before_type_0 import AuditEntryBeforeType0

        action = self.action

        actor = self.actor

        after = self.after.to_dict()

        at = self.at

        reason = self.reason

        before: dict[str, Any] | None | Unset
        if isinstance(self.before, Unset):
            before = UNSET
        elif isinstance(self.before, AuditEntryBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "after": after,
                "at": at,
                "reason": reason,
            }
        )
        if before is not UNSET:
            field_dict["before"] = before

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audit_entry_after import AuditEntryAfter
        from ..models.audit_entry_before_type_0 import AuditEntryBeforeType0

        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        after = AuditEntryAfter.from_dict(d.pop("after"))

        at = d.pop("at")

        reason = d.pop("reason")

        def _parse_before(data: object) -> AuditEntryBeforeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = AuditEntryBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEntryBeforeType0 | None | Unset, data)

        before = _parse_before(d.pop("before", UNSET))

        audit_entry = cls(
            action=action,
            actor=actor,
            after=after,
            at=at,
            reason=reason,
            before=before,
        )

        audit_entry.additional_properties = d
        return audit_entry

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
