from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgreementBody")


@_attrs_define
class AgreementBody:
    """
    Attributes:
        signed_on (datetime.date):
        term_from (datetime.date):
        term_to (datetime.date | None | Unset):
    """

    signed_on: datetime.date
    term_from: datetime.date
    term_to: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        field_dict.update(
            {
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

        agreement_body = cls(
            signed_on=signed_on,
            term_from=term_from,
            term_to=term_to,
        )

        return agreement_body
