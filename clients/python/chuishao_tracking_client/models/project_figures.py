from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProjectFigures")


@_attrs_define
class ProjectFigures:
    """
    Attributes:
        active (int): Projects active now (created before the period's end)
        done (int): Projects done in the period
        people_served (int): People served by those active and done projects
    """

    active: int
    done: int
    people_served: int

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        done = self.done

        people_served = self.people_served

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "active": active,
                "done": done,
                "people_served": people_served,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        active = d.pop("active")

        done = d.pop("done")

        people_served = d.pop("people_served")

        project_figures = cls(
            active=active,
            done=done,
            people_served=people_served,
        )

        return project_figures
