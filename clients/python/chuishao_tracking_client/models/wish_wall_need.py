from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.wish_wall_need_claimed_by_type_0 import WishWallNeedClaimedByType0
from ..models.wish_wall_need_status import WishWallNeedStatus
from ..models.wish_wall_need_urgency import WishWallNeedUrgency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.skill_name import SkillName


T = TypeVar("T", bound="WishWallNeed")


@_attrs_define
class WishWallNeed:
    """
    Attributes:
        claimed (bool): Claimed by a member or a unit (being fulfilled, or fulfilled)
        community (str):
        community_name (str):
        community_name_en (str):
        fulfilled (bool): Confirmed with the resident (已实现)
        grid (str):
        grid_name (str):
        grid_name_en (str):
        helpers (int):
        id (str):
        kind (str): The need's kind (a code of GET /v1/need-kinds on community)
        kind_name (str):
        kind_name_en (str):
        recorded_at (str):
        skills (list[SkillName]):
        status (WishWallNeedStatus):
        title (str): Public text: the kind's words and the grid's name. The resident's own title and description are
            never published (they may name a person)
        title_en (str):
        updated_at (str):
        urgency (WishWallNeedUrgency):
        wanted_by (str): RFC 3339
        claimed_at (None | str | Unset): The first claim
        claimed_by (None | Unset | WishWallNeedClaimedByType0): Who holds the claim, never who
        fulfilled_at (None | str | Unset):
    """

    claimed: bool
    community: str
    community_name: str
    community_name_en: str
    fulfilled: bool
    grid: str
    grid_name: str
    grid_name_en: str
    helpers: int
    id: str
    kind: str
    kind_name: str
    kind_name_en: str
    recorded_at: str
    skills: list[SkillName]
    status: WishWallNeedStatus
    title: str
    title_en: str
    updated_at: str
    urgency: WishWallNeedUrgency
    wanted_by: str
    claimed_at: None | str | Unset = UNSET
    claimed_by: None | Unset | WishWallNeedClaimedByType0 = UNSET
    fulfilled_at: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        claimed = self.claimed

        community = self.community

        community_name = self.community_name

        community_name_en = self.community_name_en

        fulfilled = self.fulfilled

        grid = self.grid

        grid_name = self.grid_name

        grid_name_en = self.grid_name_en

        helpers = self.helpers

        id = self.id

        kind = self.kind

        kind_name = self.kind_name

        kind_name_en = self.kind_name_en

        recorded_at = self.recorded_at

        skills = []
        for skills_item_data in self.skills:
            skills_item = skills_item_data.to_dict()
            skills.append(skills_item)

        status = self.status.value

        title = self.title

        title_en = self.title_en

        updated_at = self.updated_at

        urgency = self.urgency.value

        wanted_by = self.wanted_by

        claimed_at: None | str | Unset
        if isinstance(self.claimed_at, Unset):
            claimed_at = UNSET
        else:
            claimed_at = self.claimed_at

        claimed_by: None | str | Unset
        if isinstance(self.claimed_by, Unset):
            claimed_by = UNSET
        elif isinstance(self.claimed_by, WishWallNeedClaimedByType0):
            claimed_by = self.claimed_by.value
        else:
            claimed_by = self.claimed_by

        fulfilled_at: None | str | Unset
        if isinstance(self.fulfilled_at, Unset):
            fulfilled_at = UNSET
        else:
            fulfilled_at = self.fulfilled_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claimed": claimed,
                "community": community,
                "community_name": community_name,
                "community_name_en": community_name_en,
                "fulfilled": fulfilled,
                "grid": grid,
                "grid_name": grid_name,
                "grid_name_en": grid_name_en,
                "helpers": helpers,
                "id": id,
                "kind": kind,
                "kind_name": kind_name,
                "kind_name_en": kind_name_en,
                "recorded_at": recorded_at,
                "skills": skills,
                "status": status,
                "title": title,
                "title_en": title_en,
                "updated_at": updated_at,
                "urgency": urgency,
                "wanted_by": wanted_by,
            }
        )
        if claimed_at is not UNSET:
            field_dict["claimed_at"] = claimed_at
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by
        if fulfilled_at is not UNSET:
            field_dict["fulfilled_at"] = fulfilled_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.skill_name import SkillName

        d = dict(src_dict)
        claimed = d.pop("claimed")

        community = d.pop("community")

        community_name = d.pop("community_name")

        community_name_en = d.pop("community_name_en")

        fulfilled = d.pop("fulfilled")

        grid = d.pop("grid")

        grid_name = d.pop("grid_name")

        grid_name_en = d.pop("grid_name_en")

        helpers = d.pop("helpers")

        id = d.pop("id")

        kind = d.pop("kind")

        kind_name = d.pop("kind_name")

        kind_name_en = d.pop("kind_name_en")

        recorded_at = d.pop("recorded_at")

        skills = []
        _skills = d.pop("skills")
        for skills_item_data in _skills:
            skills_item = SkillName.from_dict(skills_item_data)

            skills.append(skills_item)

        status = WishWallNeedStatus(d.pop("status"))

        title = d.pop("title")

        title_en = d.pop("title_en")

        updated_at = d.pop("updated_at")

        urgency = WishWallNeedUrgency(d.pop("urgency"))

        wanted_by = d.pop("wanted_by")

        def _parse_claimed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claimed_at = _parse_claimed_at(d.pop("claimed_at", UNSET))

        def _parse_claimed_by(
            data: object,
        ) -> None | Unset | WishWallNeedClaimedByType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_by_type_0 = WishWallNeedClaimedByType0(data)

                return claimed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WishWallNeedClaimedByType0, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by", UNSET))

        def _parse_fulfilled_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fulfilled_at = _parse_fulfilled_at(d.pop("fulfilled_at", UNSET))

        wish_wall_need = cls(
            claimed=claimed,
            community=community,
            community_name=community_name,
            community_name_en=community_name_en,
            fulfilled=fulfilled,
            grid=grid,
            grid_name=grid_name,
            grid_name_en=grid_name_en,
            helpers=helpers,
            id=id,
            kind=kind,
            kind_name=kind_name,
            kind_name_en=kind_name_en,
            recorded_at=recorded_at,
            skills=skills,
            status=status,
            title=title,
            title_en=title_en,
            updated_at=updated_at,
            urgency=urgency,
            wanted_by=wanted_by,
            claimed_at=claimed_at,
            claimed_by=claimed_by,
            fulfilled_at=fulfilled_at,
        )

        return wish_wall_need
