from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """
    Attributes:
        at (datetime.datetime):
        type_ (str):
        actor_department (None | str | Unset): The acting department, when a department's person acted
        actor_role (str | Unset):  Default: ''.
        assist (list[str] | Unset): dispatched: the assisting departments
        departments (list[str] | Unset):
        explanation (None | str | Unset): dispatched by a rule: why it matched (for a hover)
        lead (None | str | Unset): dispatched: the leading department
        level (int | None | Unset): escalated: the level reached
        note (str | Unset):  Default: ''.
        photos (list[str] | Unset):
        reason (None | str | Unset): The reason a person typed
        reason_code (None | str | Unset): A reason the system gave, as a code (triage, escalation)
        routed_by (None | str | Unset): dispatched: `rule` or `dispatcher`
        rule (None | str | Unset): dispatched by a rule: its id and version
        step (None | str | Unset): extended: `requested`, `approved` or `rejected`
        until (datetime.datetime | None | Unset): extended: the deadline asked for or granted
    """

    at: datetime.datetime
    type_: str
    actor_department: None | str | Unset = UNSET
    actor_role: str | Unset = ""
    assist: list[str] | Unset = UNSET
    departments: list[str] | Unset = UNSET
    explanation: None | str | Unset = UNSET
    lead: None | str | Unset = UNSET
    level: int | None | Unset = UNSET
    note: str | Unset = ""
    photos: list[str] | Unset = UNSET
    reason: None | str | Unset = UNSET
    reason_code: None | str | Unset = UNSET
    routed_by: None | str | Unset = UNSET
    rule: None | str | Unset = UNSET
    step: None | str | Unset = UNSET
    until: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        type_ = self.type_

        actor_department: None | str | Unset
        if isinstance(self.actor_department, Unset):
            actor_department = UNSET
        else:
            actor_department = self.actor_department

        actor_role = self.actor_role

        assist: list[str] | Unset = UNSET
        if not isinstance(self.assist, Unset):
            assist = self.assist

        departments: list[str] | Unset = UNSET
        if not isinstance(self.departments, Unset):
            departments = self.departments

        explanation: None | str | Unset
        if isinstance(self.explanation, Unset):
            explanation = UNSET
        else:
            explanation = self.explanation

        lead: None | str | Unset
        if isinstance(self.lead, Unset):
            lead = UNSET
        else:
            lead = self.lead

        level: int | None | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        note = self.note

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        reason_code: None | str | Unset
        if isinstance(self.reason_code, Unset):
            reason_code = UNSET
        else:
            reason_code = self.reason_code

        routed_by: None | str | Unset
        if isinstance(self.routed_by, Unset):
            routed_by = UNSET
        else:
            routed_by = self.routed_by

        rule: None | str | Unset
        if isinstance(self.rule, Unset):
            rule = UNSET
        else:
            rule = self.rule

        step: None | str | Unset
        if isinstance(self.step, Unset):
            step = UNSET
        else:
            step = self.step

        until: None | str | Unset
        if isinstance(self.until, Unset):
            until = UNSET
        elif isinstance(self.until, datetime.datetime):
            until = self.until.isoformat()
        else:
            until = self.until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "type": type_,
            }
        )
        if actor_department is not UNSET:
            field_dict["actor_department"] = actor_department
        if actor_role is not UNSET:
            field_dict["actor_role"] = actor_role
        if assist is not UNSET:
            field_dict["assist"] = assist
        if departments is not UNSET:
            field_dict["departments"] = departments
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if lead is not UNSET:
            field_dict["lead"] = lead
        if level is not UNSET:
            field_dict["level"] = level
        if note is not UNSET:
            field_dict["note"] = note
        if photos is not UNSET:
            field_dict["photos"] = photos
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reason_code is not UNSET:
            field_dict["reason_code"] = reason_code
        if routed_by is not UNSET:
            field_dict["routed_by"] = routed_by
        if rule is not UNSET:
            field_dict["rule"] = rule
        if step is not UNSET:
            field_dict["step"] = step
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        type_ = d.pop("type")

        def _parse_actor_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_department = _parse_actor_department(d.pop("actor_department", UNSET))

        actor_role = d.pop("actor_role", UNSET)

        assist = cast(list[str], d.pop("assist", UNSET))

        departments = cast(list[str], d.pop("departments", UNSET))

        def _parse_explanation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        explanation = _parse_explanation(d.pop("explanation", UNSET))

        def _parse_lead(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lead = _parse_lead(d.pop("lead", UNSET))

        def _parse_level(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        note = d.pop("note", UNSET)

        photos = cast(list[str], d.pop("photos", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_reason_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason_code = _parse_reason_code(d.pop("reason_code", UNSET))

        def _parse_routed_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        routed_by = _parse_routed_by(d.pop("routed_by", UNSET))

        def _parse_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule = _parse_rule(d.pop("rule", UNSET))

        def _parse_step(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        step = _parse_step(d.pop("step", UNSET))

        def _parse_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.datetime.fromisoformat(data)

                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        until = _parse_until(d.pop("until", UNSET))

        timeline_entry = cls(
            at=at,
            type_=type_,
            actor_department=actor_department,
            actor_role=actor_role,
            assist=assist,
            departments=departments,
            explanation=explanation,
            lead=lead,
            level=level,
            note=note,
            photos=photos,
            reason=reason,
            reason_code=reason_code,
            routed_by=routed_by,
            rule=rule,
            step=step,
            until=until,
        )

        timeline_entry.additional_properties = d
        return timeline_entry

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
