"""A deadline worked out, as people read it: the dates `--explain` walks through and why each
counts or not (from `plaint.deadlines.Step` and `Calendar.why`), and the warning for deadlines
beyond a calendar's official data."""

from __future__ import annotations

from datetime import date

from plaint.i18n import _, holiday_name, weekday
from plaint.words import aside


def day_label(day: date) -> str:
    """`Wed 2026-09-30`."""
    return f"{weekday(day)} {day.isoformat()}"


def day_note(why: tuple[str, str]) -> str:
    """Why a date is what it is (`Calendar.why`): `day off: 国庆节 National Day`, `weekend`."""
    kind, name = why
    if kind in ("special", "special-off"):
        return name
    if kind == "work":
        return _("extra working day: {name}").format(name=holiday_name(name))
    if kind == "off":
        return _("day off: {name}").format(name=holiday_name(name))
    if kind == "estimated":
        return _("estimated day off: {name} (statutory; no official notice yet)").format(name=holiday_name(name))
    if kind == "closed":
        return _("closed for the day")
    return _("working day") if kind == "working" else _("weekend")


def _day0(step) -> str:
    label = day_label(step.day)
    if step.kind == "day-0":
        if step.day0 == "raise":
            return _("{label}: day 0, {day0}, never counts").format(label=label, day0=_("the day the raise took effect"))
        return _("{label}: day 0, the receipt date, never counts").format(label=label)
    if step.day0 == "raise":
        return _("{label}: day 0, {day0}; due at the end (24:00) of the date {amount} calendar day(s) later, "
                 "{label2}").format(label=label, day0=_("the day the raise took effect"), amount=step.count,
                                    label2=day_label(step.last))
    return _("{label}: receipt date; due at the end (24:00) of the date {amount} calendar day(s) later, "
             "{label2}").format(label=label, amount=step.count, label2=day_label(step.last))


def _counted(step) -> str:
    hours = dict(label=day_label(step.day), hm=f"{step.start:%H:%M}", hm2=f"{step.end:%H:%M}", value=step.minutes)
    if step.done == step.total:  # the last span: its own message (the catalog has it so)
        return _("{label} {hm}-{hm2}: {value:.0f} min counted ({value2:.0f} of {value2:.0f})").format(
            value2=step.total, **hours)
    return _("{label} {hm}-{hm2}: {value:.0f} min counted ({value2:.0f} of {value3:.0f})").format(
        value2=step.done, value3=step.total, **hours)


def step_line(step) -> str:
    """One `plaint.deadlines.Step` in words."""
    kind, label = step.kind, day_label(step.day) if step.day else ""
    if kind == "elapsed":
        from plaint.words import duration
        return _("{duration} of elapsed time from {value:%Y-%m-%d %H:%M %z}").format(
            duration=duration(step.duration), value=step.start)
    if kind in ("day-0", "calendar-days"):
        return _day0(step)
    if kind == "open":
        return _("{label}: a working day still open; due at today's closing time").format(label=label)
    if kind == "closed":
        return _("{label}: {why}; due at the next working day's closing time").format(label=label, why=day_note(step.why))
    if kind == "working-day":
        return (_("{label}: working day {counted}").format(label=label, counted=step.count)
                + (aside(day_note(step.why)) if step.why else ""))
    if kind == "skipped":
        return _("{label}: skipped, {value}").format(label=label, value=day_note(step.why))
    if kind == "counted":
        return _counted(step)
    if kind == "due-closing":
        return _("due at closing time {at:%H:%M} on {label}").format(at=step.end, label=label)
    return _("due at {hm} on {label}").format(hm=f"{step.end:%H:%M}", label=label)  # due-at


def provisional_warning(cal, years: tuple[int, ...] = (), clocks: list[str] | None = None,
                        count: int | None = None) -> str:
    """The stderr line for deadlines computed beyond the official data: what is provisional (this
    deadline, counted over `years`; the named clocks' deadlines; `count` rows marked *), the year
    and the fix."""
    if clocks:
        from plaint.words import clock as clock_word
        names = ", ".join(clock_word(name) for name in clocks)
        what = (_("the {clocks} deadlines are") if len(clocks) > 1 else _("the {clocks} deadline is")).format(clocks=names)
    elif count is not None:
        what = _("{count} deadline(s) marked * are").format(count=count)
    else:
        what = _("this deadline is")
    year = cal.provisional_year(*years)
    if cal.status(year) == "estimated":
        return _("warning: {what} provisional: calendar {name!r} has no official data for {year}, so its "
                 "holidays are estimated from the statutory holidays; add the notice with `plaint calendar "
                 "add-year` (plaint calendar add-year {year} --notice FILE --write)").format(
            what=what, name=cal.name, year=year)
    fix = (_("add the notice with `plaint calendar add-year {year} --notice FILE --write`").format(year=year)
           if cal.estimate else _("add [years.{year}] to {path}").format(year=year, path=cal.path))
    return _("warning: {what} provisional: calendar {name!r} has no data for {year} (computed with the "
             "plain weekly pattern); {fix}").format(what=what, name=cal.name, year=year, fix=fix)
