"""The estimate's lunar table against the `holidays` package, and the statutory rules."""

from datetime import date

import pytest

from plaint import lunartable
from plaint.statutory import estimable, statutory_days

holidays = pytest.importorskip("holidays")


def statutory_by_holidays(year):
    """`holidays` lists the statutory days and its own guesses at observed days: keep the statutory ones."""
    days = set()
    for day, names in holidays.China(years=year).items():
        if any("(observed)" not in name for name in names.split("; ")):
            days.add(day)
    return days


def test_table_covers_at_least_2027_to_2060():
    assert lunartable.FIRST <= 2025 and lunartable.LAST >= 2060
    assert len(lunartable.DATES) == lunartable.LAST - lunartable.FIRST + 1


def test_table_matches_the_holidays_lunisolar_calendar():
    from holidays.calendars.chinese import _ChineseLunisolar
    lunar = _ChineseLunisolar()
    for year, row in zip(range(lunartable.FIRST, lunartable.LAST + 1), lunartable.DATES):
        theirs = (lunar.lunar_new_year_date(year)[0], lunar.qingming_date(year)[0],
                  lunar.dragon_boat_date(year)[0], lunar.mid_autumn_date(year)[0])
        assert row == " ".join(f"{d:%m%d}" for d in theirs), year


# 2025 and 2026 are official in `holidays` too (notice days, not statutory ones): compare from 2027
@pytest.mark.parametrize("year", range(2027, lunartable.LAST + 1))
def test_estimate_matches_holidays_statutory_days(year):
    assert set(statutory_days("cn", year)) == statutory_by_holidays(year)


def test_the_2025_and_2026_notices_contain_the_estimate():
    """Each official year's days off include every statutory day the estimate gives for it."""
    from plaint.calendars import load_calendar
    cn = load_calendar("cn")
    for year in (2025, 2026):
        assert set(statutory_days("cn", year)) <= {d for d in cn.off if d.year == year}, year


def test_rules_in_2027():
    days = statutory_days("cn", 2027)
    assert days[date(2027, 2, 5)] == "春节 Spring Festival"  # the eve
    assert days[date(2027, 2, 8)] == "春节 Spring Festival"  # lunar 1/3
    assert date(2027, 2, 9) not in days
    assert [d for d in days if d.month == 5] == [date(2027, 5, 1), date(2027, 5, 2)]
    assert [d for d in days if d.month == 10] == [date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)]


def test_mid_autumn_on_national_day_is_named_for_both():
    days = statutory_days("cn", 2028)  # 中秋 falls on 3 October 2028
    assert days[date(2028, 10, 3)] == "中秋节 Mid-Autumn Festival、国庆节 National Day"
    assert len([d for d in days if d.month == 10]) == 3


def test_outside_the_rules_or_the_table_nothing_is_estimated():
    assert statutory_days("cn", 2024) == {} and not estimable("cn", 2024)
    assert statutory_days("cn", 2100) == {} and not estimable("cn", 2100)
    assert statutory_days("other", 2027) == {}
