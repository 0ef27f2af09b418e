from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.review_create_result import ReviewCreateResult
from ..models.review_create_satisfaction_type_0 import ReviewCreateSatisfactionType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewCreate")


@_attrs_define
class ReviewCreate:
    """
    Attributes:
        result (ReviewCreateResult):
        note (str | Unset):  Default: ''.
        satisfaction (None | ReviewCreateSatisfactionType0 | Unset):
    """

    result: ReviewCreateResult
    note: str | Unset = ""
    satisfaction: None | ReviewCreateSatisfactionType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        result = self.result.value

        note = self.note

        satisfaction: None | str | Unset
        if isinstance(self.satisfaction, Unset):
            satisfaction = UNSET
        elif isinstance(self.satisfaction, ReviewCreateSatisfactionType0):
            satisfaction = self.satisfaction.value
        else:
            satisfaction = self.satisfaction

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "result": result,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if satisfaction is not UNSET:
            field_dict["satisfaction"] = satisfaction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        result = ReviewCreateResult(d.pop("result"))

        note = d.pop("note", UNSET)

        def _parse_satisfaction(
            data: object,
        ) -> None | ReviewCreateSatisfactionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                satisfaction_type_0 = ReviewCreateSatisfactionType0(data)

                return satisfaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewCreateSatisfactionType0 | Unset, data)

        satisfaction = _parse_satisfaction(d.pop("satisfaction", UNSET))

        review_create = cls(
            result=result,
            note=note,
            satisfaction=satisfaction,
        )

        return review_create
