from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.assignment_status_word import AssignmentStatusWord
    from ..models.case_status_word import CaseStatusWord
    from ..models.escalation_level import EscalationLevel
    from ..models.overdue_rule import OverdueRule
    from ..models.report_status_word import ReportStatusWord
    from ..models.word import Word


T = TypeVar("T", bound="Vocabulary")


@_attrs_define
class Vocabulary:
    """
    Attributes:
        assignment_roles (list[Word]):
        assignment_statuses (list[AssignmentStatusWord]):
        case_statuses (list[CaseStatusWord]):
        deadline_words (list[Word]): The countdown's words: overdue, left, day, hour, minute, second
        escalation_levels (list[EscalationLevel]): Levels 1–3; level 0 is no escalation
        event_types (list[Word]): Timeline entries by event type (`case.resolved`)
        overdue (OverdueRule):
        report_statuses (list[ReportStatusWord]):
        severities (list[Word]):
    """

    assignment_roles: list[Word]
    assignment_statuses: list[AssignmentStatusWord]
    case_statuses: list[CaseStatusWord]
    deadline_words: list[Word]
    escalation_levels: list[EscalationLevel]
    event_types: list[Word]
    overdue: OverdueRule
    report_statuses: list[ReportStatusWord]
    severities: list[Word]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignment_roles = []
        for assignment_roles_item_data in self.assignment_roles:
            assignment_roles_item = assignment_roles_item_data.to_dict()
            assignment_roles.append(assignment_roles_item)

        assignment_statuses = []
        for assignment_statuses_item_data in self.assignment_statuses:
            assignment_statuses_item = assignment_statuses_item_data.to_dict()
            assignment_statuses.append(assignment_statuses_item)

        case_statuses = []
        for case_statuses_item_data in self.case_statuses:
            case_statuses_item = case_statuses_item_data.to_dict()
            case_statuses.append(case_statuses_item)

        deadline_words = []
        for deadline_words_item_data in self.deadline_words:
            deadline_words_item = deadline_words_item_data.to_dict()
            deadline_words.append(deadline_words_item)

        escalation_levels = []
        for escalation_levels_item_data in self.escalation_levels:
            escalation_levels_item = escalation_levels_item_data.to_dict()
            escalation_levels.append(escalation_levels_item)

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.to_dict()
            event_types.append(event_types_item)

        overdue = self.overdue.to_dict()

        report_statuses = []
        for report_statuses_item_data in self.report_statuses:
            report_statuses_item = report_statuses_item_data.to_dict()
            report_statuses.append(report_statuses_item)

        severities = []
        for severities_item_data in self.severities:
            severities_item = severities_item_data.to_dict()
            severities.append(severities_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignment_roles": assignment_roles,
                "assignment_statuses": assignment_statuses,
                "case_statuses": case_statuses,
                "deadline_words": deadline_words,
                "escalation_levels": escalation_levels,
                "event_types": event_types,
                "overdue": overdue,
                "report_statuses": report_statuses,
                "severities": severities,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assignment_status_word import AssignmentStatusWord
        from ..models.case_status_word import CaseStatusWord
        from ..models.escalation_level import EscalationLevel
        from ..models.overdue_rule import OverdueRule
        from ..models.report_status_word import ReportStatusWord
        from ..models.word import Word

        d = dict(src_dict)
        assignment_roles = []
        _assignment_roles = d.pop("assignment_roles")
        for assignment_roles_item_data in _assignment_roles:
            assignment_roles_item = Word.from_dict(assignment_roles_item_data)

            assignment_roles.append(assignment_roles_item)

        assignment_statuses = []
        _assignment_statuses = d.pop("assignment_statuses")
        for assignment_statuses_item_data in _assignment_statuses:
            assignment_statuses_item = AssignmentStatusWord.from_dict(
                assignment_statuses_item_data
            )

            assignment_statuses.append(assignment_statuses_item)

        case_statuses = []
        _case_statuses = d.pop("case_statuses")
        for case_statuses_item_data in _case_statuses:
            case_statuses_item = CaseStatusWord.from_dict(case_statuses_item_data)

            case_statuses.append(case_statuses_item)

        deadline_words = []
        _deadline_words = d.pop("deadline_words")
        for deadline_words_item_data in _deadline_words:
            deadline_words_item = Word.from_dict(deadline_words_item_data)

            deadline_words.append(deadline_words_item)

        escalation_levels = []
        _escalation_levels = d.pop("escalation_levels")
        for escalation_levels_item_data in _escalation_levels:
            escalation_levels_item = EscalationLevel.from_dict(
                escalation_levels_item_data
            )

            escalation_levels.append(escalation_levels_item)

        event_types = []
        _event_types = d.pop("event_types")
        for event_types_item_data in _event_types:
            event_types_item = Word.from_dict(event_types_item_data)

            event_types.append(event_types_item)

        overdue = OverdueRule.from_dict(d.pop("overdue"))

        report_statuses = []
        _report_statuses = d.pop("report_statuses")
        for report_statuses_item_data in _report_statuses:
            report_statuses_item = ReportStatusWord.from_dict(report_statuses_item_data)

            report_statuses.append(report_statuses_item)

        severities = []
        _severities = d.pop("severities")
        for severities_item_data in _severities:
            severities_item = Word.from_dict(severities_item_data)

            severities.append(severities_item)

        vocabulary = cls(
            assignment_roles=assignment_roles,
            assignment_statuses=assignment_statuses,
            case_statuses=case_statuses,
            deadline_words=deadline_words,
            escalation_levels=escalation_levels,
            event_types=event_types,
            overdue=overdue,
            report_statuses=report_statuses,
            severities=severities,
        )

        vocabulary.additional_properties = d
        return vocabulary

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
