from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hsds_page_contents_item import HsdsPageContentsItem


T = TypeVar("T", bound="HsdsPage")


@_attrs_define
class HsdsPage:
    """
    Attributes:
        contents (list[HsdsPageContentsItem]): HSDS 3.0 services (openreferral.org)
        empty (bool):
        first_page (bool):
        last_page (bool):
        page_number (int):
        size (int):
        total_items (int):
        total_pages (int):
    """

    contents: list[HsdsPageContentsItem]
    empty: bool
    first_page: bool
    last_page: bool
    page_number: int
    size: int
    total_items: int
    total_pages: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contents = []
        for contents_item_data in self.contents:
            contents_item = contents_item_data.to_dict()
            contents.append(contents_item)

        empty = self.empty

        first_page = self.first_page

        last_page = self.last_page

        page_number = self.page_number

        size = self.size

        total_items = self.total_items

        total_pages = self.total_pages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contents": contents,
                "empty": empty,
                "first_page": first_page,
                "last_page": last_page,
                "page_number": page_number,
                "size": size,
                "total_items": total_items,
                "total_pages": total_pages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hsds_page_contents_item import HsdsPageContentsItem

        d = dict(src_dict)
        contents = []
        _contents = d.pop("contents")
        for contents_item_data in _contents:
            contents_item = HsdsPageContentsItem.from_dict(contents_item_data)

            contents.append(contents_item)

        empty = d.pop("empty")

        first_page = d.pop("first_page")

        last_page = d.pop("last_page")

        page_number = d.pop("page_number")

        size = d.pop("size")

        total_items = d.pop("total_items")

        total_pages = d.pop("total_pages")

        hsds_page = cls(
            contents=contents,
            empty=empty,
            first_page=first_page,
            last_page=last_page,
            page_number=page_number,
            size=size,
            total_items=total_items,
            total_pages=total_pages,
        )

        hsds_page.additional_properties = d
        return hsds_page

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
