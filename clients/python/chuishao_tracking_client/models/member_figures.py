from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rate import Rate


T = TypeVar("T", bound="MemberFigures")


@_attrs_define
class MemberFigures:
    """
    Attributes:
        active_share (Rate):
        on_track_share (Rate):
        party_members (int):
        registered (int):
        reporting_in (int):
    """

    active_share: Rate
    on_track_share: Rate
    party_members: int
    registered: int
    reporting_in: int

    def to_dict(self) -> dict[str, Any]:
        active_share = self.active_share.to_dict()

        on_track_share = self.on_track_share.to_dict()

        party_members = self.party_members

        registered = self.registered

        reporting_in = self.reporting_in

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "active_share": active_share,
                "on_track_share": on_track_share,
                "party_members": party_members,
                "registered": registered,
                "reporting_in": reporting_in,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rate import Rate

        d = dict(src_dict)
        active_share = Rate.from_dict(d.pop("active_share"))

        on_track_share = Rate.from_dict(d.pop("on_track_share"))

        party_members = d.pop("party_members")

        registered = d.pop("registered")

        reporting_in = d.pop("reporting_in")

        member_figures = cls(
            active_share=active_share,
            on_track_share=on_track_share,
            party_members=party_members,
            registered=registered,
            reporting_in=reporting_in,
        )

        return member_figures
