from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReportStatusWord")


@_attrs_define
class ReportStatusWord:
    """
    Attributes:
        code (str):
        en (str):
        open_ (bool):
        zh (str): The Chinese word (the default language)
    """

    code: str
    en: str
    open_: bool
    zh: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        en = self.en

        open_ = self.open_

        zh = self.zh

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "en": en,
                "open": open_,
                "zh": zh,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        en = d.pop("en")

        open_ = d.pop("open")

        zh = d.pop("zh")

        report_status_word = cls(
            code=code,
            en=en,
            open_=open_,
            zh=zh,
        )

        report_status_word.additional_properties = d
        return report_status_word

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
