from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonWrite")


@_attrs_define
class PersonWrite:
    """
    Attributes:
        name (str):
        dingtalk_user_id (str | Unset): Told by DingTalk work notice Default: ''.
        mobile (str | Unset): For the group robot's @mention; never shown whole Default: ''.
        wecom_user_id (str | Unset): Told by WeCom application message Default: ''.
    """

    name: str
    dingtalk_user_id: str | Unset = ""
    mobile: str | Unset = ""
    wecom_user_id: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        dingtalk_user_id = self.dingtalk_user_id

        mobile = self.mobile

        wecom_user_id = self.wecom_user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if dingtalk_user_id is not UNSET:
            field_dict["dingtalk_user_id"] = dingtalk_user_id
        if mobile is not UNSET:
            field_dict["mobile"] = mobile
        if wecom_user_id is not UNSET:
            field_dict["wecom_user_id"] = wecom_user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        dingtalk_user_id = d.pop("dingtalk_user_id", UNSET)

        mobile = d.pop("mobile", UNSET)

        wecom_user_id = d.pop("wecom_user_id", UNSET)

        person_write = cls(
            name=name,
            dingtalk_user_id=dingtalk_user_id,
            mobile=mobile,
            wecom_user_id=wecom_user_id,
        )

        return person_write
