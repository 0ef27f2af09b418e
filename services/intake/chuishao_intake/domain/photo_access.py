"""Who may read a stored photo (pure rules). A photo is personal data in its own right (a face, a door,
a licence plate): it is readable by the person who uploaded it and by the parties of the reports that
use it, as photos, verification photos or a department's evidence in the case timeline — the grid
worker who filed the report, the liaisons of the departments assigned to its case, the dispatchers
whose jurisdiction holds its grid — and by admins. Nobody else: not another district's staff, not the
public (Open311 publishes no photo URL)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PhotoReader:
    sub: str
    role: str
    department: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True)
class PhotoUse:
    """A report that uses the photo: who filed it, where, and the departments on its case."""

    reporter: str
    grid: str
    departments: frozenset[str]


def departments_of(case_view: Mapping[str, Any] | None) -> frozenset[str]:
    return frozenset(a["department"] for a in (case_view or {}).get("assignments", []) if a.get("department"))


def may_read_photo(
    reader: PhotoReader,
    *,
    uploaders: Collection[str],
    uses: Iterable[PhotoUse],
    chain: Callable[[str], Sequence[str]],
) -> bool:
    """`chain(grid)`: the grid's jurisdiction codes up to its district (KeyError for an unknown grid)."""
    if reader.role == "admin" or reader.sub in uploaders:
        return True
    for use in uses:
        if reader.role == "grid_worker" and use.reporter == reader.sub:
            return True
        if reader.role == "liaison" and reader.department is not None and reader.department in use.departments:
            return True
        if reader.role == "dispatcher" and reader.jurisdiction is not None:
            try:
                if reader.jurisdiction in chain(use.grid):
                    return True
            except KeyError:
                continue
    return False
