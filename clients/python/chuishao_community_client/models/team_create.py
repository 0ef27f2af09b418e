from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.team_create_kind import TeamCreateKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="TeamCreate")


@_attrs_define
class TeamCreate:
    """
    Attributes:
        kind (TeamCreateKind): red_armband 红袖标 | red_cap 红帽子 | red_vest 红马甲 | other
        name (str): e.g. 五阳社区红马甲志愿服务队
        description (str | Unset):  Default: ''.
    """

    kind: TeamCreateKind
    name: str
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = TeamCreateKind(d.pop("kind"))

        name = d.pop("name")

        description = d.pop("description", UNSET)

        team_create = cls(
            kind=kind,
            name=name,
            description=description,
        )

        return team_create
