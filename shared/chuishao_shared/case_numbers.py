"""The short number of a report and of its case (issue 27 item 3): `五阳-1205-0012`, something a grid
worker can read out to a resident.

    <community's short name>-<month><day in Asia/Shanghai>-<the community's n-th report that day>

Intake hands the number out when it accepts a report, in the filing's one statement: a counter row per
community and day is incremented there (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`), so concurrent
filings never share a number and a rejected or replayed filing takes none. A case carries the number of
the report that opened it; a report that joins a case later keeps its own. The number is no secret and
carries no personal data: a place the resident knows (their community), a day, a count.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Shanghai")
DIGITS = 4  # 0001…9999; a 10 000th report that day gets five digits, never a truncated number

# Community names end in one of these; the number uses what is left (五阳社区 → 五阳).
_SUFFIXES = ("社区居民委员会", "居民委员会", "村民委员会", "社区居委会", "居委会", "村委会", "社区")

# A number as people type it: the short name, four digits (month and day), a count. Spaces or full-width
# dashes are tolerated on input; `normalise` gives the stored form.
_DASHES = re.compile(r"\s*[-－—–‐]\s*")
PATTERN = re.compile(r"^(?P<name>[^\s-]{1,12})-(?P<mmdd>\d{4})-(?P<seq>\d{4,})$")


def short_name(community_name: str) -> str:
    """The community's name without its 社区/居委会 suffix (the whole name when nothing is left)."""
    name = community_name.strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def local_day(at: datetime) -> date:
    """The calendar day in Asia/Shanghai of an aware instant (the day the number counts in)."""
    if at.tzinfo is None:
        raise ValueError("the instant must be timezone-aware")
    return at.astimezone(LOCAL).date()


def prefix(community_name: str, at: datetime) -> str:
    """Everything before the count: `五阳-1205-`."""
    return f"{short_name(community_name)}-{local_day(at):%m%d}-"


def format_number(number_prefix: str, sequence: int) -> str:
    if sequence < 1:
        raise ValueError("a sequence starts at 1")
    return f"{number_prefix}{sequence:0{DIGITS}d}"


def sql_number(prefix_param: str, sequence_sql: str) -> str:
    """The same formatting in SQL (intake's filing statement): zero-padded to four digits, never cut."""
    digits = f"CAST({sequence_sql} AS text)"
    return f"({prefix_param} || lpad({digits}, greatest({DIGITS}, length({digits})), '0'))"


def normalise(text: str) -> str:
    """A typed number in its stored form (full-width or spaced dashes → '-'); other text unchanged."""
    return _DASHES.sub("-", text.strip())


def looks_like_number(text: str) -> bool:
    return PATTERN.match(normalise(text)) is not None
