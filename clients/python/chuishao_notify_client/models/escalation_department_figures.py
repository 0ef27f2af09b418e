from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.escalation_level_figures import EscalationLevelFigures
    from ..models.escalation_step_figures import EscalationStepFigures


T = TypeVar("T", bound="EscalationDepartmentFigures")


@_attrs_define
class EscalationDepartmentFigures:
    """
    Attributes:
        acknowledged (int):
        by_level (list[EscalationLevelFigures]):
        by_step (list[EscalationStepFigures]):
        cases (int): Chains started in the period (one per case and department dispatched)
        department (str):
        name (str):
        waiting (int): Chains still running
        first_person_share (float | None | Unset): Share of ended chains the first person told 签收 for
        median_seconds (float | None | Unset): Dispatch to 签收 (median) of the acknowledged
        p90_seconds (float | None | Unset):
    """

    acknowledged: int
    by_level: list[EscalationLevelFigures]
    by_step: list[EscalationStepFigures]
    cases: int
    department: str
    name: str
    waiting: int
    first_person_share: float | None | Unset = UNSET
    median_seconds: float | None | Unset = UNSET
    p90_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acknowledged = self.acknowledged

        by_level = []
        for by_level_item_data in self.by_level:
            by_level_item = by_level_item_data.to_dict()
            by_level.append(by_level_item)

        by_step = []
        for by_step_item_data in self.by_step:
            by_step_item = by_step_item_data.to_dict()
            by_step.append(by_step_item)

        cases = self.cases

        department = self.department

        name = self.name

        waiting = self.waiting

        first_person_share: float | None | Unset
        if isinstance(self.first_person_share, Unset):
            first_person_share = UNSET
        else:
            first_person_share = self.first_person_share

        median_seconds: float | None | Unset
        if isinstance(self.median_seconds, Unset):
            median_seconds = UNSET
        else:
            median_seconds = self.median_seconds

        p90_seconds: float | None | Unset
        if isinstance(self.p90_seconds, Unset):
            p90_seconds = UNSET
        else:
            p90_seconds = self.p90_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acknowledged": acknowledged,
                "by_level": by_level,
                "by_step": by_step,
                "cases": cases,
                "department": department,
                "name": name,
                "waiting": waiting,
            }
        )
        if first_person_share is not UNSET:
            field_dict["first_person_share"] = first_person_share
        if median_seconds is not UNSET:
            field_dict["median_seconds"] = median_seconds
        if p90_seconds is not UNSET:
            field_dict["p90_seconds"] = p90_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.escalation_level_figures import EscalationLevelFigures
        from ..models.escalation_step_figures import EscalationStepFigures

        d = dict(src_dict)
        acknowledged = d.pop("acknowledged")

        by_level = []
        _by_level = d.pop("by_level")
        for by_level_item_data in _by_level:
            by_level_item = EscalationLevelFigures.from_dict(by_level_item_data)

            by_level.append(by_level_item)

        by_step = []
        _by_step = d.pop("by_step")
        for by_step_item_data in _by_step:
            by_step_item = EscalationStepFigures.from_dict(by_step_item_data)

            by_step.append(by_step_item)

        cases = d.pop("cases")

        department = d.pop("department")

        name = d.pop("name")

        waiting = d.pop("waiting")

        def _parse_first_person_share(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        first_person_share = _parse_first_person_share(
            d.pop("first_person_share", UNSET)
        )

        def _parse_median_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_seconds = _parse_median_seconds(d.pop("median_seconds", UNSET))

        def _parse_p90_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        p90_seconds = _parse_p90_seconds(d.pop("p90_seconds", UNSET))

        escalation_department_figures = cls(
            acknowledged=acknowledged,
            by_level=by_level,
            by_step=by_step,
            cases=cases,
            department=department,
            name=name,
            waiting=waiting,
            first_person_share=first_person_share,
            median_seconds=median_seconds,
            p90_seconds=p90_seconds,
        )

        escalation_department_figures.additional_properties = d
        return escalation_department_figures

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
