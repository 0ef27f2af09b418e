from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LinksBody")


@_attrs_define
class LinksBody:
    """
    Attributes:
        cases (list[str] | Unset): Case ids at dispatch
        needs (list[str] | Unset):
        resources (list[str] | Unset):
    """

    cases: list[str] | Unset = UNSET
    needs: list[str] | Unset = UNSET
    resources: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cases: list[str] | Unset = UNSET
        if not isinstance(self.cases, Unset):
            cases = self.cases

        needs: list[str] | Unset = UNSET
        if not isinstance(self.needs, Unset):
            needs = self.needs

        resources: list[str] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if cases is not UNSET:
            field_dict["cases"] = cases
        if needs is not UNSET:
            field_dict["needs"] = needs
        if resources is not UNSET:
            field_dict["resources"] = resources

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cases = cast(list[str], d.pop("cases", UNSET))

        needs = cast(list[str], d.pop("needs", UNSET))

        resources = cast(list[str], d.pop("resources", UNSET))

        links_body = cls(
            cases=cases,
            needs=needs,
            resources=resources,
        )

        return links_body
