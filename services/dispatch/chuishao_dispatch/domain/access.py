"""Object-level access: which cases an actor may see (and so act on)."""

from __future__ import annotations

from collections.abc import Sequence

from chuishao_dispatch.domain.case import Case
from chuishao_dispatch.domain.values import Actor


def may_see(actor: Actor, case: Case, jurisdiction_chain: Sequence[str]) -> bool:
    """A liaison sees the cases their department holds an assignment on, a dispatcher the cases in
    their jurisdiction, an admin every case."""
    if actor.role == "liaison":
        return any(a.department == actor.department for a in case.assignments)
    if actor.role == "dispatcher":
        return actor.jurisdiction is not None and actor.jurisdiction in jurisdiction_chain
    return actor.role == "admin"
