from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.role_in import RoleIn


T = TypeVar("T", bound="PersonPatch")


@_attrs_define
class PersonPatch:
    """
    Attributes:
        reason (str): Why (kept in the audit)
        active (bool | None | Unset): Reactivate with true; deactivate has its own action
        dingtalk_user_id (None | str | Unset):
        name (None | str | Unset):
        phone (None | str | Unset):
        roles (list[RoleIn] | None | Unset):
        wecom_user_id (None | str | Unset):
    """

    reason: str
    active: bool | None | Unset = UNSET
    dingtalk_user_id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    roles: list[RoleIn] | None | Unset = UNSET
    wecom_user_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        active: bool | None | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        dingtalk_user_id: None | str | Unset
        if isinstance(self.dingtalk_user_id, Unset):
            dingtalk_user_id = UNSET
        else:
            dingtalk_user_id = self.dingtalk_user_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        roles: list[dict[str, Any]] | None | Unset
        if isinstance(self.roles, Unset):
            roles = UNSET
        elif isinstance(self.roles, list):
            roles = []
            for roles_type_0_item_data in self.roles:
                roles_type_0_item = roles_type_0_item_data.to_dict()
                roles.append(roles_type_0_item)

        else:
            roles = self.roles

        wecom_user_id: None | str | Unset
        if isinstance(self.wecom_user_id, Unset):
            wecom_user_id = UNSET
        else:
            wecom_user_id = self.wecom_user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if dingtalk_user_id is not UNSET:
            field_dict["dingtalk_user_id"] = dingtalk_user_id
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if roles is not UNSET:
            field_dict["roles"] = roles
        if wecom_user_id is not UNSET:
            field_dict["wecom_user_id"] = wecom_user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.role_in import RoleIn

        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        active = _parse_active(d.pop("active", UNSET))

        def _parse_dingtalk_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dingtalk_user_id = _parse_dingtalk_user_id(d.pop("dingtalk_user_id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_roles(data: object) -> list[RoleIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                roles_type_0 = []
                _roles_type_0 = data
                for roles_type_0_item_data in _roles_type_0:
                    roles_type_0_item = RoleIn.from_dict(roles_type_0_item_data)

                    roles_type_0.append(roles_type_0_item)

                return roles_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RoleIn] | None | Unset, data)

        roles = _parse_roles(d.pop("roles", UNSET))

        def _parse_wecom_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wecom_user_id = _parse_wecom_user_id(d.pop("wecom_user_id", UNSET))

        person_patch = cls(
            reason=reason,
            active=active,
            dingtalk_user_id=dingtalk_user_id,
            name=name,
            phone=phone,
            roles=roles,
            wecom_user_id=wecom_user_id,
        )

        return person_patch
