"""China's public holidays and 调休 make-up working days from a maintained library (`chinese-calendar`,
updated each year after the State Council's notice), with `sla_policies.yaml` as local overrides.

The calendar is *covered* to the end of the last year the library (or a YAML holiday) knows. Past that
date a working-hours deadline cannot be computed honestly: dispatch raises an explicit error there,
readiness warns ahead of time and `chuishao_calendar_coverage_days` counts the days left. Upgrading
`chinese-calendar` (or listing the next year's holidays in the YAML) extends the coverage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# Readiness warns when fewer days than this are left (the notice for a year comes out in November).
COVERAGE_WARNING_DAYS = 45


@dataclass(frozen=True)
class ChinaCalendar:
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    covered_until: date


def library_calendar() -> ChinaCalendar:
    from chinese_calendar import constants

    holidays, workdays = frozenset(constants.holidays), frozenset(constants.workdays)
    return ChinaCalendar(holidays, workdays, date(max(d.year for d in holidays), 12, 31))


def with_overrides(base: ChinaCalendar, holidays: Iterable[date], makeup_workdays: Iterable[date]) -> ChinaCalendar:
    """The YAML wins: its holidays are rest days and its make-up days working days, whatever the library
    says. A year with a holiday in the YAML counts as covered."""
    extra_holidays, extra_workdays = frozenset(holidays), frozenset(makeup_workdays)
    covered = max([base.covered_until, *(date(d.year, 12, 31) for d in extra_holidays)])
    return ChinaCalendar(
        holidays=(base.holidays - extra_workdays) | extra_holidays,
        makeup_workdays=(base.makeup_workdays - extra_holidays) | extra_workdays,
        covered_until=covered,
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
        "next year's holidays and 调休 days to sla_policies.yaml, or working-hours deadlines past it will fail"
    )
