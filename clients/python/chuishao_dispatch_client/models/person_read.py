from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.person_read_roles_item import PersonReadRolesItem


T = TypeVar("T", bound="PersonRead")


@_attrs_define
class PersonRead:
    """
    Attributes:
        active (bool):
        created_at (str):
        id (str):
        name (str):
        roles (list[PersonReadRolesItem]):
        subject (str):
        updated_at (str):
        dingtalk_user_id (None | str | Unset):
        phone (None | str | Unset):
        wecom_user_id (None | str | Unset):
    """

    active: bool
    created_at: str
    id: str
    name: str
    roles: list[PersonReadRolesItem]
    subject: str
    updated_at: str
    dingtalk_user_id: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    wecom_user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at

        id = self.id

        name = self.name

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)

        subject = self.subject

        updated_at = self.updated_at

        dingtalk_user_id: None | str | Unset
        if isinstance(self.dingtalk_user_id, Unset):
            dingtalk_user_id = UNSET
        else:
            dingtalk_user_id = self.dingtalk_user_id

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

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
                "created_at": created_at,
                "id": id,
                "name": name,
                "roles": roles,
                "subject": subject,
                "updated_at": updated_at,
            }
        )
        if dingtalk_user_id is not UNSET:
            field_dict["dingtalk_user_id"] = dingtalk_user_id
        if phone is not UNSET:
            field_dict["phone"] = phone
        if wecom_user_id is not UNSET:
            field_dict["wecom_user_id"] = wecom_user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.person_read_roles_item import PersonReadRolesItem

        d = dict(src_dict)
        active = d.pop("active")

        created_at = d.pop("created_at")

        id = d.pop("id")

        name = d.pop("name")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = PersonReadRolesItem.from_dict(roles_item_data)

            roles.append(roles_item)

        subject = d.pop("subject")

        updated_at = d.pop("updated_at")

        def _parse_dingtalk_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dingtalk_user_id = _parse_dingtalk_user_id(d.pop("dingtalk_user_id", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_wecom_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wecom_user_id = _parse_wecom_user_id(d.pop("wecom_user_id", UNSET))

        person_read = cls(
            active=active,
            created_at=created_at,
            id=id,
            name=name,
            roles=roles,
            subject=subject,
            updated_at=updated_at,
            dingtalk_user_id=dingtalk_user_id,
            phone=phone,
            wecom_user_id=wecom_user_id,
        )

        person_read.additional_properties = d
        return person_read

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
