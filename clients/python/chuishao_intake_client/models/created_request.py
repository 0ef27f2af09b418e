from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatedRequest")


@_attrs_define
class CreatedRequest:
    """
    Attributes:
        service_request_id (str):
        account_id (None | str | Unset):
        service_notice (None | str | Unset):
    """

    service_request_id: str
    account_id: None | str | Unset = UNSET
    service_notice: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service_request_id = self.service_request_id

        account_id: None | str | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        else:
            account_id = self.account_id

        service_notice: None | str | Unset
        if isinstance(self.service_notice, Unset):
            service_notice = UNSET
        else:
            service_notice = self.service_notice

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "service_request_id": service_request_id,
            }
        )
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if service_notice is not UNSET:
            field_dict["service_notice"] = service_notice

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        service_request_id = d.pop("service_request_id")

        def _parse_account_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_id = _parse_account_id(d.pop("account_id", UNSET))

        def _parse_service_notice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_notice = _parse_service_notice(d.pop("service_notice", UNSET))

        created_request = cls(
            service_request_id=service_request_id,
            account_id=account_id,
            service_notice=service_notice,
        )

        created_request.additional_properties = d
        return created_request

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
