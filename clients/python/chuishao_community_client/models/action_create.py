from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.action_create_kind import ActionCreateKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.need_create import NeedCreate


T = TypeVar("T", bound="ActionCreate")


@_attrs_define
class ActionCreate:
    """
    Attributes:
        kind (ActionCreateKind):
        building (None | str | Unset):
        category (None | str | Unset):
        decision (None | str | Unset): The decision it carries out (default: the latest)
        description (None | str | Unset):
        due (datetime.datetime | None | Unset):
        grid (None | str | Unset):
        need (NeedCreate | None | Unset):
        owner (None | str | Unset):
        owner_person (None | str | Unset):
    """

    kind: ActionCreateKind
    building: None | str | Unset = UNSET
    category: None | str | Unset = UNSET
    decision: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    due: datetime.datetime | None | Unset = UNSET
    grid: None | str | Unset = UNSET
    need: NeedCreate | None | Unset = UNSET
    owner: None | str | Unset = UNSET
    owner_person: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.need_create import NeedCreate

        kind = self.kind.value

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        decision: None | str | Unset
        if isinstance(self.decision, Unset):
            decision = UNSET
        else:
            decision = self.decision

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        due: None | str | Unset
        if isinstance(self.due, Unset):
            due = UNSET
        elif isinstance(self.due, datetime.datetime):
            due = self.due.isoformat()
        else:
            due = self.due

        grid: None | str | Unset
        if isinstance(self.grid, Unset):
            grid = UNSET
        else:
            grid = self.grid

        need: dict[str, Any] | None | Unset
        if isinstance(self.need, Unset):
            need = UNSET
        elif isinstance(self.need, NeedCreate):
            need = self.need.to_dict()
        else:
            need = self.need

        owner: None | str | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        else:
            owner = self.owner

        owner_person: None | str | Unset
        if isinstance(self.owner_person, Unset):
            owner_person = UNSET
        else:
            owner_person = self.owner_person

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if building is not UNSET:
            field_dict["building"] = building
        if category is not UNSET:
            field_dict["category"] = category
        if decision is not UNSET:
            field_dict["decision"] = decision
        if description is not UNSET:
            field_dict["description"] = description
        if due is not UNSET:
            field_dict["due"] = due
        if grid is not UNSET:
            field_dict["grid"] = grid
        if need is not UNSET:
            field_dict["need"] = need
        if owner is not UNSET:
            field_dict["owner"] = owner
        if owner_person is not UNSET:
            field_dict["owner_person"] = owner_person

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.need_create import NeedCreate

        d = dict(src_dict)
        kind = ActionCreateKind(d.pop("kind"))

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_decision(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision = _parse_decision(d.pop("decision", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_due(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_type_0 = datetime.datetime.fromisoformat(data)

                return due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due = _parse_due(d.pop("due", UNSET))

        def _parse_grid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        grid = _parse_grid(d.pop("grid", UNSET))

        def _parse_need(data: object) -> NeedCreate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                need_type_0 = NeedCreate.from_dict(data)

                return need_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NeedCreate | None | Unset, data)

        need = _parse_need(d.pop("need", UNSET))

        def _parse_owner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner = _parse_owner(d.pop("owner", UNSET))

        def _parse_owner_person(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_person = _parse_owner_person(d.pop("owner_person", UNSET))

        action_create = cls(
            kind=kind,
            building=building,
            category=category,
            decision=decision,
            description=description,
            due=due,
            grid=grid,
            need=need,
            owner=owner,
            owner_person=owner_person,
        )

        return action_create
