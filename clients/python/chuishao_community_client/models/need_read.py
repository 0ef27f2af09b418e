from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.need_read_privacy import NeedReadPrivacy
from ..models.need_read_satisfaction_type_0 import NeedReadSatisfactionType0
from ..models.need_read_status import NeedReadStatus
from ..models.need_read_urgency import NeedReadUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.case_outcome import CaseOutcome
    from ..models.claim_read import ClaimRead
    from ..models.resident_read import ResidentRead


T = TypeVar("T", bound="NeedRead")


@_attrs_define
class NeedRead:
    """
    Attributes:
        claims (list[ClaimRead]):
        community (str):
        description (str):
        grid (str):
        helpers (int):
        id (str):
        kind (str):
        lapse_count (int):
        photos (list[str]):
        privacy (NeedReadPrivacy):
        recorded_at (datetime.datetime):
        release_count (int):
        skills (list[str]):
        status (NeedReadStatus):
        title (str):
        urgency (NeedReadUrgency):
        wanted_by (datetime.datetime):
        building (None | str | Unset):
        case_id (None | str | Unset):
        case_outcome (CaseOutcome | None | Unset): A whistled need: how its case ended
        case_status (None | str | Unset): A whistled need: its case's status as dispatch last said
        done_note (None | str | Unset):
        hours_credited (float | None | Unset):
        hours_reported (float | None | Unset):
        hours_wanted (float | None | Unset):
        origin_case_id (None | str | Unset): 点单响应: the dispatch case this need answers; confirming the need closes it
        report_id (None | str | Unset):
        resident (None | ResidentRead | Unset): Only for the community's staff and the claimant of a confirmed claim
        satisfaction (NeedReadSatisfactionType0 | None | Unset):
    """

    claims: list[ClaimRead]
    community: str
    description: str
    grid: str
    helpers: int
    id: str
    kind: str
    lapse_count: int
    photos: list[str]
    privacy: NeedReadPrivacy
    recorded_at: datetime.datetime
    release_count: int
    skills: list[str]
    status: NeedReadStatus
    title: str
    urgency: NeedReadUrgency
    wanted_by: datetime.datetime
    building: None | str | Unset = UNSET
    case_id: None | str | Unset = UNSET
    case_outcome: CaseOutcome | None | Unset = UNSET
    case_status: None | str | Unset = UNSET
    done_note: None | str | Unset = UNSET
    hours_credited: float | None | Unset = UNSET
    hours_reported: float | None | Unset = UNSET
    hours_wanted: float | None | Unset = UNSET
    origin_case_id: None | str | Unset = UNSET
    report_id: None | str | Unset = UNSET
    resident: None | ResidentRead | Unset = UNSET
    satisfaction: NeedReadSatisfactionType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.case_outcome import CaseOutcome
        from ..models.resident_read import ResidentRead

        claims = []
        for claims_item_data in self.claims:
            claims_item = claims_item_data.to_dict()
            claims.append(claims_item)

        community = self.community

        description = self.description

        grid = self.grid

        helpers = self.helpers

        id = self.id

        kind = self.kind

        lapse_count = self.lapse_count

        photos = self.photos

        privacy = self.privacy.value

        recorded_at = self.recorded_at.isoformat()

        release_count = self.release_count

        skills = self.skills

        status = self.status.value

        title = self.title

        urgency = self.urgency.value

        wanted_by = self.wanted_by.isoformat()

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        case_outcome: dict[str, Any] | None | Unset
        if isinstance(self.case_outcome, Unset):
            case_outcome = UNSET
        elif isinstance(self.case_outcome, CaseOutcome):
            case_outcome = self.case_outcome.to_dict()
        else:
            case_outcome = self.case_outcome

        case_status: None | str | Unset
        if isinstance(self.case_status, Unset):
            case_status = UNSET
        else:
            case_status = self.case_status

        done_note: None | str | Unset
        if isinstance(self.done_note, Unset):
            done_note = UNSET
        else:
            done_note = self.done_note

        hours_credited: float | None | Unset
        if isinstance(self.hours_credited, Unset):
            hours_credited = UNSET
        else:
            hours_credited = self.hours_credited

        hours_reported: float | None | Unset
        if isinstance(self.hours_reported, Unset):
            hours_reported = UNSET
        else:
            hours_reported = self.hours_reported

        hours_wanted: float | None | Unset
        if isinstance(self.hours_wanted, Unset):
            hours_wanted = UNSET
        else:
            hours_wanted = self.hours_wanted

        origin_case_id: None | str | Unset
        if isinstance(self.origin_case_id, Unset):
            origin_case_id = UNSET
        else:
            origin_case_id = self.origin_case_id

        report_id: None | str | Unset
        if isinstance(self.report_id, Unset):
            report_id = UNSET
        else:
            report_id = self.report_id

        resident: dict[str, Any] | None | Unset
        if isinstance(self.resident, Unset):
            resident = UNSET
        elif isinstance(self.resident, ResidentRead):
            resident = self.resident.to_dict()
        else:
            resident = self.resident

        satisfaction: None | str | Unset
        if isinstance(self.satisfaction, Unset):
            satisfaction = UNSET
        elif isinstance(self.satisfaction, NeedReadSatisfactionType0):
            satisfaction = self.satisfaction.value
        else:
            satisfaction = self.satisfaction

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claims": claims,
                "community": community,
                "description": description,
                "grid": grid,
                "helpers": helpers,
                "id": id,
                "kind": kind,
                "lapse_count": lapse_count,
                "photos": photos,
                "privacy": privacy,
                "recorded_at": recorded_at,
                "release_count": release_count,
                "skills": skills,
                "status": status,
                "title": title,
                "urgency": urgency,
                "wanted_by": wanted_by,
            }
        )
        if building is not UNSET:
            field_dict["building"] = building
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if case_outcome is not UNSET:
            field_dict["case_outcome"] = case_outcome
        if case_status is not UNSET:
            field_dict["case_status"] = case_status
        if done_note is not UNSET:
            field_dict["done_note"] = done_note
        if hours_credited is not UNSET:
            field_dict["hours_credited"] = hours_credited
        if hours_reported is not UNSET:
            field_dict["hours_reported"] = hours_reported
        if hours_wanted is not UNSET:
            field_dict["hours_wanted"] = hours_wanted
        if origin_case_id is not UNSET:
            field_dict["origin_case_id"] = origin_case_id
        if report_id is not UNSET:
            field_dict["report_id"] = report_id
        if resident is not UNSET:
            field_dict["resident"] = resident
        if satisfaction is not UNSET:
            field_dict["satisfaction"] = satisfaction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.case_outcome import CaseOutcome
        from ..models.claim_read import ClaimRead
        from ..models.resident_read import ResidentRead

        d = dict(src_dict)
        claims = []
        _claims = d.pop("claims")
        for claims_item_data in _claims:
            claims_item = ClaimRead.from_dict(claims_item_data)

            claims.append(claims_item)

        community = d.pop("community")

        description = d.pop("description")

        grid = d.pop("grid")

        helpers = d.pop("helpers")

        id = d.pop("id")

        kind = d.pop("kind")

        lapse_count = d.pop("lapse_count")

        photos = cast(list[str], d.pop("photos"))

        privacy = NeedReadPrivacy(d.pop("privacy"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        release_count = d.pop("release_count")

        skills = cast(list[str], d.pop("skills"))

        status = NeedReadStatus(d.pop("status"))

        title = d.pop("title")

        urgency = NeedReadUrgency(d.pop("urgency"))

        wanted_by = datetime.datetime.fromisoformat(d.pop("wanted_by"))

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        def _parse_case_outcome(data: object) -> CaseOutcome | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                case_outcome_type_0 = CaseOutcome.from_dict(data)

                return case_outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseOutcome | None | Unset, data)

        case_outcome = _parse_case_outcome(d.pop("case_outcome", UNSET))

        def _parse_case_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_status = _parse_case_status(d.pop("case_status", UNSET))

        def _parse_done_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_note = _parse_done_note(d.pop("done_note", UNSET))

        def _parse_hours_credited(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hours_credited = _parse_hours_credited(d.pop("hours_credited", UNSET))

        def _parse_hours_reported(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hours_reported = _parse_hours_reported(d.pop("hours_reported", UNSET))

        def _parse_hours_wanted(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hours_wanted = _parse_hours_wanted(d.pop("hours_wanted", UNSET))

        def _parse_origin_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin_case_id = _parse_origin_case_id(d.pop("origin_case_id", UNSET))

        def _parse_report_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        report_id = _parse_report_id(d.pop("report_id", UNSET))

        def _parse_resident(data: object) -> None | ResidentRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resident_type_0 = ResidentRead.from_dict(data)

                return resident_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResidentRead | Unset, data)

        resident = _parse_resident(d.pop("resident", UNSET))

        def _parse_satisfaction(
            data: object,
        ) -> NeedReadSatisfactionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                satisfaction_type_0 = NeedReadSatisfactionType0(data)

                return satisfaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NeedReadSatisfactionType0 | None | Unset, data)

        satisfaction = _parse_satisfaction(d.pop("satisfaction", UNSET))

        need_read = cls(
            claims=claims,
            community=community,
            description=description,
            grid=grid,
            helpers=helpers,
            id=id,
            kind=kind,
            lapse_count=lapse_count,
            photos=photos,
            privacy=privacy,
            recorded_at=recorded_at,
            release_count=release_count,
            skills=skills,
            status=status,
            title=title,
            urgency=urgency,
            wanted_by=wanted_by,
            building=building,
            case_id=case_id,
            case_outcome=case_outcome,
            case_status=case_status,
            done_note=done_note,
            hours_credited=hours_credited,
            hours_reported=hours_reported,
            hours_wanted=hours_wanted,
            origin_case_id=origin_case_id,
            report_id=report_id,
            resident=resident,
            satisfaction=satisfaction,
        )

        need_read.additional_properties = d
        return need_read

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
