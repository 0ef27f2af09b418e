from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.team_read_kind import TeamReadKind

if TYPE_CHECKING:
    from ..models.tenure_read import TenureRead


T = TypeVar("T", bound="TeamRead")


@_attrs_define
class TeamRead:
    """
    Attributes:
        community (str):
        created_at (datetime.datetime):
        description (str):
        id (str):
        kind (TeamReadKind):
        kind_name (str):
        kind_name_en (str):
        member_count (int): Members today
        members (list[TenureRead]): Every membership, ended ones too (the history)
        name (str):
    """

    community: str
    created_at: datetime.datetime
    description: str
    id: str
    kind: TeamReadKind
    kind_name: str
    kind_name_en: str
    member_count: int
    members: list[TenureRead]
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        created_at = self.created_at.isoformat()

        description = self.description

        id = self.id

        kind = self.kind.value

        kind_name = self.kind_name

        kind_name_en = self.kind_name_en

        member_count = self.member_count

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "community": community,
                "created_at": created_at,
                "description": description,
                "id": id,
                "kind": kind,
                "kind_name": kind_name,
                "kind_name_en": kind_name_en,
                "member_count": member_count,
                "members": members,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tenure_read import TenureRead

        d = dict(src_dict)
        community = d.pop("community")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        id = d.pop("id")

        kind = TeamReadKind(d.pop("kind"))

        kind_name = d.pop("kind_name")

        kind_name_en = d.pop("kind_name_en")

        member_count = d.pop("member_count")

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = TenureRead.from_dict(members_item_data)

            members.append(members_item)

        name = d.pop("name")

        team_read = cls(
            community=community,
            created_at=created_at,
            description=description,
            id=id,
            kind=kind,
            kind_name=kind_name,
            kind_name_en=kind_name_en,
            member_count=member_count,
            members=members,
            name=name,
        )

        team_read.additional_properties = d
        return team_read

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
