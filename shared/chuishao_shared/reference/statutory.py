"""China's statutory public holidays (法定节假日) of a year, computed from the rules and the lunar calendar,
for the years after the maintained calendar (`chinese-calendar`) ends.

The State Council's notice for a year (usually in November) adds the bridging rest days and the 调休
make-up working days, which no rule predicts; these computed days are only the statutory ones. A
deadline counted over them is still provisional (dispatch says so on the record), but it no longer
treats 春节 as a working week.

The rules (《全国年节及纪念日放假办法》): from 2025, 元旦 1 day, 春节 4 (农历除夕 to 正月初三), 清明 1, 劳动节 2
(May 1–2), 端午 1 (五月初五), 中秋 1 (八月十五), 国庆 3 (October 1–3); from 2014 to 2024 the same with 春节
初一 to 初三 and 劳动节 May 1 only; from 2008 to 2013 春节 was 除夕 to 初二.
"""

from __future__ import annotations

from datetime import date, timedelta

from borax.calendars.lunardate import LunarDate

FIRST_YEAR, LAST_YEAR = 2008, 2099  # the rules above, and the lunar table of `borax` (MIT)


def qingming(year: int) -> date:
    """清明, the solar term, by the usual formula for 2001–2099: day = [Y·0.2422 + 4.81] − [Y/4] of April
    (Y = the year's last two digits)."""
    y = year % 100
    return date(year, 4, int(y * 0.2422 + 4.81) - y // 4)


def _lunar(year: int, month: int, day: int) -> date:
    return LunarDate(year, month, day).to_solar_date()


def statutory_holidays(year: int) -> frozenset[date]:
    """The statutory holiday days of `year` (no bridging days, no 调休)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"statutory holidays are computed for {FIRST_YEAR}–{LAST_YEAR}, not {year}")
    new_year = _lunar(year, 1, 1)
    eve = new_year - timedelta(days=1)
    if year >= 2025:
        spring = [eve, new_year, new_year + timedelta(days=1), new_year + timedelta(days=2)]
        labour = [date(year, 5, 1), date(year, 5, 2)]
    elif year >= 2014:
        spring = [new_year, new_year + timedelta(days=1), new_year + timedelta(days=2)]
        labour = [date(year, 5, 1)]
    else:
        spring = [eve, new_year, new_year + timedelta(days=1)]
        labour = [date(year, 5, 1)]
    return frozenset(
        [
            date(year, 1, 1),
            *spring,
            qingming(year),
            *labour,
            _lunar(year, 5, 5),
            _lunar(year, 8, 15),
            date(year, 10, 1),
            date(year, 10, 2),
            date(year, 10, 3),
        ]
    )
