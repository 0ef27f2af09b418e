from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.person_in_party import PersonInParty
from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonIn")


@_attrs_define
class PersonIn:
    """A directory subject (`person`) or a named resident (`name`), and the party they come for.

    Attributes:
        party (PersonInParty):
        name (None | str | Unset):
        person (None | str | Unset): A directory subject
    """

    party: PersonInParty
    name: None | str | Unset = UNSET
    person: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        party = self.party.value

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        person: None | str | Unset
        if isinstance(self.person, Unset):
            person = UNSET
        else:
            person = self.person

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "party": party,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if person is not UNSET:
            field_dict["person"] = person

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        party = PersonInParty(d.pop("party"))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_person(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        person = _parse_person(d.pop("person", UNSET))

        person_in = cls(
            party=party,
            name=name,
            person=person,
        )

        return person_in
