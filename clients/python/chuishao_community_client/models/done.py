from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Done")


@_attrs_define
class Done:
    """
    Attributes:
        hours (float): The hours spent
        note (str | Unset):  Default: ''.
        photos (list[str] | Unset): SHA-256 hashes of photos uploaded through intake's POST /v1/photos
    """

    hours: float
    note: str | Unset = ""
    photos: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        note = self.note

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hours": hours,
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
        hours = d.pop("hours")

        note = d.pop("note", UNSET)

        photos = cast(list[str], d.pop("photos", UNSET))

        done = cls(
            hours=hours,
            note=note,
            photos=photos,
        )

        return done
