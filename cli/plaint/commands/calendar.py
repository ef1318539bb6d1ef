"""`plaint calendar`: look at a calendar, compute a deadline by hand, check the data's coverage."""

from __future__ import annotations

import click

from plaint.commands.group import Session, echo, main, pass_session
from plaint.i18n import _, os_reason


def _calendar(session: Session, name: str | None):
    """`--calendar NAME` or the book's calendar."""
    from plaint.errors import UsageError
    if name:
        from plaint.bookcal import book_years
        from plaint.calendars import load_calendar
        from plaint.storage.resources import stem
        cal = load_calendar(name)
        try:  # inside a book, its own years of that calendar count too
            root = session.book.root
        except UsageError:
            return cal
        return cal.with_years(book_years(root, stem(cal.path)))
    try:
        return session.book.policy.calendar
    except UsageError as exc:
        raise UsageError(_("{message}\n(or name a calendar: --calendar cn)").format(message=exc.message))


def _now(session: Session, cal):
    from plaint.timeparse import resolve_now
    return resolve_now(session.settings.now, cal.tz)


@main.group()
def calendar():
    """Working calendars: month grid, deadlines by hand, data coverage."""


@calendar.command("show")
@click.argument("month", metavar="YYYY-MM")
@click.option("--calendar", "name", help="A shipped calendar (cn, weekdays) or a calendar file.")
@pass_session
def calendar_show(session: Session, month, name):
    """A month grid: days off marked `-`, extra working days `+`, with their names."""
    from plaint.render.calendar import month_grid
    from plaint.render import terminal_width
    from plaint.render.layout import fit_lines
    echo(fit_lines(month_grid(_calendar(session, name), month), terminal_width()))  # a long holiday name wraps


@calendar.command("due")
@click.argument("start")
@click.argument("duration", nargs=-1, required=True)
@click.option("--calendar", "name", help="A shipped calendar (cn, weekdays) or a calendar file.")
@click.option("--explain", is_flag=True, help="Show each step: days skipped and why, hours counted.")
@pass_session
def calendar_due(session: Session, start, duration, name, explain):
    """When DURATION from START is due, e.g. `plaint calendar due "2026-09-30 17:00" 3wd`."""
    from plaint.deadlines import due
    from plaint.durations import parse_duration
    from plaint.render.calendar import due_text
    from plaint.timeparse import parse_time
    cal = _calendar(session, name)
    begin = parse_time(start, cal.tz, "start", year=_now(session, cal).year)
    result = due(begin, parse_duration(" ".join(duration)), cal, explain)
    from plaint.render import terminal_width
    from plaint.render.layout import fit_lines
    echo(fit_lines(due_text(result, cal.tz, explain), terminal_width()))
    if result.provisional:
        from plaint.render.deadline import provisional_warning
        click.echo(provisional_warning(cal, (begin.astimezone(cal.tz).year, result.at.year)), err=True)


@calendar.command("check")
@click.option("--calendar", "name", help="Check this calendar only (default: the book's, or every shipped one).")
@click.option("--days", default=60, show_default=True,
              help="How far ahead deadlines reach: the years within this many days must have data.")
@pass_session
def calendar_check(session: Session, name, days):
    """Coverage of each calendar: exit 2 when a year within --days has no data at all; a year that is
    only estimated from the statutory holidays is warned about on stderr (exit 0)."""
    from plaint.calendars import available_calendars, load_calendar
    from plaint.coverage import coverage
    from plaint.errors import UsageError
    if name:
        cals = [_calendar(session, name)]
    else:
        try:
            cals = [session.book.policy.calendar]
        except UsageError:
            cals = [load_calendar(n) for n in available_calendars()]
    from plaint.render import terminal_width
    from plaint.render.calendar import coverage_line, coverage_warning
    from plaint.render.layout import fit_lines
    failed = False
    for cal in cals:
        found = coverage(cal, _now(session, cal), days)
        click.echo(fit_lines(coverage_line(found), terminal_width()) if found.ok else coverage_line(found),
                   err=not found.ok)  # wrapped on a terminal; a problem on stderr stays one line
        if coverage_warning(found):
            click.echo(coverage_warning(found), err=True)
        failed |= not found.ok
    if failed:
        raise click.exceptions.Exit(2)


@calendar.command("add-year")
@click.argument("year", type=int)
@click.option("--notice", "notice", required=True, metavar="FILE",
              help="The State Council's notice as text (pasted from the web page); - reads stdin.")
@click.option("--write", is_flag=True, help="Write the year into the book (calendar/cn-YYYY.toml) and commit it.")
@pass_session
def calendar_add_year(session: Session, year, notice, write):
    """Read next year's holidays from the State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知).

    Prints the year's data and the month grids to review; with --write keeps it in the book.
    """
    from plaint.addyear import add_year
    from plaint.render.calendar import month_grid
    from plaint.errors import UsageError
    from plaint.notice import decode_notice
    try:
        with click.open_file(notice, "rb") as handle:
            raw = handle.read(1 << 20)
    except OSError as exc:
        raise UsageError(_("cannot read the notice {notice}: {strerror}").format(notice=notice, strerror=os_reason(exc)))
    name = "<stdin>" if notice == "-" else notice
    try:
        book = session.book
        cal = book.policy.calendar
    except UsageError:
        if write:
            raise
        from plaint.calendars import load_calendar
        book, cal = None, load_calendar("cn")
    result = add_year(year, decode_notice(raw, name), name, cal, book, write,
                      session.actor if write else "", session.commit)
    from plaint.render.outcomes import add_year_text, notice_note
    for note in result["notice"].notes:
        click.echo(notice_note(note), err=True)
    echo(result["text"])
    for month in result["months"]:
        click.echo("")
        echo(month_grid(result["calendar"], month))
    click.echo("")
    click.echo(add_year_text(year, result))
