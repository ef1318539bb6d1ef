"""The calendar a book's policy names: a shipped calendar or a file inside the book, plus the
book's own years (`calendar/<name>-YYYY.toml`, written by `plaint calendar add-year`).

Nothing outside the book is read: `base` is a shipped name or a path inside the book, resolved
against the book's root (never the working directory), and year files must stay inside it.
"""

from __future__ import annotations

import os

from plaint.calendars import (Calendar, available_calendars, calendar_from_data, load_calendar, read_calendar_text,
                              read_year)
from plaint.errors import DataError, PlaintError, located, worded
from plaint.problems import Where, problems_of
from plaint.storage.resources import line_of, parse_toml, stem, template_file
from plaint.i18n import _

YEARS_DIR = "calendar"


def _is_name(base: str) -> bool:
    """`cn`, `weekdays`: a shipped calendar's name (no regex compiled on cron's path)."""
    return base.isascii() and base[:1].isalnum() and base == base.lower() and \
        all(c.isalnum() or c in "-_" for c in base)


def year_file(root: str, calendar_name: str, year: int) -> str:
    return os.path.join(root, YEARS_DIR, f"{calendar_name}-{year}.toml")


def inside(root: str, path: str) -> bool:
    real_root = os.path.realpath(root)
    return os.path.commonpath([os.path.realpath(path), real_root]) == real_root


def _shipped() -> str:
    """`shipped calendars: cn, weekdays` (listed only when an error is written)."""
    return f"shipped calendars: {', '.join(available_calendars())}"


def resolve_base(base, root: str) -> str:
    """The file a policy's `base` names; a DataError message (no location) for anything else."""
    if not isinstance(base, str) or not base or "\x00" in base:
        raise DataError(_("calendar `base` must be a shipped calendar name or a .toml file inside the book; got "
                          "{base!r} ({shipped})").format(base=base, shipped=_shipped()))
    if _is_name(base):
        path = template_file("calendars", f"{base}.toml")
        if os.path.isfile(path):
            return path
        raise DataError(_("no calendar {base!r}; {shipped}, or a .toml file inside the book like "
                          '"{YEARS_DIR}/ours.toml"').format(base=base, shipped=_shipped(), YEARS_DIR=YEARS_DIR))
    parts = base.replace("\\", "/").split("/")
    if os.path.isabs(base) or base.startswith("~") or ".." in parts or not base.endswith(".toml"):
        raise DataError(_("calendar base {base!r} must be a shipped calendar ({shipped}) or a .toml file inside "
                          'the book, written relative to the book, like "{YEARS_DIR}/ours.toml"').format(base=base, shipped=_shipped(), YEARS_DIR=YEARS_DIR))
    path = os.path.join(root, base)
    if not inside(root, path):
        raise DataError(_("calendar base {base!r} leads outside the book (through a symbolic link)").format(base=base))
    if not os.path.isfile(path):
        raise DataError(_("calendar base {base!r}: no such file in the book ({path})").format(base=base, path=path))
    return path


def book_years(root: str, calendar_name: str) -> dict[int, tuple[dict, dict, str, str]]:
    """The book's own years of a calendar: {year: (days off, extra working days, source, path)}."""
    folder = os.path.join(root, YEARS_DIR)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    prefix = f"{calendar_name}-"
    years = {}
    for name in sorted(names):
        wanted = name[len(prefix):-5]
        if not (name.startswith(prefix) and name.endswith(".toml") and len(wanted) == 4 and wanted.isascii() and wanted.isdigit()):
            continue
        path = os.path.join(folder, name)
        if not inside(root, path):
            raise worded(path, 1, _("{path}:1: leads outside the book (a symbolic link); keep the year's file in the "
                                    "book").format(path=path))
        text = read_calendar_text(path)
        data = parse_toml(text, path)
        tables = data.get("years") if isinstance(data.get("years"), dict) else {}
        if set(data) != {"years"} or set(tables) != {wanted}:
            raise worded(path, line_of(text, '['), _("{path}:{line_of}: this file holds exactly one table, [years.{wanted}] (its name "
                              "says {wanted}); found {value}").format(path=path, line_of=line_of(text, '['), wanted=wanted, value=', '.join(sorted(data)) or 'nothing'))
        year, off, work, source = read_year(wanted, tables[wanted], text, path)
        years[year] = (off, work, source, path)
    return years


def calendar_for_book(base, root: str, timezone: str | None = None) -> Calendar:
    """The named calendar with the book's own years on top (no policy overlay)."""
    path = resolve_base(base, root)
    if path.startswith(template_file("calendars")):
        cal = load_calendar(stem(path), timezone)
    else:
        text = read_calendar_text(path)
        cal = calendar_from_data(parse_toml(text, path), text, path, timezone)
    return cal.with_years(book_years(root, stem(path)))


def policy_calendar(table, policy_path: str, policy_text: str, timezone) -> Calendar:
    """The policy's `[calendar]`: its base, the book's years, and its closures and hours on top.
    Every problem is a DataError whose lines read `path:line: message`."""
    def where(needle: str) -> Where:  # the key or table at a line's start, not a comment that names it
        at = policy_text.find("\n" + needle)
        return Where(policy_path, policy_text.count("\n", 0, at) + 2 if at >= 0 else line_of(policy_text, needle))

    if not isinstance(table, dict):
        raise located(where('calendar'), _("{where}`calendar` must be a table ([calendar]), got {table!r}").format(where="", table=table))
    if timezone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise located(where('timezone'), _('{where}unknown timezone {timezone!r}; use an IANA name like "Asia/Shanghai" or '
                              '"Europe/Berlin"').format(where="", timezone=timezone))
    root = os.path.dirname(os.path.abspath(policy_path))
    try:
        cal = calendar_for_book(table.get("base", "cn"), root, timezone)
    except PlaintError as exc:
        if problems_of(exc):  # already says where (the calendar file's own line)
            raise
        raise located(where("base =" if "base" in table else "[calendar]"), exc.message)
    return cal.layered(table, where("[calendar]"))
