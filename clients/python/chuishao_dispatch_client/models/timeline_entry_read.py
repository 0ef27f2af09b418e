from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineEntryRead")


@_attrs_define
class TimelineEntryRead:
    """
    Attributes:
        type_ (str):
        actor (None | str | Unset):
        actor_role (None | str | Unset):
        assist (list[str] | None | Unset): case.dispatched: the assisting departments' codes
        at (None | str | Unset):
        department (None | str | Unset):
        explanation (None | str | Unset): case.dispatched: the rule's explanation with its codes
        lead (None | str | Unset): case.dispatched: the lead department's code
        no_photo_reason (None | str | Unset):
        note (None | str | Unset):
        number (None | str | Unset): case.merged: the joining report's short number
        photos (list[str] | Unset):
        reason (None | str | Unset):
        routed_by (None | str | Unset): case.dispatched: `rule` or `dispatcher`
        rule_id (None | str | Unset): case.dispatched: the routing rule that chose them (null: by hand)
        rule_version (int | None | Unset): case.dispatched: the rule set's version
        topic_id (None | str | Unset): The 议事 topic whose decision the report behind this entry carries out
    """

    type_: str
    actor: None | str | Unset = UNSET
    actor_role: None | str | Unset = UNSET
    assist: list[str] | None | Unset = UNSET
    at: None | str | Unset = UNSET
    department: None | str | Unset = UNSET
    explanation: None | str | Unset = UNSET
    lead: None | str | Unset = UNSET
    no_photo_reason: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    number: None | str | Unset = UNSET
    photos: list[str] | Unset = UNSET
    reason: None | str | Unset = UNSET
    routed_by: None | str | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    rule_version: int | None | Unset = UNSET
    topic_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        actor: None | str | Unset
        if isinstance(self.actor, Unset):
            actor = UNSET
        else:
            actor = self.actor

        actor_role: None | str | Unset
        if isinstance(self.actor_role, Unset):
            actor_role = UNSET
        else:
            actor_role = self.actor_role

        assist: list[str] | None | Unset
        if isinstance(self.assist, Unset):
            assist = UNSET
        elif isinstance(self.assist, list):
            assist = self.assist

        else:
            assist = self.assist

        at: None | str | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        else:
            at = self.at

        department: None | str | Unset
        if isinstance(self.department, Unset):
            department = UNSET
        else:
            department = self.department

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

        no_photo_reason: None | str | Unset
        if isinstance(self.no_photo_reason, Unset):
            no_photo_reason = UNSET
        else:
            no_photo_reason = self.no_photo_reason

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        routed_by: None | str | Unset
        if isinstance(self.routed_by, Unset):
            routed_by = UNSET
        else:
            routed_by = self.routed_by

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        rule_version: int | None | Unset
        if isinstance(self.rule_version, Unset):
            rule_version = UNSET
        else:
            rule_version = self.rule_version

        topic_id: None | str | Unset
        if isinstance(self.topic_id, Unset):
            topic_id = UNSET
        else:
            topic_id = self.topic_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if actor is not UNSET:
            field_dict["actor"] = actor
        if actor_role is not UNSET:
            field_dict["actor_role"] = actor_role
        if assist is not UNSET:
            field_dict["assist"] = assist
        if at is not UNSET:
            field_dict["at"] = at
        if department is not UNSET:
            field_dict["department"] = department
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if lead is not UNSET:
            field_dict["lead"] = lead
        if no_photo_reason is not UNSET:
            field_dict["no_photo_reason"] = no_photo_reason
        if note is not UNSET:
            field_dict["note"] = note
        if number is not UNSET:
            field_dict["number"] = number
        if photos is not UNSET:
            field_dict["photos"] = photos
        if reason is not UNSET:
            field_dict["reason"] = reason
        if routed_by is not UNSET:
            field_dict["routed_by"] = routed_by
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id
        if rule_version is not UNSET:
            field_dict["rule_version"] = rule_version
        if topic_id is not UNSET:
            field_dict["topic_id"] = topic_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        def _parse_actor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor = _parse_actor(d.pop("actor", UNSET))

        def _parse_actor_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_role = _parse_actor_role(d.pop("actor_role", UNSET))

        def _parse_assist(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                assist_type_0 = cast(list[str], data)

                return assist_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        assist = _parse_assist(d.pop("assist", UNSET))

        def _parse_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        at = _parse_at(d.pop("at", UNSET))

        def _parse_department(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department = _parse_department(d.pop("department", UNSET))

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

        def _parse_no_photo_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        no_photo_reason = _parse_no_photo_reason(d.pop("no_photo_reason", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        photos = cast(list[str], d.pop("photos", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_routed_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        routed_by = _parse_routed_by(d.pop("routed_by", UNSET))

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))

        def _parse_rule_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rule_version = _parse_rule_version(d.pop("rule_version", UNSET))

        def _parse_topic_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        topic_id = _parse_topic_id(d.pop("topic_id", UNSET))

        timeline_entry_read = cls(
            type_=type_,
            actor=actor,
            actor_role=actor_role,
            assist=assist,
            at=at,
            department=department,
            explanation=explanation,
            lead=lead,
            no_photo_reason=no_photo_reason,
            note=note,
            number=number,
            photos=photos,
            reason=reason,
            routed_by=routed_by,
            rule_id=rule_id,
            rule_version=rule_version,
            topic_id=topic_id,
        )

        timeline_entry_read.additional_properties = d
        return timeline_entry_read

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
