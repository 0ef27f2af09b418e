from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_read_severity import CaseReadSeverity
from ..models.case_read_status import CaseReadStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assignment_read import AssignmentRead
    from ..models.case_read_community_handover_type_0 import (
        CaseReadCommunityHandoverType0,
    )
    from ..models.case_read_feedback_type_0 import CaseReadFeedbackType0
    from ..models.case_read_pending_extension_type_0 import (
        CaseReadPendingExtensionType0,
    )
    from ..models.timeline_entry_read import TimelineEntryRead


T = TypeVar("T", bound="CaseRead")


@_attrs_define
class CaseRead:
    """A case as staff read it (never the resident's contact).

    Attributes:
        assignments (list[AssignmentRead]):
        category (str):
        community (str):
        description (str):
        escalation_level (int):
        grid (str):
        id (str):
        overdue (bool):
        report_ids (list[str]):
        rework_count (int):
        severity (CaseReadSeverity):
        status (CaseReadStatus):
        timeline (list[TimelineEntryRead]):
        whistle_count (int):
        address (None | str | Unset): The address as the grid worker typed it
        building (None | str | Unset):
        category_name (None | str | Unset):
        category_name_en (None | str | Unset):
        community_handover (CaseReadCommunityHandoverType0 | None | Unset): 点单响应: the community's forces answer it —
            community, department (its committee), need_id (once the community recorded it), status (handed | confirmed |
            need_cancelled)
        community_name (None | str | Unset):
        community_name_en (None | str | Unset):
        feedback (CaseReadFeedbackType0 | None | Unset):
        grid_name (None | str | Unset):
        grid_name_en (None | str | Unset):
        lat (float | None | Unset): The phone's location when the grid worker gave one (WGS84)
        lon (float | None | Unset): The phone's location when the grid worker gave one (WGS84)
        merged_into (None | str | Unset):
        number (None | str | Unset): The short number to read out (五阳-1205-0012): the opening report's; null for a case
            opened before numbers existed (show the id)
        opened_at (None | str | Unset):
        pending_extension (CaseReadPendingExtensionType0 | None | Unset):
        report_numbers (list[str] | Unset): The short numbers of the reports taken in later (duplicates, merged cases)
        report_photos (list[str] | Unset):
        resolve_due_at (None | str | Unset):
        routing_explanation (None | str | Unset):
        rule_id (None | str | Unset):
        rule_version (int | None | Unset):
        topic_ids (list[str] | Unset): The 议事 topics whose decisions this case carries out (from its reports)
        triage_due_at (None | str | Unset): While in triage: the dispatcher's deadline to route it (it escalates after)
        unit (None | str | Unset): 单元, as the grid worker typed it
    """

    assignments: list[AssignmentRead]
    category: str
    community: str
    description: str
    escalation_level: int
    grid: str
    id: str
    overdue: bool
    report_ids: list[str]
    rework_count: int
    severity: CaseReadSeverity
    status: CaseReadStatus
    timeline: list[TimelineEntryRead]
    whistle_count: int
    address: None | str | Unset = UNSET
    building: None | str | Unset = UNSET
    category_name: None | str | Unset = UNSET
    category_name_en: None | str | Unset = UNSET
    community_handover: CaseReadCommunityHandoverType0 | None | Unset = UNSET
    community_name: None | str | Unset = UNSET
    community_name_en: None | str | Unset = UNSET
    feedback: CaseReadFeedbackType0 | None | Unset = UNSET
    grid_name: None | str | Unset = UNSET
    grid_name_en: None | str | Unset = UNSET
    lat: float | None | Unset = UNSET
    lon: float | None | Unset = UNSET
    merged_into: None | str | Unset = UNSET
    number: None | str | Unset = UNSET
    opened_at: None | str | Unset = UNSET
    pending_extension: CaseReadPendingExtensionType0 | None | Unset = UNSET
    report_numbers: list[str] | Unset = UNSET
    report_photos: list[str] | Unset = UNSET
    resolve_due_at: None | str | Unset = UNSET
    routing_explanation: None | str | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    rule_version: int | None | Unset = UNSET
    topic_ids: list[str] | Unset = UNSET
    triage_due_at: None | str | Unset = UNSET
    unit: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.case_read_community_handover_type_0 import (
            CaseReadCommunityHandoverType0,
        )
        from ..models.case_read_feedback_type_0 import CaseReadFeedbackType0
        from ..models.case_read_pending_extension_type_0 import (
            CaseReadPendingExtensionType0,
        )

        assignments = []
        for assignments_item_data in self.assignments:
            assignments_item = assignments_item_data.to_dict()
            assignments.append(assignments_item)

        category = self.category

        community = self.community

        description = self.description

        escalation_level = self.escalation_level

        grid = self.grid

        id = self.id

        overdue = self.overdue

        report_ids = self.report_ids

        rework_count = self.rework_count

        severity = self.severity.value

        status = self.status.value

        timeline = []
        for timeline_item_data in self.timeline:
            timeline_item = timeline_item_data.to_dict()
            timeline.append(timeline_item)

        whistle_count = self.whistle_count

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        category_name: None | str | Unset
        if isinstance(self.category_name, Unset):
            category_name = UNSET
        else:
            category_name = self.category_name

        category_name_en: None | str | Unset
        if isinstance(self.category_name_en, Unset):
            category_name_en = UNSET
        else:
            category_name_en = self.category_name_en

        community_handover: dict[str, Any] | None | Unset
        if isinstance(self.community_handover, Unset):
            community_handover = UNSET
        elif isinstance(self.community_handover, CaseReadCommunityHandoverType0):
            community_handover = self.community_handover.to_dict()
        else:
            community_handover = self.community_handover

        community_name: None | str | Unset
        if isinstance(self.community_name, Unset):
            community_name = UNSET
        else:
            community_name = self.community_name

        community_name_en: None | str | Unset
        if isinstance(self.community_name_en, Unset):
            community_name_en = UNSET
        else:
            community_name_en = self.community_name_en

        feedback: dict[str, Any] | None | Unset
        if isinstance(self.feedback, Unset):
            feedback = UNSET
        elif isinstance(self.feedback, CaseReadFeedbackType0):
            feedback = self.feedback.to_dict()
        else:
            feedback = self.feedback

        grid_name: None | str | Unset
        if isinstance(self.grid_name, Unset):
            grid_name = UNSET
        else:
            grid_name = self.grid_name

        grid_name_en: None | str | Unset
        if isinstance(self.grid_name_en, Unset):
            grid_name_en = UNSET
        else:
            grid_name_en = self.grid_name_en

        lat: float | None | Unset
        if isinstance(self.lat, Unset):
            lat = UNSET
        else:
            lat = self.lat

        lon: float | None | Unset
        if isinstance(self.lon, Unset):
            lon = UNSET
        else:
            lon = self.lon

        merged_into: None | str | Unset
        if isinstance(self.merged_into, Unset):
            merged_into = UNSET
        else:
            merged_into = self.merged_into

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        opened_at: None | str | Unset
        if isinstance(self.opened_at, Unset):
            opened_at = UNSET
        else:
            opened_at = self.opened_at

        pending_extension: dict[str, Any] | None | Unset
        if isinstance(self.pending_extension, Unset):
            pending_extension = UNSET
        elif isinstance(self.pending_extension, CaseReadPendingExtensionType0):
            pending_extension = self.pending_extension.to_dict()
        else:
            pending_extension = self.pending_extension

        report_numbers: list[str] | Unset = UNSET
        if not isinstance(self.report_numbers, Unset):
            report_numbers = self.report_numbers

        report_photos: list[str] | Unset = UNSET
        if not isinstance(self.report_photos, Unset):
            report_photos = self.report_photos

        resolve_due_at: None | str | Unset
        if isinstance(self.resolve_due_at, Unset):
            resolve_due_at = UNSET
        else:
            resolve_due_at = self.resolve_due_at

        routing_explanation: None | str | Unset
        if isinstance(self.routing_explanation, Unset):
            routing_explanation = UNSET
        else:
            routing_explanation = self.routing_explanation

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        rule_version: int | None | Unset
        if isinstance(self.rule_version, Unset):
            rule_version = UNSET
        else:
            rule_version = self.rule_version

        topic_ids: list[str] | Unset = UNSET
        if not isinstance(self.topic_ids, Unset):
            topic_ids = self.topic_ids

        triage_due_at: None | str | Unset
        if isinstance(self.triage_due_at, Unset):
            triage_due_at = UNSET
        else:
            triage_due_at = self.triage_due_at

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignments": assignments,
                "category": category,
                "community": community,
                "description": description,
                "escalation_level": escalation_level,
                "grid": grid,
                "id": id,
                "overdue": overdue,
                "report_ids": report_ids,
                "rework_count": rework_count,
                "severity": severity,
                "status": status,
                "timeline": timeline,
                "whistle_count": whistle_count,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if building is not UNSET:
            field_dict["building"] = building
        if category_name is not UNSET:
            field_dict["category_name"] = category_name
        if category_name_en is not UNSET:
            field_dict["category_name_en"] = category_name_en
        if community_handover is not UNSET:
            field_dict["community_handover"] = community_handover
        if community_name is not UNSET:
            field_dict["community_name"] = community_name
        if community_name_en is not UNSET:
            field_dict["community_name_en"] = community_name_en
        if feedback is not UNSET:
            field_dict["feedback"] = feedback
        if grid_name is not UNSET:
            field_dict["grid_name"] = grid_name
        if grid_name_en is not UNSET:
            field_dict["grid_name_en"] = grid_name_en
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lon is not UNSET:
            field_dict["lon"] = lon
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into
        if number is not UNSET:
            field_dict["number"] = number
        if opened_at is not UNSET:
            field_dict["opened_at"] = opened_at
        if pending_extension is not UNSET:
            field_dict["pending_extension"] = pending_extension
        if report_numbers is not UNSET:
            field_dict["report_numbers"] = report_numbers
        if report_photos is not UNSET:
            field_dict["report_photos"] = report_photos
        if resolve_due_at is not UNSET:
            field_dict["resolve_due_at"] = resolve_due_at
        if routing_explanation is not UNSET:
            field_dict["routing_explanation"] = routing_explanation
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id
        if rule_version is not UNSET:
            field_dict["rule_version"] = rule_version
        if topic_ids is not UNSET:
            field_dict["topic_ids"] = topic_ids
        if triage_due_at is not UNSET:
            field_dict["triage_due_at"] = triage_due_at
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assignment_read import AssignmentRead
        from ..models.case_read_community_handover_type_0 import (
            CaseReadCommunityHandoverType0,
        )
        from ..models.case_read_feedback_type_0 import CaseReadFeedbackType0
        from ..models.case_read_pending_extension_type_0 import (
            CaseReadPendingExtensionType0,
        )
        from ..models.timeline_entry_read import TimelineEntryRead

        d = dict(src_dict)
        assignments = []
        _assignments = d.pop("assignments")
        for assignments_item_data in _assignments:
            assignments_item = AssignmentRead.from_dict(assignments_item_data)

            assignments.append(assignments_item)

        category = d.pop("category")

        community = d.pop("community")

        description = d.pop("description")

        escalation_level = d.pop("escalation_level")

        grid = d.pop("grid")

        id = d.pop("id")

        overdue = d.pop("overdue")

        report_ids = cast(list[str], d.pop("report_ids"))

        rework_count = d.pop("rework_count")

        severity = CaseReadSeverity(d.pop("severity"))

        status = CaseReadStatus(d.pop("status"))

        timeline = []
        _timeline = d.pop("timeline")
        for timeline_item_data in _timeline:
            timeline_item = TimelineEntryRead.from_dict(timeline_item_data)

            timeline.append(timeline_item)

        whistle_count = d.pop("whistle_count")

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        def _parse_category_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category_name = _parse_category_name(d.pop("category_name", UNSET))

        def _parse_category_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category_name_en = _parse_category_name_en(d.pop("category_name_en", UNSET))

        def _parse_community_handover(
            data: object,
        ) -> CaseReadCommunityHandoverType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                community_handover_type_0 = CaseReadCommunityHandoverType0.from_dict(
                    data
                )

                return community_handover_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseReadCommunityHandoverType0 | None | Unset, data)

        community_handover = _parse_community_handover(
            d.pop("community_handover", UNSET)
        )

        def _parse_community_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        community_name = _parse_community_name(d.pop("community_name", UNSET))

        def _parse_community_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        community_name_en = _parse_community_name_en(d.pop("community_name_en", UNSET))

        def _parse_feedback(data: object) -> CaseReadFeedbackType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                feedback_type_0 = CaseReadFeedbackType0.from_dict(data)

                return feedback_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseReadFeedbackType0 | None | Unset, data)

        feedback = _parse_feedback(d.pop("feedback", UNSET))

        def _parse_grid_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        grid_name = _parse_grid_name(d.pop("grid_name", UNSET))

        def _parse_grid_name_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        grid_name_en = _parse_grid_name_en(d.pop("grid_name_en", UNSET))

        def _parse_lat(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        lat = _parse_lat(d.pop("lat", UNSET))

        def _parse_lon(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        lon = _parse_lon(d.pop("lon", UNSET))

        def _parse_merged_into(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        merged_into = _parse_merged_into(d.pop("merged_into", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        def _parse_opened_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        opened_at = _parse_opened_at(d.pop("opened_at", UNSET))

        def _parse_pending_extension(
            data: object,
        ) -> CaseReadPendingExtensionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pending_extension_type_0 = CaseReadPendingExtensionType0.from_dict(data)

                return pending_extension_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseReadPendingExtensionType0 | None | Unset, data)

        pending_extension = _parse_pending_extension(d.pop("pending_extension", UNSET))

        report_numbers = cast(list[str], d.pop("report_numbers", UNSET))

        report_photos = cast(list[str], d.pop("report_photos", UNSET))

        def _parse_resolve_due_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resolve_due_at = _parse_resolve_due_at(d.pop("resolve_due_at", UNSET))

        def _parse_routing_explanation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        routing_explanation = _parse_routing_explanation(
            d.pop("routing_explanation", UNSET)
        )

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))

        def _parse_rule_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rule_version = _parse_rule_version(d.pop("rule_version", UNSET))

        topic_ids = cast(list[str], d.pop("topic_ids", UNSET))

        def _parse_triage_due_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        triage_due_at = _parse_triage_due_at(d.pop("triage_due_at", UNSET))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        case_read = cls(
            assignments=assignments,
            category=category,
            community=community,
            description=description,
            escalation_level=escalation_level,
            grid=grid,
            id=id,
            overdue=overdue,
            report_ids=report_ids,
            rework_count=rework_count,
            severity=severity,
            status=status,
            timeline=timeline,
            whistle_count=whistle_count,
            address=address,
            building=building,
            category_name=category_name,
            category_name_en=category_name_en,
            community_handover=community_handover,
            community_name=community_name,
            community_name_en=community_name_en,
            feedback=feedback,
            grid_name=grid_name,
            grid_name_en=grid_name_en,
            lat=lat,
            lon=lon,
            merged_into=merged_into,
            number=number,
            opened_at=opened_at,
            pending_extension=pending_extension,
            report_numbers=report_numbers,
            report_photos=report_photos,
            resolve_due_at=resolve_due_at,
            routing_explanation=routing_explanation,
            rule_id=rule_id,
            rule_version=rule_version,
            topic_ids=topic_ids,
            triage_due_at=triage_due_at,
            unit=unit,
        )

        case_read.additional_properties = d
        return case_read

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
