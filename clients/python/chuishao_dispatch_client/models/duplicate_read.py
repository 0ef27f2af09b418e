from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.case_read import CaseRead


T = TypeVar("T", bound="DuplicateRead")


@_attrs_define
class DuplicateRead:
    """
    Attributes:
        case (CaseRead): A case as staff read it (never the resident's contact).
        likely (bool):
        similarity (float):
    """

    case: CaseRead
    likely: bool
    similarity: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case = self.case.to_dict()

        likely = self.likely

        similarity = self.similarity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case": case,
                "likely": likely,
                "similarity": similarity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.case_read import CaseRead

        d = dict(src_dict)
        case = CaseRead.from_dict(d.pop("case"))

        likely = d.pop("likely")

        similarity = d.pop("similarity")

        duplicate_read = cls(
            case=case,
            likely=likely,
            similarity=similarity,
        )

        duplicate_read.additional_properties = d
        return duplicate_read

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
