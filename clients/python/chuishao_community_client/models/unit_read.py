from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agreement_read import AgreementRead
    from ..models.order_stats import OrderStats
    from ..models.person_read import PersonRead


T = TypeVar("T", bound="UnitRead")


@_attrs_define
class UnitRead:
    """
    Attributes:
        agreements (list[AgreementRead]):
        code (str):
        communities (list[str]):
        description (str):
        kind (str):
        name (str):
        contact (None | PersonRead | Unset): Only for the unit's contact and its communities' staff
        created_at (datetime.datetime | None | Unset):
        orders (None | OrderStats | Unset): Its response to community orders (GET /v1/units/{code})
        party_head (None | PersonRead | Unset):
        website (None | str | Unset):
    """

    agreements: list[AgreementRead]
    code: str
    communities: list[str]
    description: str
    kind: str
    name: str
    contact: None | PersonRead | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    orders: None | OrderStats | Unset = UNSET
    party_head: None | PersonRead | Unset = UNSET
    website: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.order_stats import OrderStats
        from ..models.person_read import PersonRead

        agreements = []
        for agreements_item_data in self.agreements:
            agreements_item = agreements_item_data.to_dict()
            agreements.append(agreements_item)

        code = self.code

        communities = self.communities

        description = self.description

        kind = self.kind

        name = self.name

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, PersonRead):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        orders: dict[str, Any] | None | Unset
        if isinstance(self.orders, Unset):
            orders = UNSET
        elif isinstance(self.orders, OrderStats):
            orders = self.orders.to_dict()
        else:
            orders = self.orders

        party_head: dict[str, Any] | None | Unset
        if isinstance(self.party_head, Unset):
            party_head = UNSET
        elif isinstance(self.party_head, PersonRead):
            party_head = self.party_head.to_dict()
        else:
            party_head = self.party_head

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreements": agreements,
                "code": code,
                "communities": communities,
                "description": description,
                "kind": kind,
                "name": name,
            }
        )
        if contact is not UNSET:
            field_dict["contact"] = contact
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if orders is not UNSET:
            field_dict["orders"] = orders
        if party_head is not UNSET:
            field_dict["party_head"] = party_head
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agreement_read import AgreementRead
        from ..models.order_stats import OrderStats
        from ..models.person_read import PersonRead

        d = dict(src_dict)
        agreements = []
        _agreements = d.pop("agreements")
        for agreements_item_data in _agreements:
            agreements_item = AgreementRead.from_dict(agreements_item_data)

            agreements.append(agreements_item)

        code = d.pop("code")

        communities = cast(list[str], d.pop("communities"))

        description = d.pop("description")

        kind = d.pop("kind")

        name = d.pop("name")

        def _parse_contact(data: object) -> None | PersonRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = PersonRead.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonRead | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_orders(data: object) -> None | OrderStats | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                orders_type_0 = OrderStats.from_dict(data)

                return orders_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderStats | Unset, data)

        orders = _parse_orders(d.pop("orders", UNSET))

        def _parse_party_head(data: object) -> None | PersonRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                party_head_type_0 = PersonRead.from_dict(data)

                return party_head_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonRead | Unset, data)

        party_head = _parse_party_head(d.pop("party_head", UNSET))

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        unit_read = cls(
            agreements=agreements,
            code=code,
            communities=communities,
            description=description,
            kind=kind,
            name=name,
            contact=contact,
            created_at=created_at,
            orders=orders,
            party_head=party_head,
            website=website,
        )

        unit_read.additional_properties = d
        return unit_read

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
