from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chain_read import ChainRead


T = TypeVar("T", bound="ChainsRead")


@_attrs_define
class ChainsRead:
    """
    Attributes:
        case_id (str):
        chains (list[ChainRead]):
    """

    case_id: str
    chains: list[ChainRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        chains = []
        for chains_item_data in self.chains:
            chains_item = chains_item_data.to_dict()
            chains.append(chains_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_id": case_id,
                "chains": chains,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chain_read import ChainRead

        d = dict(src_dict)
        case_id = d.pop("case_id")

        chains = []
        _chains = d.pop("chains")
        for chains_item_data in _chains:
            chains_item = ChainRead.from_dict(chains_item_data)

            chains.append(chains_item)

        chains_read = cls(
            case_id=case_id,
            chains=chains,
        )

        chains_read.additional_properties = d
        return chains_read

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
