from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.deliberation_figures import DeliberationFigures
    from ..models.hours_figures import HoursFigures
    from ..models.member_figures import MemberFigures
    from ..models.need_figures import NeedFigures
    from ..models.order_figures import OrderFigures
    from ..models.project_figures import ProjectFigures


T = TypeVar("T", bound="CommunityFigures")


@_attrs_define
class CommunityFigures:
    """
    Attributes:
        community (str):
        community_name (str):
        community_name_en (str):
        deliberation (DeliberationFigures):
        hours (HoursFigures):
        members (MemberFigures):
        needs (NeedFigures):
        orders (OrderFigures):
        projects (ProjectFigures):
    """

    community: str
    community_name: str
    community_name_en: str
    deliberation: DeliberationFigures
    hours: HoursFigures
    members: MemberFigures
    needs: NeedFigures
    orders: OrderFigures
    projects: ProjectFigures

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        community_name = self.community_name

        community_name_en = self.community_name_en

        deliberation = self.deliberation.to_dict()

        hours = self.hours.to_dict()

        members = self.members.to_dict()

        needs = self.needs.to_dict()

        orders = self.orders.to_dict()

        projects = self.projects.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "community": community,
                "community_name": community_name,
                "community_name_en": community_name_en,
                "deliberation": deliberation,
                "hours": hours,
                "members": members,
                "needs": needs,
                "orders": orders,
                "projects": projects,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deliberation_figures import DeliberationFigures
        from ..models.hours_figures import HoursFigures
        from ..models.member_figures import MemberFigures
        from ..models.need_figures import NeedFigures
        from ..models.order_figures import OrderFigures
        from ..models.project_figures import ProjectFigures

        d = dict(src_dict)
        community = d.pop("community")

        community_name = d.pop("community_name")

        community_name_en = d.pop("community_name_en")

        deliberation = DeliberationFigures.from_dict(d.pop("deliberation"))

        hours = HoursFigures.from_dict(d.pop("hours"))

        members = MemberFigures.from_dict(d.pop("members"))

        needs = NeedFigures.from_dict(d.pop("needs"))

        orders = OrderFigures.from_dict(d.pop("orders"))

        projects = ProjectFigures.from_dict(d.pop("projects"))

        community_figures = cls(
            community=community,
            community_name=community_name,
            community_name_en=community_name_en,
            deliberation=deliberation,
            hours=hours,
            members=members,
            needs=needs,
            orders=orders,
            projects=projects,
        )

        return community_figures
