from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CertificateRef")


@_attrs_define
class CertificateRef:
    """
    Attributes:
        hours (str):
        issued_on (datetime.date):
        number (str): Checkable by anyone at GET /v1/certificates/{number}; printable at its /page
    """

    hours: str
    issued_on: datetime.date
    number: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        issued_on = self.issued_on.isoformat()

        number = self.number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hours": hours,
                "issued_on": issued_on,
                "number": number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        hours = d.pop("hours")

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        number = d.pop("number")

        certificate_ref = cls(
            hours=hours,
            issued_on=issued_on,
            number=number,
        )

        certificate_ref.additional_properties = d
        return certificate_ref

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
