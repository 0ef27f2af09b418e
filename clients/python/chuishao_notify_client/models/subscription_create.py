from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SubscriptionCreate")


@_attrs_define
class SubscriptionCreate:
    """
    Attributes:
        url (str): http or https, no credentials in it
        department (None | str | Unset): A department code: its cases, reminders and escalations
        events (list[str] | Unset): any of ['dispatched', 'whistled', 'reminder', 'escalated', 'returned', 'reopened']
        format_ (str | Unset): generic, wecom or dingtalk Default: 'generic'.
        jurisdiction (None | str | Unset): A community, street or district code: its duty desk's escalation, return and
            rework notices
        secret (None | str | Unset): Signs every delivery (generic: Chuishao-Signature; dingtalk: the robot's 加签
            secret). Write-only: never returned. Optional for wecom, whose robot URL carries its key.
    """

    url: str
    department: None | str | Unset = UNSET
    events: list[str] | Unset = UNSET
    format_: str | Unset = "generic"
    jurisdiction: None | str | Unset = UNSET
    secret: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events

        format_ = self.format_

        jurisdiction: None | str | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        else:
            jurisdiction = self.jurisdiction

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if department is not UNSET:
            field_dict["department"] = department
        if events is not UNSET:
            field_dict["events"] = events
        if format_ is not UNSET:
            field_dict["format"] = format_
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

        events = cast(list[str], d.pop("events", UNSET))

        format_ = d.pop("format", UNSET)

        def _parse_jurisdiction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        subscription_create = cls(
            url=url,
            department=department,
            events=events,
            format_=format_,
            jurisdiction=jurisdiction,
            secret=secret,
        )

        return subscription_create
