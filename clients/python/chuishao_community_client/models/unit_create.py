from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.unit_create_kind import UnitCreateKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_body import AgreementBody
    from ..models.person_body import PersonBody


T = TypeVar("T", bound="UnitCreate")


@_attrs_define
class UnitCreate:
    """
    Attributes:
        agreement (AgreementBody):
        code (str):
        contact (PersonBody):
        kind (UnitCreateKind):
        name (str):
        description (str | Unset):  Default: ''.
        party_head (None | PersonBody | Unset): The unit's party-organisation head (personal)
        website (None | str | Unset):
    """

    agreement: AgreementBody
    code: str
    contact: PersonBody
    kind: UnitCreateKind
    name: str
    description: str | Unset = ""
    party_head: None | PersonBody | Unset = UNSET
    website: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.person_body import PersonBody

        agreement = self.agreement.to_dict()

        code = self.code

        contact = self.contact.to_dict()

        kind = self.kind.value

        name = self.name

        description = self.description

        party_head: dict[str, Any] | None | Unset
        if isinstance(self.party_head, Unset):
            party_head = UNSET
        elif isinstance(self.party_head, PersonBody):
            party_head = self.party_head.to_dict()
        else:
            party_head = self.party_head

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agreement": agreement,
                "code": code,
                "contact": contact,
                "kind": kind,
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if party_head is not UNSET:
            field_dict["party_head"] = party_head
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_body import AgreementBody
        from ..models.person_body import PersonBody

        d = dict(src_dict)
        agreement = AgreementBody.from_dict(d.pop("agreement"))

        code = d.pop("code")

        contact = PersonBody.from_dict(d.pop("contact"))

        kind = UnitCreateKind(d.pop("kind"))

        name = d.pop("name")

        description = d.pop("description", UNSET)

        def _parse_party_head(data: object) -> None | PersonBody | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                party_head_type_0 = PersonBody.from_dict(data)

                return party_head_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonBody | Unset, data)

        party_head = _parse_party_head(d.pop("party_head", UNSET))

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        unit_create = cls(
            agreement=agreement,
            code=code,
            contact=contact,
            kind=kind,
            name=name,
            description=description,
            party_head=party_head,
            website=website,
        )

        return unit_create
