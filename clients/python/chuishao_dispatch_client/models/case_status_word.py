from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status_word_tone import CaseStatusWordTone

T = TypeVar("T", bound="CaseStatusWord")


@_attrs_define
class CaseStatusWord:
    """
    Attributes:
        at_work (bool): Departments owe work: only these can be overdue
        code (str):
        colour (str): The tone's reference colour, `#rrggbb`
        en (str):
        live (bool): Not finished (closed, merged and cancelled are finished)
        open_ (bool): Still a matter in hand: not yet resolved (the pages' 在办)
        tone (CaseStatusWordTone): The colour family every page shows this status in
        zh (str): The Chinese word (the default language)
    """

    at_work: bool
    code: str
    colour: str
    en: str
    live: bool
    open_: bool
    tone: CaseStatusWordTone
    zh: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at_work = self.at_work

        code = self.code

        colour = self.colour

        en = self.en

        live = self.live

        open_ = self.open_

        tone = self.tone.value

        zh = self.zh

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at_work": at_work,
                "code": code,
                "colour": colour,
                "en": en,
                "live": live,
                "open": open_,
                "tone": tone,
                "zh": zh,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at_work = d.pop("at_work")

        code = d.pop("code")

        colour = d.pop("colour")

        en = d.pop("en")

        live = d.pop("live")

        open_ = d.pop("open")

        tone = CaseStatusWordTone(d.pop("tone"))

        zh = d.pop("zh")

        case_status_word = cls(
            at_work=at_work,
            code=code,
            colour=colour,
            en=en,
            live=live,
            open_=open_,
            tone=tone,
            zh=zh,
        )

        case_status_word.additional_properties = d
        return case_status_word

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
