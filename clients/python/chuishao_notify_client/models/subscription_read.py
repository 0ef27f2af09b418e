from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SubscriptionRead")


@_attrs_define
class SubscriptionRead:
    """A subscription as it is shown: the URL's secret parts redacted, the signing secret never.

    Attributes:
        created_at (str):
        events (list[str]):
        format_ (str):
        has_secret (bool):
        id (str):
        url (str):
        community (None | str | Unset):
        created_by (None | str | Unset):
        department (None | str | Unset):
        grids (list[str] | Unset):
        jurisdiction (None | str | Unset):
        skills (list[str] | Unset):
    """

    created_at: str
    events: list[str]
    format_: str
    has_secret: bool
    id: str
    url: str
    community: None | str | Unset = UNSET
    created_by: None | str | Unset = UNSET
    department: None | str | Unset = UNSET
    grids: list[str] | Unset = UNSET
    jurisdiction: None | str | Unset = UNSET
    skills: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        events = self.events

        format_ = self.format_

        has_secret = self.has_secret

        id = self.id

        url = self.url

        community: None | str | Unset
        if isinstance(self.community, Unset):
            community = UNSET
        else:
            community = self.community

        created_by: None | str | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        else:
            created_by = self.created_by

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

        grids: list[str] | Unset = UNSET
        if not isinstance(self.grids, Unset):
            grids = self.grids

        jurisdiction: None | str | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        else:
            jurisdiction = self.jurisdiction

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "events": events,
                "format": format_,
                "has_secret": has_secret,
                "id": id,
                "url": url,
            }
        )
        if community is not UNSET:
            field_dict["community"] = community
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if department is not UNSET:
            field_dict["department"] = department
        if grids is not UNSET:
            field_dict["grids"] = grids
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if skills is not UNSET:
            field_dict["skills"] = skills

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = d.pop("created_at")

        events = cast(list[str], d.pop("events"))

        format_ = d.pop("format")

        has_secret = d.pop("has_secret")

        id = d.pop("id")

        url = d.pop("url")

        def _parse_community(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        community = _parse_community(d.pop("community", UNSET))

        def _parse_created_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

        grids = cast(list[str], d.pop("grids", UNSET))

        def _parse_jurisdiction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        skills = cast(list[str], d.pop("skills", UNSET))

        subscription_read = cls(
            created_at=created_at,
            events=events,
            format_=format_,
            has_secret=has_secret,
            id=id,
            url=url,
            community=community,
            created_by=created_by,
            department=department,
            grids=grids,
            jurisdiction=jurisdiction,
            skills=skills,
        )

        subscription_read.additional_properties = d
        return subscription_read

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
