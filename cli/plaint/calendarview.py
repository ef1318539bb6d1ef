"""A calendar as people read it: the month grid and the coverage line."""

from __future__ import annotations

import calendar as stdcal
from datetime import date, datetime, timedelta
from typing import NamedTuple

from plaint.calendars import Calendar
from plaint.errors import UsageError
from plaint.i18n import N_, _

# The shipped calendars' titles, for the catalog.
TITLES = (N_("Mainland China (State Council holiday notices)"), N_("Monday to Friday, no public holidays"))
MARKS = {"off": "-", "special-off": "-", "work": "+", "special": "+", "estimated": "~", "": " "}


def month_grid(cal: Calendar, month: str) -> str:
    try:
        year, number = (int(part) for part in month.split("-"))
        date(year, number, 1)
    except ValueError:
        raise UsageError(_("cannot read month {month!r}; write it as YYYY-MM, e.g. 2026-10").format(month=month))
    from plaint.i18n import is_zh, weekday
    title = f"{year}年{number}月" if is_zh() else f"{date(year, number, 1):%B %Y}"
    head = "  一  二  三  四  五  六  日" if is_zh() else "  Mo  Tu  We  Th  Fr  Sa  Su"
    lines = [f"{title} — {_(cal.title)} ({cal.tz.key})", head]
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
                notes.append(f"  {day} {weekday(day)} {mark} {cal.note(day)}")
        lines.append("".join(cells))
    status = cal.status(year)
    if status == "estimated":
        lines.append(_("  ({year} is estimated: no official {name} notice yet; statutory holidays only, no make-up "
                       "days; deadlines provisional; add it with `plaint calendar add-year {year}`)").format(year=year, name=cal.name))
    elif status == "missing":
        lines.append(_("  (no {name} data for {year}: weekly pattern only, provisional)").format(name=cal.name, year=year))
    elif year in cal.year_paths:
        lines.append(_("  ({year} from {value})").format(year=year, value=cal.year_paths[year]))
    lines.append(_("  - day off   + extra working day or special hours")
                 + (_("   ~ estimated day off") if status == "estimated" else ""))
    return "\n".join(lines + notes)


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
