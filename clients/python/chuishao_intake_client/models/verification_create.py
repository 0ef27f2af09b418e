from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.verification_create_result import VerificationCreateResult
from ..types import UNSET, Unset

T = TypeVar("T", bound="VerificationCreate")


@_attrs_define
class VerificationCreate:
    """
    Attributes:
        result (VerificationCreateResult):
        note (str | Unset):  Default: ''.
        photos (list[str] | Unset):
    """

    result: VerificationCreateResult
    note: str | Unset = ""
    photos: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        result = self.result.value

        note = self.note

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "result": result,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if photos is not UNSET:
            field_dict["photos"] = photos

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        result = VerificationCreateResult(d.pop("result"))

        note = d.pop("note", UNSET)

        photos = cast(list[str], d.pop("photos", UNSET))

        verification_create = cls(
            result=result,
            note=note,
            photos=photos,
        )

        return verification_create
