"""How far a calendar's holiday data reaches: which years deadlines will need, and whether each is
official, estimated from the statutory holidays, or missing (`plaint check`, `calendar check`).
The answer is data; `plaint.render.calendar` words it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from plaint.calendars import Calendar


class Coverage(NamedTuple):
    name: str                           # the calendar's
    first: date | None                  # None: a weekly pattern only, no holiday data needed
    last: date | None
    years: tuple[tuple[int, bool], ...]  # each year with data, and whether the book holds it
    left: int                           # days from today to `last`
    days: int                           # how far ahead deadlines reach
    missing: int | None                 # the first year they reach with no data at all (exit 2)
    estimated: int | None               # the first year they reach that is only estimated (a warning)
    estimate: bool                      # the calendar can estimate years (the fix is `calendar add-year`)
    path: str | None                    # the calendar's file (the fix when it cannot estimate)

    @property
    def ok(self) -> bool:
        return self.missing is None


def coverage(cal: Calendar, now: datetime, days: int) -> Coverage:
    """Which years the next `days` days reach, and whether each is official, estimated or missing."""
    if cal.last is None:
        return Coverage(cal.name, None, None, (), 0, days, None, None, bool(cal.estimate), cal.path)
    today = now.astimezone(cal.tz).date()
    reach = range(today.year, (today + timedelta(days=days)).year + 1)
    years = tuple((year, year in cal.year_paths) for year in sorted(cal.sources))
    missing = [y for y in reach if cal.status(y) == "missing"]
    estimated = [y for y in reach if cal.status(y) == "estimated"]
    return Coverage(cal.name, cal.first, cal.last, years, (cal.last - today).days, days,
                    missing[0] if missing else None, estimated[0] if estimated else None,
                    bool(cal.estimate), cal.path)
