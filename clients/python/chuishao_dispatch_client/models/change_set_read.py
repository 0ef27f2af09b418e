from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_set_read_content_type_0 import ChangeSetReadContentType0
    from ..models.change_set_read_diff_type_0_item import ChangeSetReadDiffType0Item


T = TypeVar("T", bound="ChangeSetRead")


@_attrs_define
class ChangeSetRead:
    """A change set; `diff` (while proposed) is against the version in force, entry by entry; `stale` when
    another version was approved since it was written (it must be written again).

        Attributes:
            author (str):
            base_version (int): The version it was written against
            created_at (datetime.datetime):
            id (str):
            in_force_version (int):
            reason (str):
            stale (bool):
            status (str): proposed, approved or withdrawn
            approved_at (datetime.datetime | None | Unset):
            approved_by (None | str | Unset):
            content (ChangeSetReadContentType0 | None | Unset): The five documents (one change set only)
            diff (list[ChangeSetReadDiffType0Item] | None | Unset):
            effective_at (datetime.datetime | None | Unset):
            restores (int | None | Unset):
            version (int | None | Unset): The version its approval made
    """

    author: str
    base_version: int
    created_at: datetime.datetime
    id: str
    in_force_version: int
    reason: str
    stale: bool
    status: str
    approved_at: datetime.datetime | None | Unset = UNSET
    approved_by: None | str | Unset = UNSET
    content: ChangeSetReadContentType0 | None | Unset = UNSET
    diff: list[ChangeSetReadDiffType0Item] | None | Unset = UNSET
    effective_at: datetime.datetime | None | Unset = UNSET
    restores: int | None | Unset = UNSET
    version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.change_set_read_content_type_0 import ChangeSetReadContentType0

        author = self.author

        base_version = self.base_version

        created_at = self.created_at.isoformat()

        id = self.id

        in_force_version = self.in_force_version

        reason = self.reason

        stale = self.stale

        status = self.status

        approved_at: None | str | Unset
        if isinstance(self.approved_at, Unset):
            approved_at = UNSET
        elif isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        approved_by: None | str | Unset
        if isinstance(self.approved_by, Unset):
            approved_by = UNSET
        else:
            approved_by = self.approved_by

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, ChangeSetReadContentType0):
            content = self.content.to_dict()
        else:
            content = self.content

        diff: list[dict[str, Any]] | None | Unset
        if isinstance(self.diff, Unset):
            diff = UNSET
        elif isinstance(self.diff, list):
            diff = []
            for diff_type_0_item_data in self.diff:
                diff_type_0_item = diff_type_0_item_data.to_dict()
                diff.append(diff_type_0_item)

        else:
            diff = self.diff

        effective_at: None | str | Unset
        if isinstance(self.effective_at, Unset):
            effective_at = UNSET
        elif isinstance(self.effective_at, datetime.datetime):
            effective_at = self.effective_at.isoformat()
        else:
            effective_at = self.effective_at

        restores: int | None | Unset
        if isinstance(self.restores, Unset):
            restores = UNSET
        else:
            restores = self.restores

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author": author,
                "base_version": base_version,
                "created_at": created_at,
                "id": id,
                "in_force_version": in_force_version,
                "reason": reason,
                "stale": stale,
                "status": status,
            }
        )
        if approved_at is not UNSET:
            field_dict["approved_at"] = approved_at
        if approved_by is not UNSET:
            field_dict["approved_by"] = approved_by
        if content is not UNSET:
            field_dict["content"] = content
        if diff is not UNSET:
            field_dict["diff"] = diff
        if effective_at is not UNSET:
            field_dict["effective_at"] = effective_at
        if restores is not UNSET:
            field_dict["restores"] = restores
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_set_read_content_type_0 import ChangeSetReadContentType0
        from ..models.change_set_read_diff_type_0_item import ChangeSetReadDiffType0Item

        d = dict(src_dict)
        author = d.pop("author")

        base_version = d.pop("base_version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        in_force_version = d.pop("in_force_version")

        reason = d.pop("reason")

        stale = d.pop("stale")

        status = d.pop("status")

        def _parse_approved_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        approved_at = _parse_approved_at(d.pop("approved_at", UNSET))

        def _parse_approved_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        approved_by = _parse_approved_by(d.pop("approved_by", UNSET))

        def _parse_content(data: object) -> ChangeSetReadContentType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_type_0 = ChangeSetReadContentType0.from_dict(data)

                return content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChangeSetReadContentType0 | None | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_diff(
            data: object,
        ) -> list[ChangeSetReadDiffType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                diff_type_0 = []
                _diff_type_0 = data
                for diff_type_0_item_data in _diff_type_0:
                    diff_type_0_item = ChangeSetReadDiffType0Item.from_dict(
                        diff_type_0_item_data
                    )

                    diff_type_0.append(diff_type_0_item)

                return diff_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChangeSetReadDiffType0Item] | None | Unset, data)

        diff = _parse_diff(d.pop("diff", UNSET))

        def _parse_effective_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_at_type_0 = datetime.datetime.fromisoformat(data)

                return effective_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        effective_at = _parse_effective_at(d.pop("effective_at", UNSET))

        def _parse_restores(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        restores = _parse_restores(d.pop("restores", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        change_set_read = cls(
            author=author,
            base_version=base_version,
            created_at=created_at,
            id=id,
            in_force_version=in_force_version,
            reason=reason,
            stale=stale,
            status=status,
            approved_at=approved_at,
            approved_by=approved_by,
            content=content,
            diff=diff,
            effective_at=effective_at,
            restores=restores,
            version=version,
        )

        change_set_read.additional_properties = d
        return change_set_read

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
