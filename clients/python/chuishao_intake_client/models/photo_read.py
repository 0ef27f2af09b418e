from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PhotoRead")


@_attrs_define
class PhotoRead:
    """
    Attributes:
        height (int):
        media_type (str):
        sha256 (str):
        size (int):
        thumbnail_url (str):
        url (str):
        width (int):
    """

    height: int
    media_type: str
    sha256: str
    size: int
    thumbnail_url: str
    url: str
    width: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        height = self.height

        media_type = self.media_type

        sha256 = self.sha256

        size = self.size

        thumbnail_url = self.thumbnail_url

        url = self.url

        width = self.width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "height": height,
                "media_type": media_type,
                "sha256": sha256,
                "size": size,
                "thumbnail_url": thumbnail_url,
                "url": url,
                "width": width,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        height = d.pop("height")

        media_type = d.pop("media_type")

        sha256 = d.pop("sha256")

        size = d.pop("size")

        thumbnail_url = d.pop("thumbnail_url")

        url = d.pop("url")

        width = d.pop("width")

        photo_read = cls(
            height=height,
            media_type=media_type,
            sha256=sha256,
            size=size,
            thumbnail_url=thumbnail_url,
            url=url,
            width=width,
        )

        photo_read.additional_properties = d
        return photo_read

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
