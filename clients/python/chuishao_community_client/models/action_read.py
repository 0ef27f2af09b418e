from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_read_kind import ActionReadKind
from ..models.action_read_status import ActionReadStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ActionRead")


@_attrs_define
class ActionRead:
    """
    Attributes:
        decision_id (str):
        due (datetime.datetime):
        id (str):
        kind (ActionReadKind):
        overdue (bool):
        owner (str):
        status (ActionReadStatus):
        case_id (None | str | Unset):
        done_at (datetime.datetime | None | Unset):
        done_by (None | str | Unset):
        need_id (None | str | Unset):
        report_id (None | str | Unset):
    """

    decision_id: str
    due: datetime.datetime
    id: str
    kind: ActionReadKind
    overdue: bool
    owner: str
    status: ActionReadStatus
    case_id: None | str | Unset = UNSET
    done_at: datetime.datetime | None | Unset = UNSET
    done_by: None | str | Unset = UNSET
    need_id: None | str | Unset = UNSET
    report_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decision_id = self.decision_id

        due = self.due.isoformat()

        id = self.id

        kind = self.kind.value

        overdue = self.overdue

        owner = self.owner

        status = self.status.value

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        done_at: None | str | Unset
        if isinstance(self.done_at, Unset):
            done_at = UNSET
        elif isinstance(self.done_at, datetime.datetime):
            done_at = self.done_at.isoformat()
        else:
            done_at = self.done_at

        done_by: None | str | Unset
        if isinstance(self.done_by, Unset):
            done_by = UNSET
        else:
            done_by = self.done_by

        need_id: None | str | Unset
        if isinstance(self.need_id, Unset):
            need_id = UNSET
        else:
            need_id = self.need_id

        report_id: None | str | Unset
        if isinstance(self.report_id, Unset):
            report_id = UNSET
        else:
            report_id = self.report_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decision_id": decision_id,
                "due": due,
                "id": id,
                "kind": kind,
                "overdue": overdue,
                "owner": owner,
                "status": status,
            }
        )
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if done_at is not UNSET:
            field_dict["done_at"] = done_at
        if done_by is not UNSET:
            field_dict["done_by"] = done_by
        if need_id is not UNSET:
            field_dict["need_id"] = need_id
        if report_id is not UNSET:
            field_dict["report_id"] = report_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decision_id = d.pop("decision_id")

        due = datetime.datetime.fromisoformat(d.pop("due"))

        id = d.pop("id")

        kind = ActionReadKind(d.pop("kind"))

        overdue = d.pop("overdue")

        owner = d.pop("owner")

        status = ActionReadStatus(d.pop("status"))

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        def _parse_done_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_at_type_0 = datetime.datetime.fromisoformat(data)

                return done_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        done_at = _parse_done_at(d.pop("done_at", UNSET))

        def _parse_done_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_by = _parse_done_by(d.pop("done_by", UNSET))

        def _parse_need_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        need_id = _parse_need_id(d.pop("need_id", UNSET))

        def _parse_report_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        report_id = _parse_report_id(d.pop("report_id", UNSET))

        action_read = cls(
            decision_id=decision_id,
            due=due,
            id=id,
            kind=kind,
            overdue=overdue,
            owner=owner,
            status=status,
            case_id=case_id,
            done_at=done_at,
            done_by=done_by,
            need_id=need_id,
            report_id=report_id,
        )

        action_read.additional_properties = d
        return action_read

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
