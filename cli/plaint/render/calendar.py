"""A calendar as people read it: the month grid, a deadline worked out by hand, and the coverage line."""

from __future__ import annotations

import calendar as stdcal
from datetime import date
from typing import TYPE_CHECKING

from plaint.errors import UsageError
from plaint.i18n import N_, _

if TYPE_CHECKING:  # types only: render reads the core's values, it never runs the core
    from plaint.calendars import Calendar

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
    from plaint.render.deadline import day_note
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
                notes.append(f"  {day} {weekday(day)} {mark} {day_note(cal.why(day))}")
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
    from plaint.render.times import show_time
    from plaint.render.deadline import step_line
    lines = [f"  {step_line(step)}" for step in result.steps] if explain else []
    shown = show_time(result.at, tz, deadline=True, weekday=True)  # `Sat 2026-10-10 18:00`
    weekday, date_part = shown.split(" ", 1)
    from plaint.i18n import is_zh
    iso = f"（{result.at.isoformat()}）" if is_zh() else f" ({result.at.isoformat()})"
    lines.append(f"{date_part} {weekday}{iso}" + (" " + _("provisional") if result.provisional else ""))
    return "\n".join(lines)


def coverage_line(found) -> str:
    """`calendar check`'s line for one calendar (`plaint.coverage.Coverage`): the years it covers,
    the days left, and `ok`, the year only estimated, or the year with no data and its fix."""
    if found.last is None:
        return _("{name}: no holiday data needed (weekly pattern only); ok").format(name=found.name)
    years = ", ".join(f"{year}" + (_(" from the book") if in_book else "") for year, in_book in found.years)
    line = _("{name}: covers {first} to {last} ({years}); {left} days left").format(
        name=found.name, first=found.first, last=found.last, years=years, left=found.left)
    if found.missing is not None:
        year = found.missing
        fix = (_("add the notice with `plaint calendar add-year {year} --notice FILE --write`").format(year=year)
               if found.estimate else
               _("add [years.{year}] from the official notice to {path}").format(year=year, path=found.path))
        return _("{line}: no data for {value}, which deadlines reach within {days} days; {fix}").format(
            line=line, value=year, days=found.days, fix=fix)
    if found.estimated is not None:
        return _("{line}; {year} estimated").format(line=line, year=found.estimated)
    return line + _("; ok")


def coverage_warning(found) -> str:
    """The stderr warning when the deadlines reach a year that is only estimated ("" otherwise)."""
    if found.missing is not None or found.estimated is None:
        return ""
    return _("warning: {name}: {year} is estimated from the statutory holidays (no official notice yet), so "
             "deadlines in it are provisional; add the notice with `plaint calendar add-year` (plaint calendar "
             "add-year {year} --notice FILE --write)").format(name=found.name, year=found.estimated)


def coverage_said(found) -> str:
    """A Coverage among `check`'s problems (a year with no data: its line) or warnings (a year only
    estimated: the warning)."""
    return coverage_line(found) if not found.ok else coverage_warning(found)
