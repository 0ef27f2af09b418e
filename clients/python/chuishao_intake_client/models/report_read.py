from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.report_read_severity import ReportReadSeverity
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.case_view import CaseView
    from ..models.place_in import PlaceIn
    from ..models.report_read_feedback_type_0 import ReportReadFeedbackType0
    from ..models.report_read_verification_type_0 import ReportReadVerificationType0
    from ..models.resident_in import ResidentIn
    from ..models.timeline_entry import TimelineEntry


T = TypeVar("T", bound="ReportRead")


@_attrs_define
class ReportRead:
    """
    Attributes:
        category (str):
        community (str):
        created_at (datetime.datetime):
        description (str):
        grid (str):
        handled_on_site (bool):
        id (str):
        photos (list[str]):
        place (PlaceIn):
        severity (ReportReadSeverity):
        status (str):
        case (CaseView | None | Unset): The case behind the report, once dispatch has opened it
        case_id (None | str | Unset):
        case_status (None | str | Unset):
        feedback (None | ReportReadFeedbackType0 | Unset):
        number (None | str | Unset): The short number to give the resident (五阳-1205-0012: community, month-day in
            Asia/Shanghai, that community's n-th report of the day); null for a report filed before numbers existed
        resident (None | ResidentIn | Unset):
        timeline (list[TimelineEntry] | Unset): The case's events, oldest first
        topic_id (None | str | Unset): The 议事 topic this report carries out, if any
        verification (None | ReportReadVerificationType0 | Unset):
    """

    category: str
    community: str
    created_at: datetime.datetime
    description: str
    grid: str
    handled_on_site: bool
    id: str
    photos: list[str]
    place: PlaceIn
    severity: ReportReadSeverity
    status: str
    case: CaseView | None | Unset = UNSET
    case_id: None | str | Unset = UNSET
    case_status: None | str | Unset = UNSET
    feedback: None | ReportReadFeedbackType0 | Unset = UNSET
    number: None | str | Unset = UNSET
    resident: None | ResidentIn | Unset = UNSET
    timeline: list[TimelineEntry] | Unset = UNSET
    topic_id: None | str | Unset = UNSET
    verification: None | ReportReadVerificationType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.case_view import CaseView
        from ..models.report_read_feedback_type_0 import ReportReadFeedbackType0
        from ..models.report_read_verification_type_0 import ReportReadVerificationType0
        from ..models.resident_in import ResidentIn

        category = self.category

        community = self.community

        created_at = self.created_at.isoformat()

        description = self.description

        grid = self.grid

        handled_on_site = self.handled_on_site

        id = self.id

        photos = self.photos

        place = self.place.to_dict()

        severity = self.severity.value

        status = self.status

        case: dict[str, Any] | None | Unset
        if isinstance(self.case, Unset):
            case = UNSET
        elif isinstance(self.case, CaseView):
            case = self.case.to_dict()
        else:
            case = self.case

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        case_status: None | str | Unset
        if isinstance(self.case_status, Unset):
            case_status = UNSET
        else:
            case_status = self.case_status

        feedback: dict[str, Any] | None | Unset
        if isinstance(self.feedback, Unset):
            feedback = UNSET
        elif isinstance(self.feedback, ReportReadFeedbackType0):
            feedback = self.feedback.to_dict()
        else:
            feedback = self.feedback

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        resident: dict[str, Any] | None | Unset
        if isinstance(self.resident, Unset):
            resident = UNSET
        elif isinstance(self.resident, ResidentIn):
            resident = self.resident.to_dict()
        else:
            resident = self.resident

        timeline: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.timeline, Unset):
            timeline = []
            for timeline_item_data in self.timeline:
                timeline_item = timeline_item_data.to_dict()
                timeline.append(timeline_item)

        topic_id: None | str | Unset
        if isinstance(self.topic_id, Unset):
            topic_id = UNSET
        else:
            topic_id = self.topic_id

        verification: dict[str, Any] | None | Unset
        if isinstance(self.verification, Unset):
            verification = UNSET
        elif isinstance(self.verification, ReportReadVerificationType0):
            verification = self.verification.to_dict()
        else:
            verification = self.verification

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "community": community,
                "created_at": created_at,
                "description": description,
                "grid": grid,
                "handled_on_site": handled_on_site,
                "id": id,
                "photos": photos,
                "place": place,
                "severity": severity,
                "status": status,
            }
        )
        if case is not UNSET:
            field_dict["case"] = case
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if case_status is not UNSET:
            field_dict["case_status"] = case_status
        if feedback is not UNSET:
            field_dict["feedback"] = feedback
        if number is not UNSET:
            field_dict["number"] = number
        if resident is not UNSET:
            field_dict["resident"] = resident
        if timeline is not UNSET:
            field_dict["timeline"] = timeline
        if topic_id is not UNSET:
            field_dict["topic_id"] = topic_id
        if verification is not UNSET:
            field_dict["verification"] = verification

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.case_view import CaseView
        from ..models.place_in import PlaceIn
        from ..models.report_read_feedback_type_0 import ReportReadFeedbackType0
        from ..models.report_read_verification_type_0 import ReportReadVerificationType0
        from ..models.resident_in import ResidentIn
        from ..models.timeline_entry import TimelineEntry

        d = dict(src_dict)
        category = d.pop("category")

        community = d.pop("community")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        grid = d.pop("grid")

        handled_on_site = d.pop("handled_on_site")

        id = d.pop("id")

        photos = cast(list[str], d.pop("photos"))

        place = PlaceIn.from_dict(d.pop("place"))

        severity = ReportReadSeverity(d.pop("severity"))

        status = d.pop("status")

        def _parse_case(data: object) -> CaseView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                case_type_0 = CaseView.from_dict(data)

                return case_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseView | None | Unset, data)

        case = _parse_case(d.pop("case", UNSET))

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        def _parse_case_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_status = _parse_case_status(d.pop("case_status", UNSET))

        def _parse_feedback(data: object) -> None | ReportReadFeedbackType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                feedback_type_0 = ReportReadFeedbackType0.from_dict(data)

                return feedback_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportReadFeedbackType0 | Unset, data)

        feedback = _parse_feedback(d.pop("feedback", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        def _parse_resident(data: object) -> None | ResidentIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resident_type_0 = ResidentIn.from_dict(data)

                return resident_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResidentIn | Unset, data)

        resident = _parse_resident(d.pop("resident", UNSET))

        _timeline = d.pop("timeline", UNSET)
        timeline: list[TimelineEntry] | Unset = UNSET
        if _timeline is not UNSET:
            timeline = []
            for timeline_item_data in _timeline:
                timeline_item = TimelineEntry.from_dict(timeline_item_data)

                timeline.append(timeline_item)

        def _parse_topic_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        topic_id = _parse_topic_id(d.pop("topic_id", UNSET))

        def _parse_verification(
            data: object,
        ) -> None | ReportReadVerificationType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                verification_type_0 = ReportReadVerificationType0.from_dict(data)

                return verification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportReadVerificationType0 | Unset, data)

        verification = _parse_verification(d.pop("verification", UNSET))

        report_read = cls(
            category=category,
            community=community,
            created_at=created_at,
            description=description,
            grid=grid,
            handled_on_site=handled_on_site,
            id=id,
            photos=photos,
            place=place,
            severity=severity,
            status=status,
            case=case,
            case_id=case_id,
            case_status=case_status,
            feedback=feedback,
            number=number,
            resident=resident,
            timeline=timeline,
            topic_id=topic_id,
            verification=verification,
        )

        report_read.additional_properties = d
        return report_read

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
