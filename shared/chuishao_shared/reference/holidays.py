"""China's public holidays and 调休 make-up working days from a maintained library (`chinese-calendar`,
updated each year after the State Council's notice), with `sla_policies.yaml` as local overrides.

The calendar is *covered* to the end of the last year the library (or a YAML holiday) knows. Past that
date a working-hours deadline cannot be computed exactly: dispatch marks it provisional and counts the
working week less the statutory holidays computed from the rules and the lunar calendar (statutory.py;
the notice's bridging days and 调休 are unknown until it is entered), readiness warns ahead of time and
`chuishao_calendar_coverage_days` counts the days left. Upgrading `chinese-calendar` (or listing the next
year's holidays in the YAML) extends the coverage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# Readiness warns when fewer days than this are left (the notice for a year comes out in November).
COVERAGE_WARNING_DAYS = 45


# Past the data, the statutory holidays of this many years are computed (statutory.py).
ESTIMATED_YEARS = 2


@dataclass(frozen=True)
class ChinaCalendar:
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    covered_until: date
    # The statutory holidays of the years after `covered_until`, computed from the rules and the lunar
    # calendar: a provisional deadline past the data skips them (the notice's 调休 is still unknown).
    estimated_holidays: frozenset[date] = frozenset()


def estimated_after(covered_until: date, years: int = ESTIMATED_YEARS) -> frozenset[date]:
    """The computed statutory holidays of the `years` years after the one `covered_until` ends."""
    from chuishao_shared.reference.statutory import LAST_YEAR, statutory_holidays

    first = covered_until.year + 1
    return frozenset().union(*(statutory_holidays(y) for y in range(first, min(first + years, LAST_YEAR + 1))))


def library_calendar() -> ChinaCalendar:
    from chinese_calendar import constants

    holidays, workdays = frozenset(constants.holidays), frozenset(constants.workdays)
    covered = date(max(d.year for d in holidays), 12, 31)
    return ChinaCalendar(holidays, workdays, covered, estimated_after(covered))


def with_overrides(base: ChinaCalendar, holidays: Iterable[date], makeup_workdays: Iterable[date]) -> ChinaCalendar:
    """The YAML wins: its holidays are rest days and its make-up days working days, whatever the library
    says. A year with a holiday in the YAML counts as covered."""
    extra_holidays, extra_workdays = frozenset(holidays), frozenset(makeup_workdays)
    covered = max([base.covered_until, *(date(d.year, 12, 31) for d in extra_holidays)])
    return ChinaCalendar(
        holidays=(base.holidays - extra_workdays) | extra_holidays,
        makeup_workdays=(base.makeup_workdays - extra_holidays) | extra_workdays,
        covered_until=covered,
        estimated_holidays=estimated_after(covered),
    )


def coverage_days(covered_until: date | None, today: date) -> int | None:
    """Days from `today` to the last covered day (negative once past it); None for an unlimited calendar."""
    return None if covered_until is None else (covered_until - today).days


def coverage_warning(covered_until: date | None, today: date) -> str | None:
    left = coverage_days(covered_until, today)
    if left is None or left > COVERAGE_WARNING_DAYS:
        return None
    return (
        f"the holiday calendar ends on {covered_until}: {left} days left; upgrade chinese-calendar or add the "
        "next year's holidays and 调休 days to sla_policies.yaml: past it, working-hours deadlines are provisional "
        "(the statutory holidays computed from the lunar calendar, no 调休)"
    )
