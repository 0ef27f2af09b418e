from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.role_in import RoleIn


T = TypeVar("T", bound="PersonIn")


@_attrs_define
class PersonIn:
    """
    Attributes:
        name (str):
        reason (str): Why (kept in the audit)
        roles (list[RoleIn]):
        subject (str): The identity provider's subject (the token's `sub`)
        dingtalk_user_id (None | str | Unset):
        phone (None | str | Unset): Personal data: shown to admins only
        wecom_user_id (None | str | Unset):
    """

    name: str
    reason: str
    roles: list[RoleIn]
    subject: str
    dingtalk_user_id: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    wecom_user_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        reason = self.reason

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

        field_dict.update(
            {
                "name": name,
                "reason": reason,
                "roles": roles,
                "subject": subject,
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
        from ..models.role_in import RoleIn

        d = dict(src_dict)
        name = d.pop("name")

        reason = d.pop("reason")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = RoleIn.from_dict(roles_item_data)

            roles.append(roles_item)

        subject = d.pop("subject")

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

        person_in = cls(
            name=name,
            reason=reason,
            roles=roles,
            subject=subject,
            dingtalk_user_id=dingtalk_user_id,
            phone=phone,
            wecom_user_id=wecom_user_id,
        )

        return person_in
