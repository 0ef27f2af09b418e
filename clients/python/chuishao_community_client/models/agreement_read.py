from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgreementRead")


@_attrs_define
class AgreementRead:
    """
    Attributes:
        community (str):
        signed_on (datetime.date):
        term_from (datetime.date):
        term_to (datetime.date | None | Unset):
    """

    community: str
    signed_on: datetime.date
    term_from: datetime.date
    term_to: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        signed_on = self.signed_on.isoformat()

        term_from = self.term_from.isoformat()

        term_to: None | str | Unset
        if isinstance(self.term_to, Unset):
            term_to = UNSET
        elif isinstance(self.term_to, datetime.date):
            term_to = self.term_to.isoformat()
        else:
            term_to = self.term_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "community": community,
                "signed_on": signed_on,
                "term_from": term_from,
            }
        )
        if term_to is not UNSET:
            field_dict["term_to"] = term_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        community = d.pop("community")

        signed_on = datetime.date.fromisoformat(d.pop("signed_on"))

        term_from = datetime.date.fromisoformat(d.pop("term_from"))

        def _parse_term_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                term_to_type_0 = datetime.date.fromisoformat(data)

                return term_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        term_to = _parse_term_to(d.pop("term_to", UNSET))

        agreement_read = cls(
            community=community,
            signed_on=signed_on,
            term_from=term_from,
            term_to=term_to,
        )

        agreement_read.additional_properties = d
        return agreement_read

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
