"""An honest estimate of a year whose holiday notice is not out yet: the statutory holidays only.

The law (全国年节及纪念日放假办法, as revised in November 2024, in force from 2025-01-01) fixes
the holidays every citizen has; the State Council's yearly notice then adds the bridging days
and the make-up working days, which cannot be predicted. So an estimated year has exactly the
statutory days off and no make-up days, and every deadline in it stays provisional:
- 元旦 New Year's Day: 1 January
- 春节 Spring Festival: the eve and the first three days of the first lunar month (4 days)
- 清明节 Qingming: the day of the 清明 solar term
- 劳动节 Labour Day: 1-2 May
- 端午节 Dragon Boat: the 5th of the 5th lunar month
- 中秋节 Mid-Autumn: the 15th of the 8th lunar month
- 国庆节 National Day: 1-3 October
Lunar and solar-term dates come from `plaint.lunartable` (generated from the `holidays` package).
Imported only when a deadline reaches a year with no data, so `plaint overdue` does not pay for it.
"""

from __future__ import annotations

from datetime import date, timedelta

from plaint import lunartable

RULE_FROM = 2025  # the revised rules apply from this year; earlier years are not estimated


def estimable(kind: str, year: int) -> bool:
    return kind == "cn" and max(RULE_FROM, lunartable.FIRST) <= year <= lunartable.LAST


def statutory_days(kind: str, year: int) -> dict[date, str]:
    """The statutory days off of `year` with their names, or {} when the year cannot be estimated."""
    if not estimable(kind, year):
        return {}
    new_year, qingming, dragon, mid_autumn = (
        date(year, int(item[:2]), int(item[2:])) for item in lunartable.DATES[year - lunartable.FIRST].split())
    days: dict[date, str] = {}

    def add(first: date, count: int, name: str) -> None:
        for offset in range(count):
            day = first + timedelta(days=offset)
            days[day] = f"{days[day]}、{name}" if day in days else name

    add(date(year, 1, 1), 1, "元旦 New Year's Day")
    add(new_year - timedelta(days=1), 4, "春节 Spring Festival")
    add(qingming, 1, "清明节 Qingming Festival")
    add(date(year, 5, 1), 2, "劳动节 Labour Day")
    add(dragon, 1, "端午节 Dragon Boat Festival")
    add(mid_autumn, 1, "中秋节 Mid-Autumn Festival")
    add(date(year, 10, 1), 3, "国庆节 National Day")
    return days
