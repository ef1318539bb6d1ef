"""How far a calendar's holiday data reaches: which years deadlines will need, and whether each is
official, estimated from the statutory holidays, or missing (`plaint check`, `calendar check`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from plaint.calendars import Calendar
from plaint.i18n import _


class Coverage(NamedTuple):
    line: str       # what `calendar check` prints
    ok: bool        # False: a year that deadlines now reach has no data at all (exit 2)
    warning: str    # a year that deadlines now reach is only estimated (stderr, exit 0)


def coverage(cal: Calendar, now: datetime, days: int) -> Coverage:
    """Which years the next `days` days reach, and whether each is official, estimated or missing."""
    if cal.last is None:
        return Coverage(_("{name}: no holiday data needed (weekly pattern only); ok").format(name=cal.name), True, "")
    today = now.astimezone(cal.tz).date()
    reach = range(today.year, (today + timedelta(days=days)).year + 1)
    left = (cal.last - today).days
    years = ", ".join(f"{y}" + (_(" from the book") if y in cal.year_paths else "") for y in sorted(cal.sources))
    line = _("{name}: covers {first} to {last} ({years}); {left} days left").format(
        name=cal.name, first=cal.first, last=cal.last, years=years, left=left)
    missing = [y for y in reach if cal.status(y) == "missing"]
    estimated = [y for y in reach if cal.status(y) == "estimated"]
    if missing:
        fix = (_("add the notice with `plaint calendar add-year {year} --notice FILE --write`").format(year=missing[0])
               if cal.estimate else
               _("add [years.{year}] from the official notice to {path}").format(year=missing[0], path=cal.path))
        return Coverage(_("{line}: no data for {value}, which deadlines reach within {days} days; {fix}").format(line=line, value=missing[0], days=days, fix=fix),
                        False, "")
    if estimated:
        year = estimated[0]
        return Coverage(_("{line}; {year} estimated").format(line=line, year=year), True,
                        _("warning: {name}: {year} is estimated from the statutory holidays (no official notice "
                          "yet), so deadlines in it are provisional; add the notice with `plaint calendar add-year` "
                          "(plaint calendar add-year {year} --notice FILE --write)").format(name=cal.name, year=year))
    return Coverage(line + _("; ok"), True, "")
