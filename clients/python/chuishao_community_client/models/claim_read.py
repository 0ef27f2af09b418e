from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.claim_read_claimant_kind import ClaimReadClaimantKind
from ..models.claim_read_status import ClaimReadStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ClaimRead")


@_attrs_define
class ClaimRead:
    """
    Attributes:
        claimant (str):
        claimant_kind (ClaimReadClaimantKind):
        claimed_at (datetime.datetime):
        id (str):
        status (ClaimReadStatus):
        confirmed_at (datetime.datetime | None | Unset):
    """

    claimant: str
    claimant_kind: ClaimReadClaimantKind
    claimed_at: datetime.datetime
    id: str
    status: ClaimReadStatus
    confirmed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claimant = self.claimant

        claimant_kind = self.claimant_kind.value

        claimed_at = self.claimed_at.isoformat()

        id = self.id

        status = self.status.value

        confirmed_at: None | str | Unset
        if isinstance(self.confirmed_at, Unset):
            confirmed_at = UNSET
        elif isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claimant": claimant,
                "claimant_kind": claimant_kind,
                "claimed_at": claimed_at,
                "id": id,
                "status": status,
            }
        )
        if confirmed_at is not UNSET:
            field_dict["confirmed_at"] = confirmed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        claimant = d.pop("claimant")

        claimant_kind = ClaimReadClaimantKind(d.pop("claimant_kind"))

        claimed_at = datetime.datetime.fromisoformat(d.pop("claimed_at"))

        id = d.pop("id")

        status = ClaimReadStatus(d.pop("status"))

        def _parse_confirmed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at", UNSET))

        claim_read = cls(
            claimant=claimant,
            claimant_kind=claimant_kind,
            claimed_at=claimed_at,
            id=id,
            status=status,
            confirmed_at=confirmed_at,
        )

        claim_read.additional_properties = d
        return claim_read

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
