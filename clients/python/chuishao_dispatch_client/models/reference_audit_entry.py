from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reference_audit_entry_detail import ReferenceAuditEntryDetail


T = TypeVar("T", bound="ReferenceAuditEntry")


@_attrs_define
class ReferenceAuditEntry:
    """
    Attributes:
        action (str):
        actor (str):
        at (datetime.datetime):
        detail (ReferenceAuditEntryDetail):
        id (int):
        reason (str):
        changeset_id (None | str | Unset):
        version (int | None | Unset):
    """

    action: str
    actor: str
    at: datetime.datetime
    detail: ReferenceAuditEntryDetail
    id: int
    reason: str
    changeset_id: None | str | Unset = UNSET
    version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        at = self.at.isoformat()

        detail = self.detail.to_dict()

        id = self.id

        reason = self.reason

        changeset_id: None | str | Unset
        if isinstance(self.changeset_id, Unset):
            changeset_id = UNSET
        else:
            changeset_id = self.changeset_id

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "at": at,
                "detail": detail,
                "id": id,
                "reason": reason,
            }
        )
        if changeset_id is not UNSET:
            field_dict["changeset_id"] = changeset_id
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.reference_audit_entry_detail import ReferenceAuditEntryDetail

        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        detail = ReferenceAuditEntryDetail.from_dict(d.pop("detail"))

        id = d.pop("id")

        reason = d.pop("reason")

        def _parse_changeset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        changeset_id = _parse_changeset_id(d.pop("changeset_id", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        reference_audit_entry = cls(
            action=action,
            actor=actor,
            at=at,
            detail=detail,
            id=id,
            reason=reason,
            changeset_id=changeset_id,
            version=version,
        )

        reference_audit_entry.additional_properties = d
        return reference_audit_entry

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
