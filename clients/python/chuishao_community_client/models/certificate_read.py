from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.certificate_read_lines_item import CertificateReadLinesItem


T = TypeVar("T", bound="CertificateRead")


@_attrs_define
class CertificateRead:
    """
    Attributes:
        holder (str): Masked (张*明)
        hours (str):
        issued_on (datetime.date):
        issuer (str):
        number (str):
        valid (bool):
        lines (list[CertificateReadLinesItem] | Unset): Each {on, content, hours}
    """

    holder: str
    hours: str
    issued_on: datetime.date
    issuer: str
    number: str
    valid: bool
    lines: list[CertificateReadLinesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        holder = self.holder

        hours = self.hours

        issued_on = self.issued_on.isoformat()

        issuer = self.issuer

        number = self.number

        valid = self.valid

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "holder": holder,
                "hours": hours,
                "issued_on": issued_on,
                "issuer": issuer,
                "number": number,
                "valid": valid,
            }
        )
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.certificate_read_lines_item import CertificateReadLinesItem

        d = dict(src_dict)
        holder = d.pop("holder")

        hours = d.pop("hours")

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        issuer = d.pop("issuer")

        number = d.pop("number")

        valid = d.pop("valid")

        _lines = d.pop("lines", UNSET)
        lines: list[CertificateReadLinesItem] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = CertificateReadLinesItem.from_dict(lines_item_data)

                lines.append(lines_item)

        certificate_read = cls(
            holder=holder,
            hours=hours,
            issued_on=issued_on,
            issuer=issuer,
            number=number,
            valid=valid,
            lines=lines,
        )

        certificate_read.additional_properties = d
        return certificate_read

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
