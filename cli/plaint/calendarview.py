"""A calendar as people read it: the month grid and the coverage line."""

from __future__ import annotations

import calendar as stdcal
from datetime import date, datetime

from plaint.calendars import Calendar
from plaint.errors import UsageError


def month_grid(cal: Calendar, month: str) -> str:
    try:
        year, number = (int(part) for part in month.split("-"))
        date(year, number, 1)
    except ValueError:
        raise UsageError(f"cannot read month {month!r}; write it as YYYY-MM, e.g. 2026-10")
    lines = [f"{date(year, number, 1):%B %Y} — {cal.title} ({cal.tz.key})", "  Mo  Tu  We  Th  Fr  Sa  Su"]
    notes = []
    for week in stdcal.Calendar().monthdatescalendar(year, number):
        cells = []
        for day in week:
            if day.month != number:
                cells.append("    ")
                continue
            mark = " "
            if day in cal.work or (day in cal.special and cal.special[day][0]):
                mark = "+"
            elif day in cal.off or (day in cal.special and not cal.special[day][0]):
                mark = "-"
            cells.append(f"{day.day:>3}{mark}")
            if day in cal.work or day in cal.off or day in cal.special:
                notes.append(f"  {day} {day:%a} {mark} {cal.note(day)}")
        lines.append("".join(cells))
    if not (cal.covers(date(year, number, 1).toordinal())):
        lines.append(f"  (no {cal.name} data for {year}: weekly pattern only, provisional)")
    lines.append("  - day off   + extra working day or special hours")
    return "\n".join(lines + notes)


def coverage(cal: Calendar, now: datetime, days: int) -> tuple[str, bool]:
    if cal.last is None:
        return f"{cal.name}: no holiday data needed (weekly pattern only); ok", True
    today = now.astimezone(cal.tz).date()
    left = (cal.last - today).days
    years = ", ".join(f"{y}" for y in sorted(cal.sources))
    line = f"{cal.name}: covers {cal.first} to {cal.last} ({years}); {left} days left"
    if left <= days:
        return (f"{line}: data ends within {days} days; add [years.{cal.last.year + 1}] from the official "
                f"notice to {cal.path}"), False
    return line + "; ok", True
