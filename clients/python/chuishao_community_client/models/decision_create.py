from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionCreate")


@_attrs_define
class DecisionCreate:
    """
    Attributes:
        decision (str):
        due (datetime.datetime):
        item (str):
        owner (str):
        dissent (str | Unset):  Default: ''.
        meeting (None | str | Unset): The meeting it was taken at (default: the latest quorate one)
        owner_person (None | str | Unset): The owner's directory subject, if any
        review_at (datetime.datetime | None | Unset):
    """

    decision: str
    due: datetime.datetime
    item: str
    owner: str
    dissent: str | Unset = ""
    meeting: None | str | Unset = UNSET
    owner_person: None | str | Unset = UNSET
    review_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision

        due = self.due.isoformat()

        item = self.item

        owner = self.owner

        dissent = self.dissent

        meeting: None | str | Unset
        if isinstance(self.meeting, Unset):
            meeting = UNSET
        else:
            meeting = self.meeting

        owner_person: None | str | Unset
        if isinstance(self.owner_person, Unset):
            owner_person = UNSET
        else:
            owner_person = self.owner_person

        review_at: None | str | Unset
        if isinstance(self.review_at, Unset):
            review_at = UNSET
        elif isinstance(self.review_at, datetime.datetime):
            review_at = self.review_at.isoformat()
        else:
            review_at = self.review_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "due": due,
                "item": item,
                "owner": owner,
            }
        )
        if dissent is not UNSET:
            field_dict["dissent"] = dissent
        if meeting is not UNSET:
            field_dict["meeting"] = meeting
        if owner_person is not UNSET:
            field_dict["owner_person"] = owner_person
        if review_at is not UNSET:
            field_dict["review_at"] = review_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decision = d.pop("decision")

        due = datetime.datetime.fromisoformat(d.pop("due"))

        item = d.pop("item")

        owner = d.pop("owner")

        dissent = d.pop("dissent", UNSET)

        def _parse_meeting(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        meeting = _parse_meeting(d.pop("meeting", UNSET))

        def _parse_owner_person(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_person = _parse_owner_person(d.pop("owner_person", UNSET))

        def _parse_review_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_at_type_0 = datetime.datetime.fromisoformat(data)

                return review_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        review_at = _parse_review_at(d.pop("review_at", UNSET))

        decision_create = cls(
            decision=decision,
            due=due,
            item=item,
            owner=owner,
            dissent=dissent,
            meeting=meeting,
            owner_person=owner_person,
            review_at=review_at,
        )

        return decision_create
