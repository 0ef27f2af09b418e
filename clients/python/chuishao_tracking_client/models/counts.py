from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Counts")


@_attrs_define
class Counts:
    """
    Attributes:
        acknowledge_decided (int):
        acknowledged_on_time (int):
        assignments (int):
        basically_satisfied (int):
        closed (int):
        closed_fixed (int):
        dispatcher_whistles (int):
        due (int):
        feedback (int):
        reports (int):
        resolved (int):
        resolved_on_time (int):
        returned (int):
        reworked (int):
        satisfied (int):
        unsatisfied (int):
    """

    acknowledge_decided: int
    acknowledged_on_time: int
    assignments: int
    basically_satisfied: int
    closed: int
    closed_fixed: int
    dispatcher_whistles: int
    due: int
    feedback: int
    reports: int
    resolved: int
    resolved_on_time: int
    returned: int
    reworked: int
    satisfied: int
    unsatisfied: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acknowledge_decided = self.acknowledge_decided

        acknowledged_on_time = self.acknowledged_on_time

        assignments = self.assignments

        basically_satisfied = self.basically_satisfied

        closed = self.closed

        closed_fixed = self.closed_fixed

        dispatcher_whistles = self.dispatcher_whistles

        due = self.due

        feedback = self.feedback

        reports = self.reports

        resolved = self.resolved

        resolved_on_time = self.resolved_on_time

        returned = self.returned

        reworked = self.reworked

        satisfied = self.satisfied

        unsatisfied = self.unsatisfied

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acknowledge_decided": acknowledge_decided,
                "acknowledged_on_time": acknowledged_on_time,
                "assignments": assignments,
                "basically_satisfied": basically_satisfied,
                "closed": closed,
                "closed_fixed": closed_fixed,
                "dispatcher_whistles": dispatcher_whistles,
                "due": due,
                "feedback": feedback,
                "reports": reports,
                "resolved": resolved,
                "resolved_on_time": resolved_on_time,
                "returned": returned,
                "reworked": reworked,
                "satisfied": satisfied,
                "unsatisfied": unsatisfied,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        acknowledge_decided = d.pop("acknowledge_decided")

        acknowledged_on_time = d.pop("acknowledged_on_time")

        assignments = d.pop("assignments")

        basically_satisfied = d.pop("basically_satisfied")

        closed = d.pop("closed")

        closed_fixed = d.pop("closed_fixed")

        dispatcher_whistles = d.pop("dispatcher_whistles")

        due = d.pop("due")

        feedback = d.pop("feedback")

        reports = d.pop("reports")

        resolved = d.pop("resolved")

        resolved_on_time = d.pop("resolved_on_time")

        returned = d.pop("returned")

        reworked = d.pop("reworked")

        satisfied = d.pop("satisfied")

        unsatisfied = d.pop("unsatisfied")

        counts = cls(
            acknowledge_decided=acknowledge_decided,
            acknowledged_on_time=acknowledged_on_time,
            assignments=assignments,
            basically_satisfied=basically_satisfied,
            closed=closed,
            closed_fixed=closed_fixed,
            dispatcher_whistles=dispatcher_whistles,
            due=due,
            feedback=feedback,
            reports=reports,
            resolved=resolved,
            resolved_on_time=resolved_on_time,
            returned=returned,
            reworked=reworked,
            satisfied=satisfied,
            unsatisfied=unsatisfied,
        )

        counts.additional_properties = d
        return counts

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
