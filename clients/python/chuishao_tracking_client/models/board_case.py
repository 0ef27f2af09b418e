from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.board_case_escalation_grade_type_0 import BoardCaseEscalationGradeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.board_assignment import BoardAssignment
    from ..models.timeline_entry import TimelineEntry


T = TypeVar("T", bound="BoardCase")


@_attrs_define
class BoardCase:
    """
    Attributes:
        assignments (list[BoardAssignment]):
        category (str):
        category_name (str):
        category_name_en (str):
        closed_at (None | str):
        community (str):
        community_name (str):
        community_name_en (str):
        escalation_grade (BoardCaseEscalationGradeType0 | None):
        escalation_level (int):
        grid (str):
        grid_name (str):
        grid_name_en (str):
        id (str):
        lead_department (None | str):
        lead_department_name (None | str):
        lead_department_name_en (None | str):
        major (str):
        next_deadline_at (None | str): The earliest deadline the departments still owe
        open_ (bool):
        opened_at (str):
        overdue (bool): Overdue: the case is at work (dispatched, acknowledged, in_progress or reopened) and the
            earliest deadline its departments still owe has passed: the acknowledge deadline of a department that has not
            reported in (报到), or the case's resolve deadline (moved by an approved extension); or the case waits in triage
            past its triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are never overdue;
            the escalation level does not count, so a case whose owed deadlines are met again is no longer overdue.
        resolution (None | str):
        resolve_due_at (None | str):
        resolved_at (None | str):
        rework_count (int):
        sequence (int):
        severity (str):
        status (str):
        timeline (list[TimelineEntry]):
        updated_at (str):
        whistle_count (int):
        late_departments (list[str] | Unset): Departments past their own deadline now (a case at work only)
        number (None | str | Unset): The short number the resident was given (五阳-1205-0012); null for a case from before
            numbers (show the id). `q` finds a case by it, or by a joined report's
        owed_by (list[str] | Unset): Departments that owe next_deadline_at: those whose 签收 is due then, else the lead
            (the resolve deadline). Lateness is per department: an assist's missed 签收 is not the lead's
        report_numbers (list[str] | Unset): The numbers of reports the case took in later (duplicates, merged cases)
    """

    assignments: list[BoardAssignment]
    category: str
    category_name: str
    category_name_en: str
    closed_at: None | str
    community: str
    community_name: str
    community_name_en: str
    escalation_grade: BoardCaseEscalationGradeType0 | None
    escalation_level: int
    grid: str
    grid_name: str
    grid_name_en: str
    id: str
    lead_department: None | str
    lead_department_name: None | str
    lead_department_name_en: None | str
    major: str
    next_deadline_at: None | str
    open_: bool
    opened_at: str
    overdue: bool
    resolution: None | str
    resolve_due_at: None | str
    resolved_at: None | str
    rework_count: int
    sequence: int
    severity: str
    status: str
    timeline: list[TimelineEntry]
    updated_at: str
    whistle_count: int
    late_departments: list[str] | Unset = UNSET
    number: None | str | Unset = UNSET
    owed_by: list[str] | Unset = UNSET
    report_numbers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignments = []
        for assignments_item_data in self.assignments:
            assignments_item = assignments_item_data.to_dict()
            assignments.append(assignments_item)

        category = self.category

        category_name = self.category_name

        category_name_en = self.category_name_en

        closed_at: None | str
        closed_at = self.closed_at

        community = self.community

        community_name = self.community_name

        community_name_en = self.community_name_en

        escalation_grade: None | str
        if isinstance(self.escalation_grade, BoardCaseEscalationGradeType0):
            escalation_grade = self.escalation_grade.value
        else:
            escalation_grade = self.escalation_grade

        escalation_level = self.escalation_level

        grid = self.grid

        grid_name = self.grid_name

        grid_name_en = self.grid_name_en

        id = self.id

        lead_department: None | str
        lead_department = self.lead_department

        lead_department_name: None | str
        lead_department_name = self.lead_department_name

        lead_department_name_en: None | str
        lead_department_name_en = self.lead_department_name_en

        major = self.major

        next_deadline_at: None | str
        next_deadline_at = self.next_deadline_at

        open_ = self.open_

        opened_at = self.opened_at

        overdue = self.overdue

        resolution: None | str
        resolution = self.resolution

        resolve_due_at: None | str
        resolve_due_at = self.resolve_due_at

        resolved_at: None | str
        resolved_at = self.resolved_at

        rework_count = self.rework_count

        sequence = self.sequence

        severity = self.severity

        status = self.status

        timeline = []
        for timeline_item_data in self.timeline:
            timeline_item = timeline_item_data.to_dict()
            timeline.append(timeline_item)

        updated_at = self.updated_at

        whistle_count = self.whistle_count

        late_departments: list[str] | Unset = UNSET
        if not isinstance(self.late_departments, Unset):
            late_departments = self.late_departments

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        owed_by: list[str] | Unset = UNSET
        if not isinstance(self.owed_by, Unset):
            owed_by = self.owed_by

        report_numbers: list[str] | Unset = UNSET
        if not isinstance(self.report_numbers, Unset):
            report_numbers = self.report_numbers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignments": assignments,
                "category": category,
                "category_name": category_name,
                "category_name_en": category_name_en,
                "closed_at": closed_at,
                "community": community,
                "community_name": community_name,
                "community_name_en": community_name_en,
                "escalation_grade": escalation_grade,
                "escalation_level": escalation_level,
                "grid": grid,
                "grid_name": grid_name,
                "grid_name_en": grid_name_en,
                "id": id,
                "lead_department": lead_department,
                "lead_department_name": lead_department_name,
                "lead_department_name_en": lead_department_name_en,
                "major": major,
                "next_deadline_at": next_deadline_at,
                "open": open_,
                "opened_at": opened_at,
                "overdue": overdue,
                "resolution": resolution,
                "resolve_due_at": resolve_due_at,
                "resolved_at": resolved_at,
                "rework_count": rework_count,
                "sequence": sequence,
                "severity": severity,
                "status": status,
                "timeline": timeline,
                "updated_at": updated_at,
                "whistle_count": whistle_count,
            }
        )
        if late_departments is not UNSET:
            field_dict["late_departments"] = late_departments
        if number is not UNSET:
            field_dict["number"] = number
        if owed_by is not UNSET:
            field_dict["owed_by"] = owed_by
        if report_numbers is not UNSET:
            field_dict["report_numbers"] = report_numbers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.board_assignment import BoardAssignment
        from ..models.timeline_entry import TimelineEntry

        d = dict(src_dict)
        assignments = []
        _assignments = d.pop("assignments")
        for assignments_item_data in _assignments:
            assignments_item = BoardAssignment.from_dict(assignments_item_data)

            assignments.append(assignments_item)

        category = d.pop("category")

        category_name = d.pop("category_name")

        category_name_en = d.pop("category_name_en")

        def _parse_closed_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        community = d.pop("community")

        community_name = d.pop("community_name")

        community_name_en = d.pop("community_name_en")

        def _parse_escalation_grade(
            data: object,
        ) -> BoardCaseEscalationGradeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalation_grade_type_0 = BoardCaseEscalationGradeType0(data)

                return escalation_grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BoardCaseEscalationGradeType0 | None, data)

        escalation_grade = _parse_escalation_grade(d.pop("escalation_grade"))

        escalation_level = d.pop("escalation_level")

        grid = d.pop("grid")

        grid_name = d.pop("grid_name")

        grid_name_en = d.pop("grid_name_en")

        id = d.pop("id")

        def _parse_lead_department(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lead_department = _parse_lead_department(d.pop("lead_department"))

        def _parse_lead_department_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lead_department_name = _parse_lead_department_name(
            d.pop("lead_department_name")
        )

        def _parse_lead_department_name_en(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lead_department_name_en = _parse_lead_department_name_en(
            d.pop("lead_department_name_en")
        )

        major = d.pop("major")

        def _parse_next_deadline_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_deadline_at = _parse_next_deadline_at(d.pop("next_deadline_at"))

        open_ = d.pop("open")

        opened_at = d.pop("opened_at")

        overdue = d.pop("overdue")

        def _parse_resolution(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolution = _parse_resolution(d.pop("resolution"))

        def _parse_resolve_due_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolve_due_at = _parse_resolve_due_at(d.pop("resolve_due_at"))

        def _parse_resolved_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        rework_count = d.pop("rework_count")

        sequence = d.pop("sequence")

        severity = d.pop("severity")

        status = d.pop("status")

        timeline = []
        _timeline = d.pop("timeline")
        for timeline_item_data in _timeline:
            timeline_item = TimelineEntry.from_dict(timeline_item_data)

            timeline.append(timeline_item)

        updated_at = d.pop("updated_at")

        whistle_count = d.pop("whistle_count")

        late_departments = cast(list[str], d.pop("late_departments", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        owed_by = cast(list[str], d.pop("owed_by", UNSET))

        report_numbers = cast(list[str], d.pop("report_numbers", UNSET))

        board_case = cls(
            assignments=assignments,
            category=category,
            category_name=category_name,
            category_name_en=category_name_en,
            closed_at=closed_at,
            community=community,
            community_name=community_name,
            community_name_en=community_name_en,
            escalation_grade=escalation_grade,
            escalation_level=escalation_level,
            grid=grid,
            grid_name=grid_name,
            grid_name_en=grid_name_en,
            id=id,
            lead_department=lead_department,
            lead_department_name=lead_department_name,
            lead_department_name_en=lead_department_name_en,
            major=major,
            next_deadline_at=next_deadline_at,
            open_=open_,
            opened_at=opened_at,
            overdue=overdue,
            resolution=resolution,
            resolve_due_at=resolve_due_at,
            resolved_at=resolved_at,
            rework_count=rework_count,
            sequence=sequence,
            severity=severity,
            status=status,
            timeline=timeline,
            updated_at=updated_at,
            whistle_count=whistle_count,
            late_departments=late_departments,
            number=number,
            owed_by=owed_by,
            report_numbers=report_numbers,
        )

        board_case.additional_properties = d
        return board_case

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
