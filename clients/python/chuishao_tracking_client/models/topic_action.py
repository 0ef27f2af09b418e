from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.topic_action_result import TopicActionResult
from ..models.topic_action_status import TopicActionStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TopicAction")


@_attrs_define
class TopicAction:
    """
    Attributes:
        id (str):
        result (TopicActionResult): From the action's real events (case closed, need confirmed, task done) and its due
            date
        result_name (str):
        result_name_en (str):
        status (TopicActionStatus):
        done_at (None | str | Unset):
        due (None | str | Unset):
    """

    id: str
    result: TopicActionResult
    result_name: str
    result_name_en: str
    status: TopicActionStatus
    done_at: None | str | Unset = UNSET
    due: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        result = self.result.value

        result_name = self.result_name

        result_name_en = self.result_name_en

        status = self.status.value

        done_at: None | str | Unset
        if isinstance(self.done_at, Unset):
            done_at = UNSET
        else:
            done_at = self.done_at

        due: None | str | Unset
        if isinstance(self.due, Unset):
            due = UNSET
        else:
            due = self.due

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "result": result,
                "result_name": result_name,
                "result_name_en": result_name_en,
                "status": status,
            }
        )
        if done_at is not UNSET:
            field_dict["done_at"] = done_at
        if due is not UNSET:
            field_dict["due"] = due

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        result = TopicActionResult(d.pop("result"))

        result_name = d.pop("result_name")

        result_name_en = d.pop("result_name_en")

        status = TopicActionStatus(d.pop("status"))

        def _parse_done_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_at = _parse_done_at(d.pop("done_at", UNSET))

        def _parse_due(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        due = _parse_due(d.pop("due", UNSET))

        topic_action = cls(
            id=id,
            result=result,
            result_name=result_name,
            result_name_en=result_name_en,
            status=status,
            done_at=done_at,
            due=due,
        )

        return topic_action
