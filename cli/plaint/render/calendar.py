"""A calendar as people read it: the month grid and the coverage line."""

from __future__ import annotations

import calendar as stdcal
from datetime import date

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
    from plaint.words import aside
    lines = [f"{title} — {_(cal.title)}{aside(cal.tz.key)}", head]
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


def due_text(result, tz, explain: bool = False) -> str:
    """`plaint calendar due`: the steps when explained, then `2026-10-10 18:00 Sat (ISO time)`,
    marked provisional beyond the calendar's data."""
    from plaint.timeparse import show_time
    lines = [f"  {step}" for step in result.steps] if explain else []
    shown = show_time(result.at, tz, deadline=True, weekday=True)  # `Sat 2026-10-10 18:00`
    weekday, date_part = shown.split(" ", 1)
    lines.append(f"{date_part} {weekday} ({result.at.isoformat()})" + (" " + _("provisional") if result.provisional else ""))
    return "\n".join(lines)
