"""Query parameters of the public API: parsed here, refused with a 422 naming the field."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chuishao_shared import pagination
from chuishao_shared.problems import field_problem
from chuishao_shared.reference import ReferenceData
from chuishao_shared.vocabulary import CASE_STATUSES
from chuishao_tracking.domain.records import parse_time
from chuishao_tracking.domain.statistics import Period

DEFAULT_DAYS = 30
FINISHED_DAYS = 90  # how long a finished matter stays findable on the board page
Q_MEANING = (
    "search: words separated by spaces, each matching the case id (or its first characters) or the public "
    "name of the case's category, grid, community (or its street or district) or departments; a case "
    "matches every word. A report's text and contact are never searched."
)
MAX_PERIOD = timedelta(days=400)


def parse_statuses(raw: list[str] | None) -> list[str] | None:
    """`status` may repeat or hold a comma-separated list."""
    if not raw:
        return None
    statuses = [s.strip() for value in raw for s in value.split(",") if s.strip()]
    unknown = [s for s in statuses if s not in CASE_STATUSES]
    if unknown:
        raise field_problem("status", f"unknown status {unknown[0]!r}; one of {', '.join(CASE_STATUSES)}")
    return statuses or None


def check_community(reference: ReferenceData, value: str | None) -> str | None:
    if value is None:
        return None
    node = reference.jurisdictions.get(value)
    if node is None or node.level != "community":
        raise field_problem("community", f"no community with code {value!r}")
    return value


def check_department(reference: ReferenceData, value: str | None) -> str | None:
    if value is not None and value not in reference.departments:
        raise field_problem("department", f"no department with code {value!r}")
    return value


def _moment(field: str, raw: str, tz: ZoneInfo) -> datetime:
    """An RFC 3339 date-time with an offset, or a calendar date (midnight in the board's time zone)."""
    text = raw.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(), tz)
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise field_problem(field, "not an RFC 3339 date-time or a YYYY-MM-DD date") from None
    if value.tzinfo is None:
        raise field_problem(field, "a date-time needs a time zone offset, e.g. 2025-06-01T00:00:00+08:00")
    return parse_time(value)  # type: ignore[return-value]


def parse_period(raw_from: str | None, raw_to: str | None, now: datetime, tz: ZoneInfo) -> Period:
    end = _moment("to", raw_to, tz) if raw_to else now
    start = _moment("from", raw_from, tz) if raw_from else end - timedelta(days=DEFAULT_DAYS)
    if start >= end:
        raise field_problem("from", "must be before `to`")
    if end - start > MAX_PERIOD:
        raise field_problem("to", f"a period spans at most {MAX_PERIOD.days} days")
    return Period(start, end)


def decode_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    """The shared cursor codec over (opened_at, case id); a bad cursor is a 422 naming `cursor`."""
    return pagination.decode_cursor(cursor, str, status=422)
