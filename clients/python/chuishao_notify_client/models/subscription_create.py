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
        community (None | str | Unset): A community code: the community's notices (new needs, claim reminders, expiries,
            overdue actions, topics moved) to its staff's, a team's or the members' group robot
        department (None | str | Unset): A department code: its cases, reminders and escalations
        events (list[str] | None | Unset): A department's or duty desk's: any of ['dispatched', 'whistled', 'reminder',
            'escalated', 'returned', 'reopened']; a community's: any of ['need_recorded', 'need_reminder', 'need_expired',
            'action_overdue', 'topic_moved']. Default: all of them.
        format_ (str | Unset): generic, wecom or dingtalk Default: 'generic'.
        grids (list[str] | Unset): A community's subscription only: need notices only for needs in these grids of the
            community
        jurisdiction (None | str | Unset): A community, street or district code: its duty desk's escalation, return and
            rework notices
        secret (None | str | Unset): Signs every delivery (generic: Chuishao-Signature; dingtalk: the robot's 加签
            secret). Write-only: never returned. Optional for wecom, whose robot URL carries its key.
        skills (list[str] | Unset): A community's subscription only: need notices only for needs wanting one of these
            skills
    """

    url: str
    community: None | str | Unset = UNSET
    department: None | str | Unset = UNSET
    events: list[str] | None | Unset = UNSET
    format_: str | Unset = "generic"
    grids: list[str] | Unset = UNSET
    jurisdiction: None | str | Unset = UNSET
    secret: None | str | Unset = UNSET
    skills: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        community: None | str | Unset
        if isinstance(self.community, Unset):
            community = UNSET
        else:
            community = self.community

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

        events: list[str] | None | Unset
        if isinstance(self.events, Unset):
            events = UNSET
        elif isinstance(self.events, list):
            events = self.events

        else:
            events = self.events

        format_ = self.format_

        grids: list[str] | Unset = UNSET
        if not isinstance(self.grids, Unset):
            grids = self.grids

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

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if community is not UNSET:
            field_dict["community"] = community
        if department is not UNSET:
            field_dict["department"] = department
        if events is not UNSET:
            field_dict["events"] = events
        if format_ is not UNSET:
            field_dict["format"] = format_
        if grids is not UNSET:
            field_dict["grids"] = grids
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if secret is not UNSET:
            field_dict["secret"] = secret
        if skills is not UNSET:
            field_dict["skills"] = skills

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_community(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        community = _parse_community(d.pop("community", UNSET))

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

        def _parse_events(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                events_type_0 = cast(list[str], data)

                return events_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        events = _parse_events(d.pop("events", UNSET))

        format_ = d.pop("format", UNSET)

        grids = cast(list[str], d.pop("grids", UNSET))

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

        skills = cast(list[str], d.pop("skills", UNSET))

        subscription_create = cls(
            url=url,
            community=community,
            department=department,
            events=events,
            format_=format_,
            grids=grids,
            jurisdiction=jurisdiction,
            secret=secret,
            skills=skills,
        )

        return subscription_create
