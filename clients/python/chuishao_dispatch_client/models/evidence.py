from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Evidence")


@_attrs_define
class Evidence:
    """
    Attributes:
        note (str | Unset):  Default: ''.
        photos (list[str] | Unset):
    """

    note: str | Unset = ""
    photos: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        note = self.note

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if note is not UNSET:
            field_dict["note"] = note
        if photos is not UNSET:
            field_dict["photos"] = photos

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        note = d.pop("note", UNSET)

        photos = cast(list[str], d.pop("photos", UNSET))

        evidence = cls(
            note=note,
            photos=photos,
        )

        return evidence
