from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.directory_entry_roles_item import DirectoryEntryRolesItem


T = TypeVar("T", bound="DirectoryEntry")


@_attrs_define
class DirectoryEntry:
    """
    Attributes:
        active (bool):
        revision (int):
        roles (list[DirectoryEntryRolesItem]):
        subject (str):
        dingtalk_user_id (None | str | Unset): The person's DingTalk userid (their DingTalk sign-in)
        wecom_user_id (None | str | Unset): The person's WeCom UserID (their WeCom sign-in)
    """

    active: bool
    revision: int
    roles: list[DirectoryEntryRolesItem]
    subject: str
    dingtalk_user_id: None | str | Unset = UNSET
    wecom_user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        revision = self.revision

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)

        subject = self.subject

        dingtalk_user_id: None | str | Unset
        if isinstance(self.dingtalk_user_id, Unset):
            dingtalk_user_id = UNSET
        else:
            dingtalk_user_id = self.dingtalk_user_id

        wecom_user_id: None | str | Unset
        if isinstance(self.wecom_user_id, Unset):
            wecom_user_id = UNSET
        else:
            wecom_user_id = self.wecom_user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "revision": revision,
                "roles": roles,
                "subject": subject,
            }
        )
        if dingtalk_user_id is not UNSET:
            field_dict["dingtalk_user_id"] = dingtalk_user_id
        if wecom_user_id is not UNSET:
            field_dict["wecom_user_id"] = wecom_user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.directory_entry_roles_item import DirectoryEntryRolesItem

        d = dict(src_dict)
        active = d.pop("active")

        revision = d.pop("revision")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = DirectoryEntryRolesItem.from_dict(roles_item_data)

            roles.append(roles_item)

        subject = d.pop("subject")

        def _parse_dingtalk_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dingtalk_user_id = _parse_dingtalk_user_id(d.pop("dingtalk_user_id", UNSET))

        def _parse_wecom_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wecom_user_id = _parse_wecom_user_id(d.pop("wecom_user_id", UNSET))

        directory_entry = cls(
            active=active,
            revision=revision,
            roles=roles,
            subject=subject,
            dingtalk_user_id=dingtalk_user_id,
            wecom_user_id=wecom_user_id,
        )

        directory_entry.additional_properties = d
        return directory_entry

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
