"""Role aliases for the routes of units, resources, orders, projects, activities and certificates."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from chuishao_community.deps import scoped
from chuishao_community.domain.values import Actor

UnitKeeper = Annotated[Actor, Depends(scoped("community_staff", "unit_contact"))]
UnitContact = Annotated[Actor, Depends(scoped("unit_contact"))]
Member = Annotated[Actor, Depends(scoped("volunteer"))]
StaffVolunteerOrUnit = Annotated[Actor, Depends(scoped("community_staff", "volunteer", "unit_contact"))]
