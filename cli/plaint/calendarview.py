"""A calendar as people read it: the month grid and the coverage line."""

from __future__ import annotations

import calendar as stdcal
from datetime import date, datetime, timedelta
from typing import NamedTuple

from plaint.calendars import Calendar
from plaint.errors import UsageError
from plaint.i18n import _

MARKS = {"off": "-", "special-off": "-", "work": "+", "special": "+", "estimated": "~", "": " "}


def month_grid(cal: Calendar, month: str) -> str:
    try:
        year, number = (int(part) for part in month.split("-"))
        date(year, number, 1)
    except ValueError:
        raise UsageError(_("cannot read month {month!r}; write it as YYYY-MM, e.g. 2026-10").format(month=month))
    lines = [f"{date(year, number, 1):%B %Y} — {cal.title} ({cal.tz.key})", "  Mo  Tu  We  Th  Fr  Sa  Su"]
    notes = []
    for week in stdcal.Calendar().monthdatescalendar(year, number):
        cells = []
        for day in week:
            if day.month != number:
                cells.append("    ")
                continue
            kind = cal.kind(day)
            mark = MARKS[kind]
            cells.append(f"{day.day:>3}{mark}")
            if kind:
                notes.append(f"  {day} {day:%a} {mark} {cal.note(day)}")
        lines.append("".join(cells))
    status = cal.status(year)
    if status == "estimated":
        lines.append(f"  ({year} is estimated: no official {cal.name} notice yet; statutory holidays only, no "
                     f"make-up days; deadlines provisional; add it with `plaint calendar add-year {year}`)")
    elif status == "missing":
        lines.append(f"  (no {cal.name} data for {year}: weekly pattern only, provisional)")
    elif year in cal.year_paths:
        lines.append(f"  ({year} from {cal.year_paths[year]})")
    lines.append("  - day off   + extra working day or special hours"
                 + ("   ~ estimated day off" if status == "estimated" else ""))
    return "\n".join(lines + notes)


class Coverage(NamedTuple):
    line: str       # what `calendar check` prints
    ok: bool        # False: a year that deadlines now reach has no data at all (exit 2)
    warning: str    # a year that deadlines now reach is only estimated (stderr, exit 0)


def coverage(cal: Calendar, now: datetime, days: int) -> Coverage:
    """Which years the next `days` days reach, and whether each is official, estimated or missing."""
    if cal.last is None:
        return Coverage(f"{cal.name}: no holiday data needed (weekly pattern only); ok", True, "")
    today = now.astimezone(cal.tz).date()
    reach = range(today.year, (today + timedelta(days=days)).year + 1)
    left = (cal.last - today).days
    years = ", ".join(f"{y}" + (" from the book" if y in cal.year_paths else "") for y in sorted(cal.sources))
    line = f"{cal.name}: covers {cal.first} to {cal.last} ({years}); {left} days left"
    missing = [y for y in reach if cal.status(y) == "missing"]
    estimated = [y for y in reach if cal.status(y) == "estimated"]
    if missing:
        fix = (f"add the notice with `plaint calendar add-year {missing[0]} --notice FILE --write`" if cal.estimate
               else f"add [years.{missing[0]}] from the official notice to {cal.path}")
        return Coverage(f"{line}: no data for {missing[0]}, which deadlines reach within {days} days; {fix}",
                        False, "")
    if estimated:
        year = estimated[0]
        return Coverage(f"{line}; {year} estimated", True,
                        f"warning: {cal.name}: {year} is estimated from the statutory holidays (no official notice "
                        f"yet), so deadlines in it are provisional; add the notice with `plaint calendar add-year` "
                        f"(plaint calendar add-year {year} --notice FILE --write)")
    return Coverage(line + "; ok", True, "")
