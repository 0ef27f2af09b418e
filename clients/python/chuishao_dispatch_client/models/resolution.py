from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Resolution")


@_attrs_define
class Resolution:
    """办结's evidence: at least one photo, or `no_photo_reason`, a code from the fixed list.

    Attributes:
        no_photo_reason (None | str | Unset): Why there is no photo: private_home, nothing_visible, unsafe,
            device_failed
        note (str | Unset):  Default: ''.
        photos (list[str] | Unset):
    """

    no_photo_reason: None | str | Unset = UNSET
    note: str | Unset = ""
    photos: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        no_photo_reason: None | str | Unset
        if isinstance(self.no_photo_reason, Unset):
            no_photo_reason = UNSET
        else:
            no_photo_reason = self.no_photo_reason

        note = self.note

        photos: list[str] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = self.photos

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if no_photo_reason is not UNSET:
            field_dict["no_photo_reason"] = no_photo_reason
        if note is not UNSET:
            field_dict["note"] = note
        if photos is not UNSET:
            field_dict["photos"] = photos

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_no_photo_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        no_photo_reason = _parse_no_photo_reason(d.pop("no_photo_reason", UNSET))

        note = d.pop("note", UNSET)

        photos = cast(list[str], d.pop("photos", UNSET))

        resolution = cls(
            no_photo_reason=no_photo_reason,
            note=note,
            photos=photos,
        )

        return resolution
