from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_read import StepRead


T = TypeVar("T", bound="PolicyRead")


@_attrs_define
class PolicyRead:
    """
    Attributes:
        owner (str):
        repeats (int):
        steps (list[StepRead]):
        version (int): 0: the built-in default (no policy written yet)
        default (bool | Unset):  Default: False.
        head (None | str | Unset):
        valid_from (None | str | Unset):
        versions (int | Unset):  Default: 0.
    """

    owner: str
    repeats: int
    steps: list[StepRead]
    version: int
    default: bool | Unset = False
    head: None | str | Unset = UNSET
    valid_from: None | str | Unset = UNSET
    versions: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner = self.owner

        repeats = self.repeats

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        version = self.version

        default = self.default

        head: None | str | Unset
        if isinstance(self.head, Unset):
            head = UNSET
        else:
            head = self.head

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        else:
            valid_from = self.valid_from

        versions = self.versions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "owner": owner,
                "repeats": repeats,
                "steps": steps,
                "version": version,
            }
        )
        if default is not UNSET:
            field_dict["default"] = default
        if head is not UNSET:
            field_dict["head"] = head
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if versions is not UNSET:
            field_dict["versions"] = versions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.step_read import StepRead

        d = dict(src_dict)
        owner = d.pop("owner")

        repeats = d.pop("repeats")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = StepRead.from_dict(steps_item_data)

            steps.append(steps_item)

        version = d.pop("version")

        default = d.pop("default", UNSET)

        def _parse_head(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        head = _parse_head(d.pop("head", UNSET))

        def _parse_valid_from(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        versions = d.pop("versions", UNSET)

        policy_read = cls(
            owner=owner,
            repeats=repeats,
            steps=steps,
            version=version,
            default=default,
            head=head,
            valid_from=valid_from,
            versions=versions,
        )

        policy_read.additional_properties = d
        return policy_read

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
