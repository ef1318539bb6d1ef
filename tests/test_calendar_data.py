"""cn.toml against an independent source (the `holidays` package) for 2024-2026."""

import re
from datetime import date, timedelta

import pytest

holidays = pytest.importorskip("holidays")

YEARS = (2024, 2025, 2026)


def weekdays_off(cal, year):
    return {d for d in cal.off if d.year == year and d.weekday() < 5}


def test_days_off_on_weekdays_match(cn):
    reference = holidays.China(years=YEARS)
    for year in YEARS:
        theirs = {d for d in reference if d.year == year and d.weekday() < 5}
        assert weekdays_off(cn, year) == theirs, year


def test_make_up_workdays_match(cn):
    reference = holidays.China(years=YEARS)
    theirs = set()
    for name in reference.values():
        for month, day, year in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            theirs.add(date(int(year), int(month), int(day)))
    ours = {d for d in cn.work if d.year in YEARS}
    assert ours == theirs
    assert all(d.weekday() >= 5 for d in ours)  # a make-up day is always a weekend day


def test_every_year_cites_its_notice(cn):
    assert sorted(cn.sources) == list(YEARS)
    for year, source in cn.sources.items():
        assert f"关于{year}年部分节假日安排的通知" in source
    assert cn.first == date(2024, 1, 1) and cn.last == date(2026, 12, 31)


def test_2026_blocks_exactly(cn):
    off = sorted(d for d in cn.off if d.year == 2026)
    expected = []
    for start, end in [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
                       ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
                       ("2026-10-01", "2026-10-07")]:
        day, last = date.fromisoformat(start), date.fromisoformat(end)
        while day <= last:
            expected.append(day)
            day += timedelta(days=1)
    assert off == expected
    assert sorted(d for d in cn.work if d.year == 2026) == [
        date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10)]
