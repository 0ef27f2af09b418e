from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.progress_create_status_type_0 import ProgressCreateStatusType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.links_body import LinksBody


T = TypeVar("T", bound="ProgressCreate")


@_attrs_define
class ProgressCreate:
    """
    Attributes:
        note (str):
        links (LinksBody | Unset):
        people_served (int | Unset):  Default: 0.
        status (None | ProgressCreateStatusType0 | Unset):
    """

    note: str
    links: LinksBody | Unset = UNSET
    people_served: int | Unset = 0
    status: None | ProgressCreateStatusType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        note = self.note

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        people_served = self.people_served

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ProgressCreateStatusType0):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "note": note,
            }
        )
        if links is not UNSET:
            field_dict["links"] = links
        if people_served is not UNSET:
            field_dict["people_served"] = people_served
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.links_body import LinksBody

        d = dict(src_dict)
        note = d.pop("note")

        _links = d.pop("links", UNSET)
        links: LinksBody | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = LinksBody.from_dict(_links)

        people_served = d.pop("people_served", UNSET)

        def _parse_status(data: object) -> None | ProgressCreateStatusType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ProgressCreateStatusType0(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgressCreateStatusType0 | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        progress_create = cls(
            note=note,
            links=links,
            people_served=people_served,
            status=status,
        )

        return progress_create
